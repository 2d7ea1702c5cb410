package org.glassplate.server.hotlist.web;

import org.glassplate.server.hotlist.Alert;
import org.glassplate.server.hotlist.MatchKind;

/**
 * One alert as its card shows it ({@code hotlist/alert.jte}): the server renders the latest alerts
 * with it, and {@code operator.js} clones the blank card (in a {@code <template>} element) for each new
 * one from the stream. Every card carries the "verify before action" banner (R-HOT-3).
 *
 * @param kind the match kind's code; {@code strong} when it is not an exact match
 * @param seenBy the camera, and the read's confidence when known
 * @param verified the verification recorded, or null when none is
 */
public record AlertCard(long id, String kind, boolean strong, String banner, String plate, String state,
    String kindLabel, String capturedAt, String seenBy, String listed, String reason, String verified) {

  static AlertCard of(Alert a) {
    return new AlertCard(a.id(), a.matchKind().code(), a.matchKind() != MatchKind.EXACT, a.banner(), a.plate(),
        a.state(), kindLabel(a.matchKind()), String.valueOf(a.capturedAt()),
        "by camera " + a.cameraId() + (a.confidence() == null ? "" : ", confidence " + Math.round(a.confidence()) + "%"),
        a.entryPlate() + " " + (a.entryState() == null ? "(any state)" : a.entryState()) + " on " + a.listName()
            + " (" + a.source().code() + ")",
        a.reason().label(), a.verification() == null ? null
            : "Verified: " + a.verification().outcome().code().replace('_', ' ') + " by "
                + a.verification().verifiedBy());
  }

  /** The card the script fills in for an alert that arrives on the stream. */
  static AlertCard blank() {
    return new AlertCard(0, "", false, "", "", "", "", "", "", "", "", null);
  }

  static String kindLabel(MatchKind k) {
    return switch (k) {
      case EXACT -> "exact match";
      case LOOKALIKE -> "look-alike match";
      case PARTIAL -> "partial match";
    };
  }
}
