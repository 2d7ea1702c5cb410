package org.glassplate.server.oversight.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The agency's local day and time of instants, as {@link LocalDate#ofInstant} and {@link LocalTime#ofInstant}
 * give them, remembering the last offset and the span it holds for (between the zone's transitions) instead of
 * asking the zone's rules for every instant (docs/BENCHMARKS.md, issue 16). Not for several threads.
 */
final class LocalClock {
  private static final long DAY = 86_400;
  private final ZoneRules rules;
  /** The offset in seconds that holds from {@link #from} (inclusive) to {@link #until} (exclusive). */
  private int offset;
  private Instant from = Instant.MAX;
  private Instant until = Instant.MIN;

  LocalClock(ZoneId zone) {
    this.rules = zone.getRules();
  }

  /** The offset in force at {@code t}, in seconds. */
  int offsetSeconds(Instant t) {
    if (!t.isBefore(from) && t.isBefore(until)) {
      return offset;
    }
    offset = rules.getOffset(t).getTotalSeconds();
    ZoneOffsetTransition next = rules.nextTransition(t); // the first strictly after t
    if (next == null && !rules.isFixedOffset()) {
      from = Instant.MAX; // no transition ahead in rules that have some: not remembered, asked each time
      until = Instant.MIN;
      return offset;
    }
    until = next == null ? Instant.MAX : next.getInstant();
    ZoneOffsetTransition previous = rules.previousTransition(t); // the last strictly before t
    // from that one on, t's offset holds, unless t is itself at a transition (then only from t)
    from = previous != null && previous.getOffsetAfter().getTotalSeconds() == offset
        && previous.getInstant().isBefore(t) ? previous.getInstant() : previous == null && rules.isFixedOffset()
        ? Instant.MIN : t;
    return offset;
  }

  /** {@link LocalDate#ofInstant}'s day, as an epoch day. */
  long epochDay(Instant t) {
    return Math.floorDiv(t.getEpochSecond() + offsetSeconds(t), DAY);
  }

  /** {@link LocalTime#ofInstant}. */
  LocalTime time(Instant t) {
    long secondOfDay = Math.floorMod(t.getEpochSecond() + offsetSeconds(t), DAY);
    return LocalTime.ofNanoOfDay(secondOfDay * 1_000_000_000L + t.getNano());
  }
}
