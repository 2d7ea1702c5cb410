package org.glassplate.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The test clock keeps background jobs off a moved clock (issue 11, tests that cannot disturb each other). */
class MutableClockTest {

  @Test
  void aJobRunsOnTheRealTimeAndSkipsItsTurnWhileTheClockIsMoved() {
    MutableClock clock = new MutableClock();
    AtomicInteger runs = new AtomicInteger();
    clock.runUnshifted(runs::incrementAndGet);
    assertThat(runs).hasValue(1);
    clock.advance(Duration.ofDays(3));
    clock.runUnshifted(runs::incrementAndGet);
    assertThat(runs).as("skipped while moved").hasValue(1);
    clock.reset();
    clock.runUnshifted(runs::incrementAndGet);
    assertThat(runs).hasValue(2);
  }

  @Test
  void movingTheClockWaitsForARunningJobToFinish() throws Exception {
    MutableClock clock = new MutableClock();
    CountDownLatch jobStarted = new CountDownLatch(1);
    CountDownLatch releaseJob = new CountDownLatch(1);
    AtomicBoolean sawMovedClock = new AtomicBoolean();
    Thread job = new Thread(() -> clock.runUnshifted(() -> {
      jobStarted.countDown();
      try {
        releaseJob.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sawMovedClock.set(clock.shifted());
    }));
    job.start();
    assertThat(jobStarted.await(5, TimeUnit.SECONDS)).isTrue();
    Thread mover = new Thread(() -> clock.advance(Duration.ofHours(1)));
    mover.start();
    mover.join(300);
    assertThat(mover.isAlive()).as("the move waits for the running job").isTrue();
    releaseJob.countDown();
    mover.join(5_000);
    job.join(5_000);
    assertThat(sawMovedClock).as("the job only ever saw the real time").isFalse();
    assertThat(clock.shifted()).isTrue();
  }

  @Test
  void pausedJobsDoNotRunEvenOnTheRealTimeAndTheTestMayMoveTheClockMeanwhile() {
    MutableClock clock = new MutableClock();
    AtomicInteger runs = new AtomicInteger();
    try (var paused = clock.pauseJobs()) {
      Thread other = new Thread(() -> clock.runUnshifted(runs::incrementAndGet));
      other.start();
      try {
        other.join(5_000);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      clock.advance(Duration.ofMinutes(4)); // the same thread holds the pause: no deadlock
      clock.reset();
    }
    assertThat(runs).hasValue(0);
    clock.runUnshifted(runs::incrementAndGet);
    assertThat(runs).hasValue(1);
  }
}
