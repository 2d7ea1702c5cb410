package org.glassplate.server.hotlist;

import java.time.Instant;

/**
 * An alert for operators: the read, the entry it hit, how it matched, and the human verification
 * once recorded (R-HOT-2, R-HOT-3). {@code plate} and {@code state} are null once the alert is
 * redacted past the hit retention.
 */
public record Alert(long id, long readId, long cameraId, String plate, String state, Instant capturedAt,
    Double lat, Double lon, Double confidence, long listId, String listName, HotlistSource source, long entryId,
    String entryPlate, String entryState, ReasonCategory reason, MatchKind matchKind, Instant raisedAt,
    Verification verification) {

  /** A person's check of a hit before any action (R-HOT-3). */
  public record Verification(VerificationOutcome outcome, String verifiedBy, Instant verifiedAt) {
  }

  /** The JSON shape of the API ({@code GET /api/v1/alerts}, the stream, the operator page). */
  public java.util.Map<String, Object> toJson() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("id", id);
    m.put("plate", plate);
    m.put("state", state);
    m.put("matchKind", matchKind.code());
    m.put("readId", readId);
    m.put("capturedAt", capturedAt.toString());
    m.put("cameraId", cameraId);
    m.put("lat", lat);
    m.put("lon", lon);
    m.put("confidence", confidence);
    m.put("listId", listId);
    m.put("listName", listName);
    m.put("source", source.code());
    m.put("entryId", entryId);
    m.put("entryPlate", entryPlate);
    m.put("entryState", entryState);
    m.put("reason", reason.code());
    m.put("reasonLabel", reason.label());
    m.put("raisedAt", raisedAt.toString());
    m.put("verifyBeforeAction", banner());
    if (verification != null) {
      m.put("verification", java.util.Map.of("outcome", verification.outcome().code(),
          "verifiedBy", verification.verifiedBy(), "verifiedAt", verification.verifiedAt().toString()));
    } else {
      m.put("verification", null);
    }
    return m;
  }

  /** The plain warning shown with every alert; stronger when the plate only looks alike (R-HOT-3). */
  public String banner() {
    return switch (matchKind) {
      case EXACT -> "Verify before action: confirm the plate, the state and the entry with the state system "
          + "before any stop. A hit is not probable cause.";
      case LOOKALIKE -> "LOOK-ALIKE MATCH — the read differs from the listed plate by one character that cameras "
          + "confuse. Do not act until you have seen the plate yourself and confirmed the entry with the state system.";
      case PARTIAL -> "PARTIAL MATCH — the entry is only part of a plate. Do not act until you have seen the full "
          + "plate yourself and confirmed the entry with the state system.";
    };
  }

  @Override
  public String toString() {
    return "Alert[id=" + id + ", kind=" + matchKind + "]";
  }
}
