package org.glassplate.server.retention.web;

import java.util.List;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;

/**
 * The view model of {@code retention/holds.jte}: every hold and extension the caller may see, and
 * what the last supervisor's action did (a message, or its refusal).
 */
public record HoldsView(Layout layout, String message, RefusalView refusal, List<Row> grants, int shown,
    String maxLegalHold) {

  /** One hold or extension; {@code approvable} and {@code endable} only for supervisors. */
  public record Row(long id, String kind, String status, long reads, String ends, String requestedBy,
      String caseNumber, String reason, String approvedBy, boolean approvable, boolean endable) {
  }
}
