package org.glassplate.server.retention;

import java.time.Instant;

/**
 * One run of the retention purge as recorded (R-RET-1); {@code oldestRemaining} and
 * {@code policySha256} may be null.
 */
public record PurgeRecord(Instant ranAt, Instant nonHitCutoff, Instant hitCutoff, int partitionsDropped,
    long readsDropped, long readsDeleted, long readsKeptForHits, long readsKeptForGrants, Instant oldestRemaining,
    String policySha256) {
}
