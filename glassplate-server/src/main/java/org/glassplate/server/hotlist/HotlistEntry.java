package org.glassplate.server.hotlist;

import java.time.Instant;

/**
 * One entry of a hot list (R-HOT-1). {@code plate} is a normalized plate or, when {@code partial},
 * a pattern with {@code ?} and {@code *}. An entry added by hand (local lists only) waits for a second
 * person's approval before it matches; a state or NCIC list's entries come from an approved import.
 * Every entry has an expiry after which it never matches. A supervisor may refuse a pending entry
 * instead; {@code refusalReason} then says why (free text: private, never logged).
 */
public record HotlistEntry(long id, long listId, String plate, boolean partial, String state,
    ReasonCategory reason, long addedBy, String addedByPseudonym, Status status, Long approvedBy,
    Instant approvedAt, Instant expiresAt, Instant createdAt, String refusalReason) {

  public enum Status { PENDING_APPROVAL, ACTIVE, REMOVED, REFUSED }

  @Override
  public String toString() {
    return "HotlistEntry[id=" + id + ", list=" + listId + ", status=" + status + "]";
  }
}
