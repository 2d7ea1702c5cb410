package org.glassplate.server.retention;

import java.time.Instant;

/**
 * The public retention figures (R-RET-2, R-PUB-1): holds and extensions in force and granted
 * lately, how many reads they keep, and the last purge with the oldest read still stored.
 *
 * @param since the start of the "lately" window ({@code holdsApprovedSince}, {@code extensionsApprovedSince})
 * @param lastPurgeAt when a purge last deleted something, or null
 * @param oldestRemainingCapture the capture time of the oldest stored read at the last purge, or null
 */
public record RetentionFigures(long holdsActive, long holdsPending, long readsUnderHold, long holdsApprovedSince,
    long extensionsActive, long extensionsPending, long readsUnderExtension, long extensionsApprovedSince,
    Instant since, Instant lastPurgeAt, Instant oldestRemainingCapture) {
}
