package org.glassplate.server.retention.web;

import java.util.List;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.ShownTime;

/** The view model of {@code retention/hold.jte}: one hold or extension and the reads it keeps. */
public record HoldView(Layout layout, Grant grant, List<HeldRead> reads, int shown) {

  /** The request; people by name, the search it came from, its state in words. */
  public record Grant(long id, String kind, String status, String state, long reads, String ends,
      String requestedBy, ShownTime asked, String caseNumber, String reason, String source, String approvedBy,
      String refusalReason) {
  }

  /** A read it keeps: when, where, and the plate. */
  public record HeldRead(long id, ShownTime capturedAt, String camera, String plate, String state) {
  }
}
