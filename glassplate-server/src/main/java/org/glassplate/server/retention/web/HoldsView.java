package org.glassplate.server.retention.web;

import java.util.List;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;

/**
 * The view model of {@code retention/holds.jte}: every hold and extension the caller may see, and
 * what the last supervisor's action did (a message, or its refusal: {@code refusedRow} is the one it
 * concerns and {@code typed} the reason as typed there).
 */
public record HoldsView(Layout layout, String message, RefusalView refusal, Long refusedRow, String typed,
    List<Row> grants, int shown, String maxLegalHold) {

  /**
   * One hold or extension; {@code state} is its status in words, {@code requestedBy} and
   * {@code approvedBy} are names, {@code source} the search it came from; {@code approvable} (and
   * refusable) and {@code endable} only for supervisors.
   */
  public record Row(long id, String kind, String status, String state, long reads, String ends, String requestedBy,
      String caseNumber, String reason, String approvedBy, String source, String refusalReason, boolean approvable,
      boolean endable) {
  }

  /** Whether the refusal shown concerns this row's reason field. */
  public boolean invalidReason(long id) {
    return refusal != null && refusedRow != null && refusedRow == id && "reason".equals(refusal.field());
  }

  /** The refusal reason as typed in this row before it was refused, so that nothing typed is lost. */
  public String typedIn(long id) {
    return refusedRow != null && refusedRow == id && typed != null ? typed : "";
  }
}
