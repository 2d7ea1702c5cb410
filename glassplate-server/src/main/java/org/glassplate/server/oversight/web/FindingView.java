package org.glassplate.server.oversight.web;

import java.util.List;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.web.ShownTime;

/**
 * The view model of {@code oversight/finding.jte}: one finding with its evidence entries opened (the
 * opening is recorded before the page is made), and the dismissal form with a refusal of it, if any,
 * and the reason as typed.
 */
public record FindingView(Layout layout, FindingsView.Row finding, List<Evidence> evidence, int evidenceTotal,
    RefusalView refusal, String typed, boolean dismissable) {

  /** One evidence entry: what happened, when, and its fields, public and private, as an auditor reads them. */
  public record Evidence(long index, String type, ShownTime time, String outcome, String reasonCode,
      List<Field> fields) {
  }

  /** A field of an entry; {@code secret} marks one that only its commitment makes public. */
  public record Field(String name, String value, boolean secret) {
  }

  /** Whether the refusal shown concerns the reason field. */
  public boolean invalidReason() {
    return refusal != null && "reason".equals(refusal.field());
  }
}
