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

  /**
   * A person's check of a hit before any action (R-HOT-3).
   *
   * @param verifiedBy the person's public pseudonym ({@code user:<n>}), for the audit and the API
   * @param verifiedById the person's account, whose name a page shows to staff
   * @param note what the person wrote (private; null when none or once redacted)
   */
  public record Verification(VerificationOutcome outcome, String verifiedBy, Instant verifiedAt, long verifiedById,
      String note) {
    @Override
    public String toString() {
      return "Verification[" + outcome + "]";
    }
  }

  /**
   * The JSON shape of an alert in the API ({@code GET /api/v1/alerts}, the stream, the operator
   * page); {@code plate}, {@code state}, {@code lat}, {@code lon}, {@code confidence} and
   * {@code verification} are null when absent.
   */
  public record Json(long id, String plate, String state, String matchKind, long readId, String capturedAt,
      long cameraId, Double lat, Double lon, Double confidence, long listId, String listName, String source,
      long entryId, String entryPlate, String entryState, String reason, String reasonLabel, String raisedAt,
      String verifyBeforeAction, VerificationJson verification) {
    @Override
    public String toString() {
      return "Alert.Json[id=" + id + "]";
    }
  }

  /** A recorded verification as the API shows it. */
  public record VerificationJson(String outcome, String verifiedBy, String verifiedAt) {
  }

  /** This alert as the API shows it. */
  public Json toJson() {
    return new Json(id, plate, state, matchKind.code(), readId, capturedAt.toString(), cameraId, lat, lon, confidence,
        listId, listName, source.code(), entryId, entryPlate, entryState, reason.code(), reason.label(),
        raisedAt.toString(), banner(), verification == null ? null : new VerificationJson(
            verification.outcome().code(), verification.verifiedBy(), verification.verifiedAt().toString()));
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
