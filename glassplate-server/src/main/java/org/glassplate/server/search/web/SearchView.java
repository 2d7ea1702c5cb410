package org.glassplate.server.search.web;

import java.util.List;
import org.glassplate.server.policy.Offense;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;

/**
 * The view model of {@code search/page.jte}: the policy's rules for a search, the form as typed
 * (or its defaults), the refusal when refused, and the results with the way to keep them.
 */
public record SearchView(Layout layout, Rules rules, RefusalView refusal, Form form, List<Offense> offenses,
    List<Choice> cameras, List<Choice> pageSizes, Results results, HoldOffer hold) {

  /** What the policy in force says a search may do. */
  public record Rules(String prohibitedPurposes, String retention, int policyVersion) {
  }

  /** The form's fields as typed, or their defaults; {@code fromMin} is the oldest time a search may reach. */
  public record Form(String caseNumber, String offense, String reason, String onBehalfOf, String query,
      boolean lookalike, String from, String fromMin, String to, List<Choice> area) {
  }

  /** A choice of the form: a value, its label, and whether it is chosen. */
  public record Choice(String value, String label, boolean chosen) {
  }

  /** A search's answer; {@code plot} is the chart helper's SVG, null when there is nothing to plot. */
  public record Results(int count, int page, boolean more, int camerasCovered, long auditIndex, boolean flagged,
      String plot, List<Row> rows) {
  }

  /** One read. */
  public record Row(long cameraId, String time, String camera, String plate, String state, String vehicle) {
  }

  /** The form asking for a legal hold on the reads shown (posted to the retention feature's /holds). */
  public record HoldOffer(String searchId, int reads, String proposed, String min, String max, String maxLegalHold) {
  }
}
