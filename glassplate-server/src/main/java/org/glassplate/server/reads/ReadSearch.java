package org.glassplate.server.reads;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One page of an audited search of the read store, newest first. Always bounded: a time window,
 * a page of at most {@link #MAX_LIMIT} reads, and a plate query that an index can answer unless
 * cameras bound it.
 *
 * @param plate what plates to find
 * @param from inclusive start of the capture-time window
 * @param to exclusive end of the window
 * @param cameras only reads of these cameras, or null for every camera
 * @param area only reads whose position is in this box, or null
 * @param offset reads to skip (paging)
 * @param limit reads to return at most
 */
public record ReadSearch(PlateQuery plate, Instant from, Instant to, Set<Long> cameras, Area area, int offset,
    int limit) {
  public static final int MAX_LIMIT = 501;
  public static final int MAX_OFFSET = 10_000;

  public ReadSearch {
    Objects.requireNonNull(plate, "plate");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
    cameras = cameras == null ? null : Set.copyOf(cameras);
    if (limit < 1 || limit > MAX_LIMIT || offset < 0 || offset > MAX_OFFSET) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + " and offset 0 to " + MAX_OFFSET);
    }
    if (!plate.indexable() && cameras == null) {
      throw new IllegalArgumentException("a pattern no index can answer needs cameras or an area");
    }
  }
}
