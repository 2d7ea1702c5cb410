package org.glassplate.server.support;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * A scheduled job of the test application that only notes when it runs and what clock it saw: it
 * goes through the same scheduler as the purge, the inactivity check and alert redaction, so it shows
 * what they see (JobsOnAMovedClockIT).
 */
public class ScheduledProbe {
  private final MutableClock clock;
  private final AtomicInteger runs = new AtomicInteger();
  private final AtomicBoolean sawMovedClock = new AtomicBoolean();

  ScheduledProbe(MutableClock clock) {
    this.clock = clock;
  }

  @Scheduled(fixedDelay = 100)
  void tick() {
    runs.incrementAndGet();
    if (clock.shifted()) {
      sawMovedClock.set(true);
    }
  }

  public int runs() {
    return runs.get();
  }

  public boolean sawMovedClock() {
    return sawMovedClock.get();
  }
}
