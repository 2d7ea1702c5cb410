package org.glassplate.bench.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench cosign}'s options, and one tiny run against a real witness process (no timing asserted). */
class CosignLoadTest {

  @Test
  void parsesItsOptionsWithTheirDefaults() {
    record Case(String[] args, CosignLoad.Options want) {}
    for (Case c : List.of(
        new Case(new String[] {}, new CosignLoad.Options(3, 200, 10, 20)),
        new Case(new String[] {"--witnesses", "1", "--checkpoints", "3"}, new CosignLoad.Options(1, 3, 10, 20)),
        new Case(new String[] {"--entries", "7", "--warmup", "0"}, new CosignLoad.Options(3, 200, 7, 0)))) {
      assertThat(CosignLoad.Options.parse(c.args())).as(String.join(" ", c.args())).isEqualTo(c.want());
    }
  }

  @Test
  void refusesBadOptionsWithExitCode2AndTheReason() {
    record Case(String[] args, String want) {}
    for (Case c : List.of(
        new Case(new String[] {"--witnesses", "0"}, "--witnesses must be 1 to 16, got 0"),
        new Case(new String[] {"--checkpoints"}, "--checkpoints needs a value"),
        new Case(new String[] {"--entries", "ten"}, "--entries needs a number, got ten"),
        new Case(new String[] {"--warmup", "-1"}, "--warmup must not be negative, got -1"),
        new Case(new String[] {"--url", "x"}, "unknown argument --url"))) {
      assertThatThrownBy(() -> CosignLoad.Options.parse(c.args())).hasMessage(c.want());
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit = run(err, c.args());
      assertThat(exit).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains(c.want()).contains(CosignLoad.USAGE);
    }
  }

  @Test
  void aTinyRunIsCosignedByARealWitnessProcessAndStopsIt() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CosignLoad.Options o = CosignLoad.Options.parse("--witnesses", "1", "--checkpoints", "3", "--warmup", "1",
        "--entries", "2");

    CosignLoad.Result r = CosignLoad.measure(o, new PrintStream(out, true, StandardCharsets.UTF_8));
    CosignLoad.report(o, r, new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(r.signNanos()).hasSize(3);
    assertThat(Arrays.stream(r.signNanos()).min().orElseThrow()).isPositive();
    assertThat(r.addedNanos()).hasSize(3);
    assertThat(Arrays.stream(r.addedNanos()).min().orElseThrow()).as("asking a witness over HTTP takes some time")
        .isPositive();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("1 witnesses started: 127.0.0.1:")
        .contains("3 checkpoints of 2 entries each (after 1 warm-up), 1 witnesses in parallel over HTTP")
        .contains("sign only (baseline): p50 ")
        .contains("added by cosigning: p50 ");
    // the witness is gone: no process of ours is left running it
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
  }

  @Test
  void percentilesAreNearestRank() {
    long[] sorted = {1_000_000, 2_000_000, 3_000_000, 4_000_000};
    assertThat(CosignLoad.ms(sorted, 50)).isEqualTo(2.0);
    assertThat(CosignLoad.ms(sorted, 99)).isEqualTo(4.0);
    assertThat(CosignLoad.ms(new long[] {5_000_000}, 99)).isEqualTo(5.0);
  }

  private static int run(ByteArrayOutputStream err, String... args) {
    try {
      return CosignLoad.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
