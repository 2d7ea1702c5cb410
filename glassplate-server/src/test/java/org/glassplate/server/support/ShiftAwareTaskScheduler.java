package org.glassplate.server.support;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The test application's scheduler: every job it runs goes through {@link MutableClock#runUnshifted},
 * so no scheduled job acts on a clock a test has moved. The job itself is wrapped, not the periodic
 * task around it, so a skipped turn still schedules the next one.
 */
final class ShiftAwareTaskScheduler extends ThreadPoolTaskScheduler {
  private final MutableClock clock;

  ShiftAwareTaskScheduler(MutableClock clock) {
    this.clock = clock;
    setThreadNamePrefix("test-scheduling-");
  }

  private Runnable guarded(Runnable job) {
    return () -> clock.runUnshifted(job);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
    return super.schedule(guarded(task), trigger);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
    return super.schedule(guarded(task), startTime);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
    return super.scheduleAtFixedRate(guarded(task), startTime, period);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
    return super.scheduleAtFixedRate(guarded(task), period);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
    return super.scheduleWithFixedDelay(guarded(task), startTime, delay);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
    return super.scheduleWithFixedDelay(guarded(task), delay);
  }
}
