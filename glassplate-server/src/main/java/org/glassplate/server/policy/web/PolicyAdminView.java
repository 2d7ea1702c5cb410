package org.glassplate.server.policy.web;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.glassplate.server.core.Durations;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.PolicyProposal;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.web.ShownTime;
import org.glassplate.server.web.Wording;

/**
 * The view model of {@code policy/admin.jte}: the version in force, the recent proposals with their
 * diffs, the draft of the next one (as typed, after a refusal), and what the last action did. Times
 * are shown in the agency's time zone; people by their names (administrators see each other's).
 *
 * @param names the names of the people the page mentions, by pseudonym ({@code user:4})
 */
public record PolicyAdminView(Layout layout, String notice, RefusalView refusal, EffectivePolicy current,
    List<Proposal> proposals, String draft, String draftReference, ZoneId zone, Map<String, String> names) {

  /**
   * Whether {@code field} is the one the refusal concerns, or holds it ({@code document} holds
   * {@code document.retention.nonHit}, a field inside the YAML): the form marks and focuses it.
   */
  public boolean invalid(String field) {
    String refused = refusal() == null ? null : refusal().field();
    return refused != null && (field.equals(refused) || refused.startsWith(field + "."));
  }

  /** A moment in the agency's time zone. */
  public ShownTime time(Instant t) {
    return ShownTime.of(t, zone);
  }

  /** A person by name, for a pseudonym: "a former account" when unknown, "Glassplate" for the system. */
  public String who(String pseudonym) {
    if ("system".equals(pseudonym)) {
      return "Glassplate (the initial default)";
    }
    return names.getOrDefault(pseudonym, "an account no longer listed");
  }

  /** An approval's capacity in words. */
  public static String capacity(String as) {
    return switch (as) {
      case "PROPOSER" -> "proposed it";
      case "APPROVER" -> "approved it";
      case "AUTHOR_NOT_COUNTED" -> "approved it, not counted (the author's own approval)";
      case "SYSTEM" -> "installed it";
      default -> as.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    };
  }

  /** A proposal's expansions in words ("retention.nonHit 30 days -> 60 days"). */
  public static String expansions(List<String> expansions) {
    return Wording.forPerson(String.join("; ", expansions));
  }

  /** A duration in words. */
  public static String words(java.time.Duration d) {
    return Durations.inWords(d);
  }

  /** A proposal and its diff against its base version, as readable hunks. */
  public record Proposal(PolicyProposal proposal, List<DiffLine> diff) {
  }

  /**
   * One line of a diff: {@code kind} is {@code add}, {@code del}, {@code gap} or {@code same};
   * {@code prefix} the line number and the operation, aligned.
   */
  public record DiffLine(String kind, String prefix, String text) {
  }
}
