package org.glassplate.server.sharing;

import java.time.Instant;
import java.util.List;

/**
 * A written data request on file (R-SHR-4, policy 462.7 style): who asked (agency and requester),
 * for what (purpose, case, offense) and what (plates, a time window or both), with its status and
 * history. Kept on file whatever became of it, refused requests too.
 *
 * @param plates normalized plates asked for; empty when the request names a window only
 * @param from start of the window asked for, or null
 * @param to end of the window asked for, or null
 * @param refusalCode why the request was refused on receipt, or null
 */
public record DataRequest(long id, Status status, Agency agency, Requester requester, String purpose,
    String caseNumber, String offense, List<String> plates, Instant from, Instant to, Instant receivedAt,
    String documentReference, long recordedBy, String recordedByPseudonym, Instant recordedAt, String refusalCode,
    String policySha256, List<Event> history) {

  public DataRequest {
    plates = List.copyOf(plates);
    history = List.copyOf(history);
  }

  /** Where a request stands. */
  public enum Status {
    /** On file, waiting for a second supervisor's review. */
    RECORDED,
    /** Refused on receipt by the legal floor (out-of-state, federal or private recipient: R-SHR-2). */
    REFUSED_BY_FLOOR,
    /** Refused on receipt: its purpose, case number or agency names a prohibited purpose. */
    REFUSED_PROHIBITED_PURPOSE,
    APPROVED,
    DENIED
  }

  /** The agency that asked; {@code kind} in the policy's spelling ({@code local}, {@code state-agency}...). */
  public record Agency(String name, String state, String kind) {
  }

  /** The person who signed the request for that agency. */
  public record Requester(String name, String title, String contact) {
    @Override
    public String toString() {
      return "Requester[redacted]";
    }
  }

  /**
   * One step of a request's history.
   *
   * @param action {@code RECORDED}, {@code REFUSED}, {@code APPROVED}, {@code DENIED}, {@code EXPORTED}
   *     or {@code RELEASED}
   * @param note the reviewer's note or reason, or the refusal code
   * @param auditIndex the log index of the audit entry that recorded it, or null (refusals)
   * @param sha256 for {@code EXPORTED} the SHA-256 of {@code reads.csv}, for {@code RELEASED} of the package
   */
  public record Event(String action, String actor, Instant at, String note, Long auditIndex, String sha256) {
    @Override
    public String toString() {
      return "Event[" + action + ", " + at + "]";
    }
  }

  @Override
  public String toString() {
    return "DataRequest[" + id + ", " + status + ", redacted]";
  }
}
