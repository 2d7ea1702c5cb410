package org.glassplate.server.reads;

import java.time.Instant;

/**
 * A retention purge ran (R-RET-1): no read captured before {@code cutoff} is kept any more for
 * retention's sake (reads under a legal hold or an extension excepted, which name their reads
 * themselves). Features that remember reads by id (a search's results) forget what is older.
 *
 * @param ranAt when the purge ran
 * @param cutoff the earliest of the purge's cutoffs (hit and non-hit retention)
 */
public record ReadsPurged(Instant ranAt, Instant cutoff) {
}
