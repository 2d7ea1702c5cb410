package org.glassplate.server.oversight.web;

import java.util.List;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.web.ShownTime;

/**
 * The view model of {@code oversight/investigations.jte}: the investigations an auditor asked for
 * (filtered by status, the overdue marked), what the last action did, and the form that opens one
 * from findings, with its refusal, if any, and what was typed.
 */
public record InvestigationsView(Layout layout, String message, RefusalView refusal, List<FindingsView.Option> statuses,
    List<Row> investigations, int max, String typedFindings, String typedSummary) {

  /**
   * One investigation as a row: the subject, who opened it and the assignee by name (never by
   * pseudonym); {@code state} its outcome in words; {@code overdue} when pending for more than 180 days.
   */
  public record Row(long id, String subject, String outcome, String state, ShownTime openedAt, String openedBy,
      String assignee, int findings, boolean overdue, boolean pending) {
  }

  public boolean invalidFindings() {
    return refusal != null && "findings".equals(refusal.field());
  }

  public boolean invalidSummary() {
    return refusal != null && "summary".equals(refusal.field());
  }
}
