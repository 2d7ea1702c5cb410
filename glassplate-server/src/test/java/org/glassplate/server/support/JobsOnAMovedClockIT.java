package org.glassplate.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Background jobs of the shared test application never run on a clock a test has moved (issue 11):
 * otherwise the purge or the inactivity check would act on one test's shifted time in the middle of
 * another test, depending on the order the classes run in.
 */
class JobsOnAMovedClockIT extends IntegrationTest {
  @Autowired
  ScheduledProbe probe;

  @Test
  void scheduledJobsStopWhileTheClockIsMovedAndResumeAfter() throws Exception {
    awaitRuns(probe.runs() + 2);
    clock.advance(Duration.ofDays(31));
    int whenMoved = probe.runs();
    Thread.sleep(1_000); // ten turns of the probe
    assertThat(probe.runs()).as("no scheduled run on the moved clock").isEqualTo(whenMoved);
    clock.reset();
    awaitRuns(whenMoved + 2);
    assertThat(probe.sawMovedClock()).isFalse();
  }

  private void awaitRuns(int atLeast) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (probe.runs() < atLeast && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    assertThat(probe.runs()).as("the probe runs on the real time").isGreaterThanOrEqualTo(atLeast);
  }
}
