package org.glassplate.server.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.RepeatedFailures;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.RetryLater;
import org.glassplate.server.web.CredentialFailures;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Failed sign-in steps and refused bearer tokens counted per source address (R-ACC-5; issue 12 item
 * 8). Once an address has failed {@code glassplate.accounts.failures-per-address} times (30 by
 * default) within a minute, it is held back until that minute is over: its sign-ins and bearer
 * tokens are answered 429 with {@code Retry-After} before anything is checked, so a flood costs no
 * password hash and no lookup. Each held-back attempt is audited, folded per minute
 * ({@link RepeatedFailures}). Minutes are counted by the injected clock, from the first failure.
 */
@Component
class FailedCredentials implements CredentialFailures {
  static final Duration WINDOW = Duration.ofMinutes(1);

  private final RepeatedFailures failures;
  private final Clock clock;
  private final int limit;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  FailedCredentials(RepeatedFailures failures, Clock clock,
      @Value("${glassplate.accounts.failures-per-address:30}") int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("glassplate.accounts.failures-per-address must be at least 1");
    }
    this.failures = failures;
    this.clock = clock;
    this.limit = limit;
  }

  /** The failures of one address in the minute that began with the first of them. */
  private record Window(Instant start, int failures) {
    boolean covers(Instant now) {
      return !now.isBefore(start) && now.isBefore(start.plus(WINDOW));
    }
  }

  @Override
  public Optional<RetryLater> holdBack(String sourceAddress, String step) {
    Instant now = clock.instant();
    Window w = windows.get(key(sourceAddress));
    if (w == null || !w.covers(now) || w.failures() < limit) {
      return Optional.empty();
    }
    RetryLater wait = new RetryLater(AccountRefusal.TOO_MANY_FAILURES,
        "too many failed sign-ins or refused tokens came from your address in the last minute; try again later",
        Duration.between(now, w.start().plus(WINDOW)));
    failures.record(AuditEvent.of(AccountsAuditTypes.CREDENTIALS_HELD_BACK, unknown(sourceAddress))
        .denied(wait.code()).with("step", step).with("retryAfterSeconds", wait.retryAfterSeconds()).build());
    return Optional.of(wait);
  }

  @Override
  public void tokenRefused(String sourceAddress, boolean recorded) {
    if (!recorded) {
      failures.record(AuditEvent.of(AccountsAuditTypes.API_TOKEN_REFUSED, unknown(sourceAddress))
          .failed("UNRECOGNIZED_TOKEN").build());
    }
    failed(sourceAddress);
  }

  /** Counts one failure of the address. */
  void failed(String sourceAddress) {
    Instant now = clock.instant();
    windows.compute(key(sourceAddress), (k, w) -> w == null || !w.covers(now) ? new Window(now, 1)
        : new Window(w.start(), w.failures() + 1));
  }

  /** Forgets the minutes that are over, so that the table does not grow with every address ever seen. */
  @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
  void forgetClosed() {
    Instant now = clock.instant();
    windows.values().removeIf(w -> !w.covers(now));
  }

  static Caller unknown(String sourceAddress) {
    return new Caller(Caller.Kind.USER, 0, "user:unknown", Set.of(), sourceAddress);
  }

  private static String key(String sourceAddress) {
    return Objects.toString(sourceAddress, "");
  }
}
