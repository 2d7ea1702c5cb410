package org.glassplate.server.reads;

import java.time.Duration;

/**
 * How old a read may be when it arrives: a read older than the retention period would have to be
 * deleted at once, so it is refused. The policy feature provides the enforced value; without it,
 * {@code glassplate.reads.max-age} (30 days) applies.
 */
public interface ReadAgeLimit {

  Duration maxAge();
}
