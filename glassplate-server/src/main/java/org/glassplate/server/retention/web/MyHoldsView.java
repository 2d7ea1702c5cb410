package org.glassplate.server.retention.web;

import java.util.List;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.ShownTime;

/** The view model of {@code retention/mine.jte}: the holds and extensions the caller asked for, newest first. */
public record MyHoldsView(Layout layout, List<Row> requests, int shown) {

  /**
   * One request and what became of it: {@code state} in words (pending, approved, refused, expired,
   * ended), who approved it (a name) or why a supervisor refused it.
   */
  public record Row(long id, String kind, String status, String state, long reads, String ends, ShownTime asked,
      String caseNumber, String reason, String source, String approvedBy, String refusalReason) {
  }
}
