package org.glassplate.server.retention;

import java.time.Instant;

/**
 * A legal hold (a named case keeps specific reads) or a retention extension (specific reads kept
 * longer without a case), each approved by a supervisor and limited by the policy's maximum
 * (R-RET-2). {@code caseNumber} and {@code reason} are private: auditors see them, the public sees
 * counts only.
 *
 * @param reads how many reads it names
 * @param readsKeptWhilePending how many of them it kept while it waited for approval: only the first
 *     request ever to name a read keeps it while pending (issue 12), so a request filed again keeps none
 * @param requesterId the account that asked
 * @param refusalReason why a supervisor refused it, or null (a request not approved in time is refused
 *     without one); free text, private like {@code reason}
 * @param searchId the search whose results it names, or null when it listed reads by id
 */
public record RetentionGrant(long id, Kind kind, String caseNumber, String reason, String requestedBy,
    String approvedBy, Instant approvedAt, Status status, Instant endsAt, Instant createdAt, Instant endedAt,
    long reads, long readsKeptWhilePending, long requesterId, String refusalReason, java.util.UUID searchId) {

  public enum Kind { LEGAL_HOLD, EXTENSION }

  public enum Status { PENDING, ACTIVE, ENDED, REFUSED }

  @Override
  public String toString() {
    return "RetentionGrant[id=" + id + ", kind=" + kind + ", status=" + status + "]";
  }
}
