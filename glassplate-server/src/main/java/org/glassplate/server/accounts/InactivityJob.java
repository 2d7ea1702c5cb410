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
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Disables accounts with no sign-in for {@code glassplate.accounts.inactivity-days} (90 by
 * default) days, counting from creation for people who never signed in (R-ACC-4, CJIS AC-2(3)).
 * Only a supervisor asks to re-enable them, after retraining, and a second administrator approves
 * ({@link AccountAdministration#enable}, R-ACC-7); the idle days then count from the re-enabling.
 * API token use does not count as a sign-in: tokens last at most 90 days and need a sign-in to make.
 */
@Component
class InactivityJob {
  private static final Logger log = LoggerFactory.getLogger(InactivityJob.class);

  private final AccountStore store;
  private final AuditRecorder audit;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Duration limit;

  InactivityJob(AccountStore store, AuditRecorder audit, TransactionTemplate tx, Clock clock,
      @Value("${glassplate.accounts.inactivity-days:90}") int inactivityDays) {
    if (inactivityDays < 1) {
      throw new IllegalArgumentException("glassplate.accounts.inactivity-days must be at least 1");
    }
    this.store = store;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
    this.limit = Duration.ofDays(inactivityDays);
  }

  /** Disables every idle account; returns how many. */
  @Scheduled(initialDelayString = "${glassplate.accounts.inactivity-first-check:PT1M}",
      fixedDelayString = "${glassplate.accounts.inactivity-check:PT1H}")
  int run() {
    Instant now = clock.instant();
    Instant cutoff = now.minus(limit);
    int disabled = 0;
    for (long id : store.idleSince(cutoff)) {
      Boolean done = tx.execute(s -> {
        AccountStore.Row row = store.lock(id).orElseThrow();
        Instant last = row.lastSignInAt() != null ? row.lastSignInAt() : row.createdAt();
        if (row.enabledAt() != null && row.enabledAt().isAfter(last)) {
          last = row.enabledAt(); // re-enabled since: the idle days count from then
        }
        if (!row.enabled() || !last.isBefore(cutoff)) {
          return false; // signed in or disabled meanwhile
        }
        store.disable(id, "INACTIVITY", now);
        audit.record(AuditEvent.of(AccountsAuditTypes.ACCOUNT_DISABLED, Caller.system())
            .with("accountId", id).with("disabledReason", "INACTIVITY")
            .with("idleDays", Duration.between(last, now).toDays()).build());
        return true;
      });
      if (Boolean.TRUE.equals(done)) {
        disabled++;
      }
    }
    if (disabled > 0) {
      log.info("disabled {} account(s) after {} days without sign-in", disabled, limit.toDays());
    }
    return disabled;
  }
}
