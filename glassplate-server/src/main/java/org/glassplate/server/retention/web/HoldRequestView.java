package org.glassplate.server.retention.web;

import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;

/**
 * The view model of {@code retention/request.jte}: a refused hold request, with the form as typed and
 * the refused field marked.
 */
public record HoldRequestView(Layout layout, RefusalView refusal, String searchId, String reason, String endsOn,
    String maxLegalHold, String latestDay) {

  /** Whether the refusal concerns this form field. */
  public boolean invalid(String field) {
    return field.equals(refusal.field());
  }
}
