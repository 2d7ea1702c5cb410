package org.glassplate.server.accounts;

import org.glassplate.server.accounts.internal.AccountStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.audit.RepeatedFailures;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.RetryLater;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * The rules of signing in (R-ACC-2, R-ACC-5, R-ACC-6): a password, then a TOTP code (enrolling
 * one at the first sign-in). Five failed steps (either kind, and wrong current passwords at a password
 * change) within 15 minutes lock the account until an administrator releases it; a locked, disabled
 * or idle account is refused even with the right password, and an idle one is disabled at that very
 * attempt. Every success and failure is audited, failures in their own transaction and repeats within
 * a minute folded into one entry ({@link RepeatedFailures}). An address that failed too often lately
 * is held back before any password is hashed ({@link FailedCredentials}); a password change ends the
 * person's other sessions and revokes their API tokens (issue 12 item 8).
 */
@Component
public class SignIn {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SignIn.class);
  static final int MAX_FAILURES = 5;
  static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
  /** How long the TOTP step may follow the password step. */
  public static final Duration SECOND_STEP_WITHIN = Duration.ofMinutes(5);

  private final AccountStore store;
  private final Passwords passwords;
  private final AuditRecorder audit;
  private final RepeatedFailures failures;
  private final FailedCredentials addresses;
  private final InactivityJob inactivity;
  private final BrowserSessions sessions;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final TransactionTemplate tx;

  SignIn(AccountStore store, Passwords passwords, AuditRecorder audit, RepeatedFailures failures,
      FailedCredentials addresses, InactivityJob inactivity, BrowserSessions sessions, ApplicationEventPublisher events,
      Clock clock, PlatformTransactionManager txm) {
    this.store = store;
    this.passwords = passwords;
    this.audit = audit;
    this.failures = failures;
    this.addresses = addresses;
    this.inactivity = inactivity;
    this.sessions = sessions;
    this.events = events;
    this.clock = clock;
    this.tx = new TransactionTemplate(txm);
  }

  /** A TOTP enrollment: the secret and its QR code, shown to the person once. */
  public record Enrollment(String secret, String otpauthUri, String qrCodeDataUri) {
    @Override
    public String toString() {
      return "Enrollment[secret hidden]";
    }
  }

  /** The password step. */
  PasswordVerified verifyPassword(String username, String password, String sourceAddress) {
    holdBack(sourceAddress, "PASSWORD");
    Optional<AccountStore.Row> found = Optional.empty();
    String u = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
    if (u.matches("[a-z0-9][a-z0-9._-]{1,62}")) {
      found = store.findByUsername(u);
    }
    if (found.isEmpty()) {
      // the typed username is not recorded: people sometimes type their password into that field
      Caller unknown = new Caller(Caller.Kind.USER, 0, "user:unknown", Set.of(), sourceAddress);
      burn(password, unknown);
      refuse(unknown, "PASSWORD", "UNKNOWN_ACCOUNT");
    }
    AccountStore.Row row = found.get();
    if (row.lockedAt() != null) {
      // as slow as burn(): who knows the password is told the account is locked; anyone else learns nothing
      boolean proven;
      try {
        proven = passwords.matches(password, row.passwordHash());
      } catch (RetryLater busy) {
        throw busy(claimed(row, sourceAddress), "PASSWORD", busy);
      }
      refuse(claimed(row, sourceAddress), "PASSWORD", "ACCOUNT_LOCKED", proven);
    }
    if (!row.enabled()) {
      burn(password, claimed(row, sourceAddress));
      refuse(claimed(row, sourceAddress), "PASSWORD", "ACCOUNT_DISABLED");
    }
    if (inactivity.idle(row, clock.instant()) && inactivity.disableIfIdle(row.id())) {
      burn(password, claimed(row, sourceAddress));
      refuse(claimed(row, sourceAddress), "PASSWORD", "ACCOUNT_INACTIVE");
    }
    boolean right;
    try {
      right = passwords.matches(password, row.passwordHash());
    } catch (RetryLater busy) {
      throw busy(claimed(row, sourceAddress), "PASSWORD", busy);
    }
    if (!right) {
      fail(row.id(), sourceAddress, "PASSWORD", "BAD_PASSWORD");
    }
    return new PasswordVerified(row.id(), clock.instant());
  }

  /** Whether the person still has to enroll a TOTP authenticator. */
  public boolean needsEnrollment(long accountId) {
    return store.find(accountId).map(r -> r.totpSecret() == null).orElse(false);
  }

  /** Starts (or restarts) enrollment with a new secret; only before one is enrolled. */
  public Enrollment beginEnrollment(long accountId) {
    AccountStore.Row row = store.find(accountId).orElseThrow(() -> Refusal.notFound("account"));
    if (row.totpSecret() != null) {
      throw new Refusal(AccountRefusal.ALREADY_ENROLLED, "an authenticator is already enrolled");
    }
    String secret = Totp.newSecret();
    store.setPendingTotp(accountId, secret);
    String uri = Totp.uri(secret, row.username());
    return new Enrollment(secret, uri, QrCodes.svgDataUri(uri));
  }

  /**
   * The TOTP step after a verified password: checks the code against the enrolled secret (or,
   * at the first sign-in, the secret being enrolled) and completes the sign-in.
   *
   * @return the signed-in person
   * @throws SignInRefused when the code is wrong, reused or late, or the account can no longer sign in
   */
  public Caller completeWithTotp(PasswordVerified first, String code, String sourceAddress) {
    holdBack(sourceAddress, "TOTP");
    Instant now = clock.instant();
    AccountStore.Row row = store.find(first.accountId()).orElseThrow(() -> new SignInRefused("UNKNOWN_ACCOUNT"));
    if (first.verifiedAt().plus(SECOND_STEP_WITHIN).isBefore(now)) {
      refuse(claimed(row, sourceAddress), "TOTP", "SECOND_STEP_TOO_LATE");
    }
    if (row.lockedAt() != null) {
      refuse(claimed(row, sourceAddress), "TOTP", "ACCOUNT_LOCKED");
    }
    if (!row.enabled()) {
      refuse(claimed(row, sourceAddress), "TOTP", "ACCOUNT_DISABLED");
    }
    boolean enrolling = row.totpSecret() == null;
    String secret = enrolling ? row.totpPendingSecret() : row.totpSecret();
    OptionalLong step = Totp.matchingStep(secret, code, now);
    if (step.isEmpty()) {
      fail(row.id(), sourceAddress, "TOTP", "BAD_TOTP");
    }
    if (row.totpLastStep() != null && step.getAsLong() <= row.totpLastStep()) {
      fail(row.id(), sourceAddress, "TOTP", "REUSED_TOTP");
    }
    return tx.execute(s -> {
      AccountStore.Row locked = store.lock(row.id()).orElseThrow();
      if (locked.totpLastStep() != null && step.getAsLong() <= locked.totpLastStep()) {
        throw new SignInRefused("REUSED_TOTP");
      }
      Caller person = locked.caller(sourceAddress);
      if (enrolling) {
        store.confirmTotp(row.id(), secret, step.getAsLong());
        audit.record(AuditEvent.of(AccountsAuditTypes.MFA_ENROLLED, person).with("accountId", row.id()).build());
      }
      store.signedIn(row.id(), step.getAsLong(), now);
      audit.record(AuditEvent.of(AccountsAuditTypes.SIGN_IN_SUCCEEDED, person)
          .with("accountId", row.id()).with("factors", "PASSWORD+TOTP").build());
      return person;
    });
  }

  /**
   * Changes one's own password; needs the current one. A wrong current password counts towards the
   * lockout as a failed sign-in does (a session left open must not be a way to guess the password).
   * The person's other browser sessions end and their API tokens are revoked (a password is changed
   * after a suspected compromise too); the session that asked stays.
   *
   * @param keepSessionId the browser session that asked, or null
   */
  public void changePassword(Caller person, String currentPassword, String newPassword, String keepSessionId) {
    if (person.kind() != Caller.Kind.USER) {
      throw Refusal.forbidden("only a person has a password");
    }
    AccountStore.Row row = store.find(person.id()).orElseThrow(() -> Refusal.notFound("account"));
    boolean right;
    try {
      right = passwords.matches(currentPassword, row.passwordHash());
    } catch (RetryLater busy) {
      throw changeRefused(person, row.id(), busy);
    }
    if (!right) {
      countFailure(row.id(), person.sourceAddress());
      throw audit.recordDenied(AuditEvent.of(AccountsAuditTypes.ACCOUNT_CHANGE_REFUSED, person)
              .denied("WRONG_CURRENT_PASSWORD").with("accountId", row.id()).build(),
          Refusal.invalid("currentPassword", "the current password is not right"));
    }
    passwords.check("newPassword", newPassword, row.username());
    if (newPassword.equals(currentPassword)) {
      throw Refusal.invalid("newPassword", "the new password must differ from the current one");
    }
    String hash;
    try {
      hash = passwords.hash(newPassword);
    } catch (RetryLater busy) {
      throw changeRefused(person, row.id(), busy);
    }
    Instant now = clock.instant();
    tx.executeWithoutResult(s -> {
      store.setPassword(row.id(), hash);
      int revoked = store.revokeTokensOf(row.id(), now);
      // the other sessions end before the change commits: if it fails, they are merely signed out
      int ended = sessions.endAll(row.id(), keepSessionId, AccessRevoked.Reason.PASSWORD_CHANGED.sessionEnded());
      audit.record(AuditEvent.of(AccountsAuditTypes.PASSWORD_CHANGED, person).with("accountId", row.id())
          .with("tokensRevoked", revoked).with("sessionsEnded", ended).build());
      events.publishEvent(new AccessRevoked(row.id(), AccessRevoked.Reason.PASSWORD_CHANGED));
    });
  }

  /** Audits a sign-out. */
  public void signedOut(Caller person) {
    tx.executeWithoutResult(s -> audit.record(AuditEvent.of(AccountsAuditTypes.SIGNED_OUT, person)
        .with("accountId", person.id()).build()));
  }

  /** Audits a session ended by the server (idle, too long, account disabled or locked). */
  void sessionEnded(Caller person, String reason) {
    tx.executeWithoutResult(s -> audit.record(AuditEvent.of(AccountsAuditTypes.SESSION_ENDED, person)
        .outcome("ENDED").reasonCode(reason).with("accountId", person.id()).build()));
  }

  /** The account the session belongs to, if it may still be used. */
  Optional<AccountStore.Row> usable(long accountId) {
    return store.find(accountId).filter(AccountStore.Row::usable);
  }

  private static Caller claimed(AccountStore.Row row, String sourceAddress) {
    // not signed in: the claimed identity, without its roles
    return new Caller(Caller.Kind.USER, row.id(), Account.pseudonym(row.id()), Set.of(), sourceAddress);
  }

  /** Refuses at once, before any check, when the address failed too often lately (429, audited). */
  private void holdBack(String sourceAddress, String step) {
    Optional<RetryLater> wait = addresses.holdBack(sourceAddress, step);
    if (wait.isPresent()) {
      throw new SignInRefused(wait.get().code(), wait.get());
    }
  }

  /** A hash spent on nothing (unknown, locked or disabled account), so that the answer takes as long. */
  private void burn(String password, Caller claimed) {
    try {
      passwords.burn(password);
    } catch (RetryLater busy) {
      throw busy(claimed, "PASSWORD", busy);
    }
  }

  /** Too many password checks at once: audited as a failed step (not counted against anyone), 503. */
  private SignInRefused busy(Caller claimed, String step, RetryLater busy) {
    failures.record(AuditEvent.of(AccountsAuditTypes.SIGN_IN_FAILED, claimed).failed(busy.code())
        .with("step", step).with("accountId", claimed.id() == 0 ? null : claimed.id()).build());
    return new SignInRefused(busy.code(), busy);
  }

  private RetryLater changeRefused(Caller person, long accountId, RetryLater busy) {
    return audit.recordDenied(AuditEvent.of(AccountsAuditTypes.ACCOUNT_CHANGE_REFUSED, person)
        .denied(busy.code()).with("accountId", accountId).build(), busy);
  }

  private void refuse(Caller claimed, String step, String reason) {
    refuse(claimed, step, reason, false);
  }

  private void refuse(Caller claimed, String step, String reason, boolean lockedAndProven) {
    addresses.failed(claimed.sourceAddress());
    failures.record(AuditEvent.of(AccountsAuditTypes.SIGN_IN_FAILED, claimed)
        .failed(reason).with("step", step).with("accountId", claimed.id() == 0 ? null : claimed.id()).build());
    throw new SignInRefused(reason, lockedAndProven);
  }

  /** Counts a failed step against the account and the address and audits it; then refuses. */
  private void fail(long accountId, String sourceAddress, String step, String reason) {
    Caller claimed = new Caller(Caller.Kind.USER, accountId, Account.pseudonym(accountId), Set.of(), sourceAddress);
    failures.record(AuditEvent.of(AccountsAuditTypes.SIGN_IN_FAILED, claimed)
        .failed(reason).with("step", step).with("accountId", accountId).build());
    countFailure(accountId, sourceAddress);
    throw new SignInRefused(reason);
  }

  /**
   * Counts a failure; the fifth within the window locks the account (R-ACC-5), which ends the
   * person's sessions and streams ({@link AccessRevoked}). The count and the lock commit together
   * before the refusal is thrown: the sign-in steps run in the security filters, outside any
   * transaction, so nothing of the refused request can roll them back.
   */
  private void countFailure(long accountId, String sourceAddress) {
    Assert.state(!TransactionSynchronizationManager.isActualTransactionActive(),
        "a failed sign-in step is counted outside any request transaction, so that no rollback undoes it");
    addresses.failed(sourceAddress);
    Instant now = clock.instant();
    tx.executeWithoutResult(s -> {
      AccountStore.Row row = store.lock(accountId).orElseThrow();
      Caller claimed = claimed(row, sourceAddress);
      store.addFailure(accountId, now);
      int count = store.failuresSince(accountId, now.minus(FAILURE_WINDOW));
      if (count >= MAX_FAILURES && row.lockedAt() == null) {
        store.lock(accountId, now);
        audit.record(AuditEvent.of(AccountsAuditTypes.ACCOUNT_LOCKED, claimed)
            .outcome("LOCKED").reasonCode("TOO_MANY_FAILED_SIGN_INS")
            .with("accountId", accountId).with("failures", count).build());
        events.publishEvent(new AccessRevoked(accountId, AccessRevoked.Reason.LOCKED));
        log.warn("{} locked after {} failed sign-in steps within {} minutes", claimed.pseudonym(), count,
            FAILURE_WINDOW.toMinutes());
      }
    });
  }
}
