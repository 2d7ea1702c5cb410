package org.glassplate.server.hotlist;

import java.time.Instant;

/**
 * A read hit a hot list and an alert was raised (published inside the ingest transaction; listen
 * after commit for anything that must not see a rolled-back hit). Carries no plate.
 */
public record HotlistHit(long alertId, long readId, long cameraId, Instant capturedAt, long listId,
    HotlistSource source, MatchKind matchKind) {
}
