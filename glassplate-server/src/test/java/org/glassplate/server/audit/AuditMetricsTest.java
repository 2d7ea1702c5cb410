package org.glassplate.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The witness cosignature age (issue 18): the stalest witness counts, one that never cosigned is infinitely old. */
class AuditMetricsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private static WitnessStatus cosigned(long secondsAgo) {
    return new WitnessStatus("vkey", "http://127.0.0.1:1", Optional.of(5L), Optional.of(NOW.minusSeconds(secondsAgo)));
  }

  private static WitnessStatus never() {
    return new WitnessStatus("vkey", "http://127.0.0.1:1", Optional.empty(), Optional.empty());
  }

  record Case(String name, List<WitnessStatus> witnesses, double want) {
  }

  @Test
  void theStalestWitnessCounts() {
    for (Case c : List.of(
        new Case("no witness: no value", List.of(), Double.NaN),
        new Case("one witness", List.of(cosigned(7)), 7),
        new Case("the stalest of two", List.of(cosigned(3), cosigned(90)), 90),
        new Case("one never cosigned", List.of(cosigned(3), never()), Double.POSITIVE_INFINITY),
        new Case("a clock ahead: not negative", List.of(cosigned(-5)), 0))) {
      double got = AuditMetrics.cosignAgeSeconds(c.witnesses(), NOW);
      // boxed: Double.equals holds NaN equal to NaN
      assertThat(Double.valueOf(got)).as("%s: got %s, want %s", c.name(), got, c.want()).isEqualTo(Double.valueOf(c.want()));
    }
  }
}
