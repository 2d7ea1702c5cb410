package org.glassplate.server.hotlist.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How long ago a hit was seen, as the operator page says it (operator.js says it the same way). */
class AgoTest {
  record Case(Duration ago, String want) {
  }

  @Test
  void saysHowLongAgoInMinutesHoursOrDays() {
    Instant now = Instant.parse("2026-05-01T17:15:42Z");
    for (Case c : List.of(
        new Case(Duration.ofSeconds(-20), "just now"),
        new Case(Duration.ZERO, "just now"),
        new Case(Duration.ofSeconds(59), "just now"),
        new Case(Duration.ofMinutes(3).plusSeconds(30), "3 min ago"),
        new Case(Duration.ofMinutes(59), "59 min ago"),
        new Case(Duration.ofHours(1), "1 h ago"),
        new Case(Duration.ofHours(2).plusMinutes(5), "2 h 5 min ago"),
        new Case(Duration.ofHours(24), "1 day ago"),
        new Case(Duration.ofDays(3).plusHours(7), "3 days ago"))) {
      String got = Ago.since(now.minus(c.ago()), now);
      assertThat(got).as("%s ago: got %s, want %s", c.ago(), got, c.want()).isEqualTo(c.want());
    }
  }
}
