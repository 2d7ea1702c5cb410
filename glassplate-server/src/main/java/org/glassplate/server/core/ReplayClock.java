package org.glassplate.server.core;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The application's clock (STYLE.md 4), which one thread at a time can set back into the past: the
 * demo seeds its 30 days of history (issue 16) through the real facades, each step at the moment it
 * stands for, so that its audit entries, reads and alerts carry those times. Every other thread, the
 * audit sequencer's and the scheduled jobs' included, keeps the present; a replayed time is never later
 * than the present.
 */
public abstract class ReplayClock extends Clock {
  private final ThreadLocal<Instant> replayed = new ThreadLocal<>();

  /** The present, as this clock tells it to every thread that replays nothing. */
  protected abstract Instant now();

  @Override
  public final Instant instant() {
    Instant at = replayed.get();
    return at != null ? at : now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  /**
   * Runs {@code work} on this thread at the past moment {@code at}: the clock tells {@code at} to this
   * thread alone until it returns.
   *
   * @throws IllegalArgumentException if {@code at} is later than the present
   * @throws IllegalStateException if this thread replays already
   */
  public final <T> T at(Instant at, Supplier<T> work) {
    if (at.isAfter(now())) {
      throw new IllegalArgumentException("a replayed time is never later than the present");
    }
    if (replayed.get() != null) {
      throw new IllegalStateException("this thread replays a time already");
    }
    replayed.set(at);
    try {
      return work.get();
    } finally {
      replayed.remove();
    }
  }

  /** Like {@link #at(Instant, Supplier)}, for work that returns nothing. */
  public final void at(Instant at, Runnable work) {
    at(at, () -> {
      work.run();
      return null;
    });
  }

  /** The system's UTC clock, replayable. */
  public static ReplayClock system() {
    return new ReplayClock() {
      @Override
      protected Instant now() {
        return Instant.now();
      }
    };
  }
}
