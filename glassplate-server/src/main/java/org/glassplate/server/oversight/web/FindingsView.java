package org.glassplate.server.oversight.web;

import java.util.List;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.web.ShownTime;

/**
 * The view model of {@code oversight/findings.jte}: the findings an auditor asked for, the filters
 * as chosen (rule, person, status) with what each may be, and what the last action did.
 */
public record FindingsView(Layout layout, String message, RefusalView refusal, List<Option> rules,
    List<Option> people, List<Option> statuses, List<Row> findings, int max) {

  /** A rule's id in words, for a person: {@code HIGH_VOLUME} is "high volume" (the id stays, small and muted). */
  public static String words(String rule) {
    return rule == null ? "" : rule.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  /** A choice of a filter: its value, its text, and whether it is the one chosen. */
  public record Option(String value, String text, boolean selected) {
  }

  /**
   * One finding as a row; {@code person} is the person's name (never the pseudonym), {@code state} its
   * status in words, {@code dismissal} who dismissed it and why, or null.
   */
  public record Row(long id, String rule, String severity, String person, String summary, ShownTime occurredAt,
      ShownTime detectedAt, String status, String state, int evidence, String dismissal) {
  }
}
