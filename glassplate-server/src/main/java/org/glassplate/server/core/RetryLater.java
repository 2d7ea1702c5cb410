package org.glassplate.server.core;

import java.time.Duration;
import java.util.Objects;

/**
 * A refusal that passes with time: the server is busy (too many password checks at once), or the
 * caller's address failed too often lately (issue 12 item 8). The web layer answers it with a
 * {@code Retry-After} header, in whole seconds.
 */
public class RetryLater extends Refusal {
  private final Duration retryAfter;

  public RetryLater(RefusalCode code, String message, Duration retryAfter) {
    super(code, message);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** The wait in whole seconds, rounded up, at least one: the value of {@code Retry-After}. */
  public long retryAfterSeconds() {
    long s = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
    return Math.max(1, s);
  }
}
