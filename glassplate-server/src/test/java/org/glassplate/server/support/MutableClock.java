package org.glassplate.server.support;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A clock tests can move; starts at the real time and never goes backwards unless told. Background
 * jobs (the purge, the inactivity check, alert redaction, ...) run through {@link #runUnshifted}: never
 * while a test has the clock moved, and moving it waits for a running job to finish, so a job never
 * acts on another test's shifted time. A test that needs a job on its own shifted clock calls the job
 * itself.
 */
public final class MutableClock extends org.glassplate.server.core.ReplayClock {
  private volatile Duration offset = Duration.ZERO;
  private final ReentrantReadWriteLock jobs = new ReentrantReadWriteLock();

  @Override
  protected Instant now() {
    return Instant.now().plus(offset);
  }

  public void advance(Duration d) {
    jobs.writeLock().lock();
    try {
      offset = offset.plus(d);
    } finally {
      jobs.writeLock().unlock();
    }
  }

  public void reset() {
    jobs.writeLock().lock();
    try {
      offset = Duration.ZERO;
    } finally {
      jobs.writeLock().unlock();
    }
  }

  /** Jobs paused by {@link #pauseJobs}; closing resumes them. */
  public interface PausedJobs extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Holds every scheduled job back (waiting for a running one to finish) until closed, for a test
   * whose steps must not interleave with a job even on the real time. The test may move the clock
   * meanwhile.
   */
  public PausedJobs pauseJobs() {
    jobs.writeLock().lock();
    return () -> jobs.writeLock().unlock();
  }

  /** Whether a test has moved the clock. */
  public boolean shifted() {
    return !offset.isZero();
  }

  /** Runs a scheduled job now unless the clock is moved (then the job skips this turn). */
  public void runUnshifted(Runnable job) {
    if (!jobs.readLock().tryLock()) {
      return; // a test is moving the clock right now
    }
    try {
      if (offset.isZero()) {
        job.run();
      }
    } finally {
      jobs.readLock().unlock();
    }
  }
}
