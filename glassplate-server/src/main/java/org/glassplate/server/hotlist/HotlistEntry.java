package org.glassplate.server.hotlist;

import java.time.Instant;

/**
 * One entry of a hot list (R-HOT-1). {@code plate} is a normalized plate or, when {@code partial},
 * a pattern with {@code ?} and {@code *}. Local entries wait for a supervisor's approval before they
 * match; every entry has an expiry after which it never matches.
 */
public record HotlistEntry(long id, long listId, String plate, boolean partial, String state,
    ReasonCategory reason, long addedBy, String addedByPseudonym, Status status, Long approvedBy,
    Instant approvedAt, Instant expiresAt, Instant createdAt) {

  public enum Status { PENDING_APPROVAL, ACTIVE, REMOVED }

  @Override
  public String toString() {
    return "HotlistEntry[id=" + id + ", list=" + listId + ", status=" + status + "]";
  }
}
