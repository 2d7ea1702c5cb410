package org.glassplate.server.policy;

import java.time.Instant;

/**
 * One step of a version's approval record, as published: who (a pseudonym, never a name), in
 * which capacity ({@code PROPOSER}, {@code APPROVER}, or {@code SYSTEM} for the initial default),
 * when, and a short public note.
 */
public record PolicyApproval(String by, String as, Instant at, String note) {

  /** The capacity an approval was given in, in words: what the public may know of who approved. */
  public String title() {
    return title(as);
  }

  /** A capacity ({@code PROPOSER}, {@code APPROVER}, ...) in words; never a name or pseudonym. */
  public static String title(String as) {
    return switch (as) {
      case "PROPOSER" -> "An administrator, who proposed it";
      case "APPROVER" -> "A second administrator, who approved it";
      case "AUTHOR_NOT_COUNTED" -> "Its author, whose approval does not count";
      case "SYSTEM" -> "Glassplate, installing the default policy at first start";
      default -> as.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    };
  }
}
