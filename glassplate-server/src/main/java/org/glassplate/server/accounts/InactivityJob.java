package org.glassplate.server.accounts;

import org.glassplate.server.accounts.internal.AccountStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Disables accounts with no sign-in for {@code glassplate.accounts.inactivity-days} (90 by
 * default) days, counting from creation for people who never signed in (R-ACC-4, CJIS AC-2(3)).
 * Only a supervisor asks to re-enable them, after retraining, and a second administrator approves
 * ({@link AccountAdministration#enable}, R-ACC-7); the idle days then count from the re-enabling.
 * API token use does not count as a sign-in: tokens last at most 90 days and need a sign-in to make.
 * The hourly run is the sweep; every sign-in and every token use checks its own account first
 * ({@link #disableIfIdle}), so an idle account never gets in between two runs (issue 12 item 8).
 */
@Component
class InactivityJob {
  private static final Logger log = LoggerFactory.getLogger(InactivityJob.class);

  private final AccountStore store;
  private final AuditRecorder audit;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Duration limit;

  private final ApplicationEventPublisher events;

  InactivityJob(AccountStore store, AuditRecorder audit, TransactionTemplate tx, Clock clock,
      ApplicationEventPublisher events, @Value("${glassplate.accounts.inactivity-days:90}") int inactivityDays) {
    if (inactivityDays < 1) {
      throw new IllegalArgumentException("glassplate.accounts.inactivity-days must be at least 1");
    }
    this.store = store;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
    this.events = events;
    this.limit = Duration.ofDays(inactivityDays);
  }

  /** Whether the account is enabled and has had no sign-in (or, never signed in, no creation) within the limit. */
  boolean idle(AccountStore.Row row, Instant now) {
    return row.enabled() && lastActive(row).isBefore(now.minus(limit));
  }

  /** The last sign-in (or the creation), or the re-enabling when later: idle days count from then. */
  private static Instant lastActive(AccountStore.Row row) {
    Instant last = row.lastSignInAt() != null ? row.lastSignInAt() : row.createdAt();
    if (row.enabledAt() != null && row.enabledAt().isAfter(last)) {
      last = row.enabledAt();
    }
    return last;
  }

  /**
   * Disables the account now if it is idle past the limit, audited as the hourly run does it.
   *
   * @return whether it was disabled now
   */
  boolean disableIfIdle(long accountId) {
    Instant now = clock.instant();
    return Boolean.TRUE.equals(tx.execute(s -> {
      AccountStore.Row row = store.lock(accountId).orElse(null);
      if (row == null || !idle(row, now)) {
        return false; // signed in or disabled meanwhile
      }
      Instant last = lastActive(row);
      store.disable(accountId, "INACTIVITY", now);
      audit.record(AuditEvent.of(AccountsAuditTypes.ACCOUNT_DISABLED, Caller.system())
          .with("accountId", accountId).with("disabledReason", "INACTIVITY")
          .with("idleDays", Duration.between(last, now).toDays()).build());
      events.publishEvent(new AccessRevoked(accountId, AccessRevoked.Reason.DISABLED));
      return true;
    }));
  }

  /** Disables every idle account; returns how many. */
  @Scheduled(initialDelayString = "${glassplate.accounts.inactivity-first-check:PT1M}",
      fixedDelayString = "${glassplate.accounts.inactivity-check:PT1H}")
  int run() {
    Instant now = clock.instant();
    Instant cutoff = now.minus(limit);
    int disabled = 0;
    for (long id : store.idleSince(cutoff)) {
      if (disableIfIdle(id)) {
        disabled++;
      }
    }
    if (disabled > 0) {
      log.info("disabled {} account(s) after {} days without sign-in", disabled, limit.toDays());
    }
    return disabled;
  }
}
