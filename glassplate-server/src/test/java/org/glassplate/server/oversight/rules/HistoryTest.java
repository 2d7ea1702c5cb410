package org.glassplate.server.oversight.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * HIGH_VOLUME counts each person's searches that ran in its window by binary search while the person's
 * remembered searches are in time order, and by walking them otherwise: both give what the walk gives.
 */
class HistoryTest {
  static final List<String> PEOPLE = List.of("user:1", "user:2", "user:3");

  @Test
  void countsTheSearchesThatRanInAWindowAsWalkingThemDoes() {
    Random random = new Random(16);
    for (int round = 0; round < 200; round++) {
      boolean disorder = round % 2 == 1; // a search now and then recorded earlier than the one before it
      History h = new History(0, Map.of());
      Instant t = FindingRulesTest.NOON;
      for (int i = 0; i < 300; i++) {
        t = t.plusSeconds(random.nextInt(900));
        Instant at = disorder && random.nextInt(10) == 0 ? t.minusSeconds(random.nextInt(7200)) : t;
        String person = PEOPLE.get(random.nextInt(PEOPLE.size()));
        FindingRulesTest.Entry e = random.nextInt(4) == 0 ? FindingRulesTest.refused(person, at, "PROHIBITED_PURPOSE")
            : FindingRulesTest.search(person, at);
        h.add(e.at(i), Duration.ofHours(6));
        Instant to = at.plusSeconds(random.nextInt(1800) - 900);
        Instant from = to.minus(Duration.ofHours(1 + random.nextInt(4)));
        for (String p : PEOPLE) {
          int walked = History.countPerformed(h.newestFirst(p), from, to);
          assertEquals(walked, h.performedBy(p, from, to), "round " + round + ", search " + i + ", " + p);
        }
      }
    }
  }

  /**
   * As HIGH_VOLUME asks, each search's window ending at its time (the counts then go on from where the last
   * stopped), with now and then a search recorded earlier, many searches at the same instant, and long pauses:
   * every person's count, and the others' sorted counts, are what walking gives.
   */
  @Test
  void countsWindowsMovingForwardAsWalkingDoes() {
    Random random = new Random(61);
    List<String> people = List.of("user:1", "user:2", "user:3", "user:4", "user:5", "user:6");
    for (int round = 0; round < 100; round++) {
      History h = new History(0, Map.of());
      Instant t = FindingRulesTest.NOON;
      Duration window = Duration.ofHours(1 + random.nextInt(24));
      for (int i = 0; i < 1000; i++) {
        int step = random.nextInt(20) == 0 ? 0 : random.nextInt(200) == 0 ? 200_000 : random.nextInt(600);
        t = t.plusSeconds(step);
        Instant at = round % 3 == 1 && random.nextInt(20) == 0 ? t.minusSeconds(random.nextInt(3600)) : t;
        String person = people.get(random.nextInt(people.size()));
        FindingRulesTest.Entry e = random.nextInt(5) == 0 ? FindingRulesTest.refused(person, at, "PROHIBITED_PURPOSE")
            : FindingRulesTest.search(person, at);
        Instant from = at.minus(window);
        int[] walked = people.stream().filter(p -> !p.equals(person))
            .mapToInt(p -> History.countPerformed(h.newestFirst(p), from, at)).filter(n -> n > 0).sorted().toArray();
        assertEquals(History.countPerformed(h.newestFirst(person), from, at), h.performedBy(person, from, at),
            "round " + round + ", search " + i);
        assertEquals(java.util.Arrays.toString(walked), java.util.Arrays.toString(h.performedByOthers(person, from, at)),
            "round " + round + ", search " + i);
        h.add(e.at(i), window.plusHours(random.nextInt(3)));
      }
    }
  }
}
