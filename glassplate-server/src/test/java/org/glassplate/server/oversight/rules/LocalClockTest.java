package org.glassplate.server.oversight.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link LocalClock} gives the local day and time {@link LocalDate#ofInstant} and {@link LocalTime#ofInstant}
 * give, in zones with and without summer time, around every transition (to the nanosecond) and at random
 * instants in time order, back and forth, and at random.
 */
class LocalClockTest {
  @ParameterizedTest
  @ValueSource(strings = {"America/Los_Angeles", "Europe/London", "Australia/Lord_Howe", "Pacific/Apia", "Asia/Tokyo",
      "UTC", "+05:30", "America/Sao_Paulo", "Africa/Casablanca", "America/St_Johns", "Asia/Kolkata"})
  void agreesWithTheZonesRules(String zoneId) {
    ZoneId zone = ZoneId.of(zoneId);
    List<Instant> instants = new ArrayList<>();
    Instant t = Instant.parse("1990-01-01T00:00:00Z");
    for (int k = 0; k < 200; k++) { // around each transition
      ZoneOffsetTransition next = zone.getRules().nextTransition(t);
      if (next == null || next.getInstant().isAfter(Instant.parse("2060-01-01T00:00:00Z"))) {
        break;
      }
      Instant at = next.getInstant();
      for (long d : new long[] {-86_400_000_000_000L, -3_600_000_000_000L, -1_000_000_000L, -1, 0, 1, 999_999_999,
          1_000_000_000L, 3_600_000_000_000L}) {
        instants.add(at.plusNanos(d));
      }
      t = at;
    }
    Random random = new Random(16);
    Instant walk = Instant.parse("2019-01-01T00:00:00Z");
    for (int k = 0; k < 200_000; k++) { // mostly forward, now and then back a little or a lot
      walk = walk.plusSeconds(random.nextInt(600) - (random.nextInt(50) == 0 ? 40_000 : 0))
          .plusNanos(random.nextInt(1_000_000_000));
      instants.add(walk);
    }
    for (int k = 0; k < 50_000; k++) {
      instants.add(Instant.ofEpochSecond(random.nextLong() % 4_000_000_000L, random.nextInt(1_000_000_000)));
    }
    LocalClock clock = new LocalClock(zone);
    for (Instant i : instants) {
      assertEquals(LocalDate.ofInstant(i, zone).toEpochDay(), clock.epochDay(i), zoneId + " " + i);
      assertEquals(LocalTime.ofInstant(i, zone), clock.time(i), zoneId + " " + i);
    }
  }
}
