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
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.Caller;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * The rules of signing in (R-ACC-2, R-ACC-5, R-ACC-6): a password, then a TOTP code (enrolling
 * one at the first sign-in). Five failed steps (either kind) within 15 minutes lock the account
 * until an administrator releases it; a locked or disabled account is refused even with the right
 * password. Every success and failure is audited; failures in their own transaction.
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
  private final Clock clock;
  private final TransactionTemplate tx;

  SignIn(AccountStore store, Passwords passwords, AuditRecorder audit, Clock clock, PlatformTransactionManager txm) {
    this.store = store;
    this.passwords = passwords;
    this.audit = audit;
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
    Optional<AccountStore.Row> found = Optional.empty();
    String u = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
    if (u.matches("[a-z0-9][a-z0-9._-]{1,62}")) {
      found = store.findByUsername(u);
    }
    if (found.isEmpty()) {
      passwords.burn(password);
      // the typed username is not recorded: people sometimes type their password into that field
      refuse(new Caller(Caller.Kind.USER, 0, "user:unknown", Set.of(), sourceAddress), "PASSWORD", "UNKNOWN_ACCOUNT");
    }
    AccountStore.Row row = found.get();
    if (row.lockedAt() != null) {
      // as slow as burn(): who knows the password is told the account is locked; anyone else learns nothing
      boolean proven = passwords.matches(password, row.passwordHash());
      refuse(claimed(row, sourceAddress), "PASSWORD", "ACCOUNT_LOCKED", proven);
    }
    if (!row.enabled()) {
      passwords.burn(password);
      refuse(claimed(row, sourceAddress), "PASSWORD", "ACCOUNT_DISABLED");
    }
    if (!passwords.matches(password, row.passwordHash())) {
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

  /** Changes one's own password; needs the current one. */
  public void changePassword(Caller person, String currentPassword, String newPassword) {
    if (person.kind() != Caller.Kind.USER) {
      throw Refusal.forbidden("only a person has a password");
    }
    AccountStore.Row row = store.find(person.id()).orElseThrow(() -> Refusal.notFound("account"));
    if (!passwords.matches(currentPassword, row.passwordHash())) {
      throw audit.recordDenied(AuditEvent.of(AccountsAuditTypes.ACCOUNT_CHANGE_REFUSED, person)
              .denied("WRONG_CURRENT_PASSWORD").with("accountId", row.id()).build(),
          Refusal.invalid("currentPassword", "the current password is not right"));
    }
    passwords.check("newPassword", newPassword, row.username());
    if (newPassword.equals(currentPassword)) {
      throw Refusal.invalid("newPassword", "the new password must differ from the current one");
    }
    String hash = passwords.hash(newPassword);
    tx.executeWithoutResult(s -> {
      store.setPassword(row.id(), hash);
      audit.record(AuditEvent.of(AccountsAuditTypes.PASSWORD_CHANGED, person).with("accountId", row.id()).build());
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

  private void refuse(Caller claimed, String step, String reason) {
    refuse(claimed, step, reason, false);
  }

  private void refuse(Caller claimed, String step, String reason, boolean lockedAndProven) {
    throw audit.recordDenied(AuditEvent.of(AccountsAuditTypes.SIGN_IN_FAILED, claimed)
        .failed(reason).with("step", step).with("accountId", claimed.id() == 0 ? null : claimed.id()).build(),
        new SignInRefused(reason, lockedAndProven));
  }

  /**
   * Counts a failed step; the fifth within the window locks the account (R-ACC-5). The count and its
   * entries commit together before the refusal is thrown: the sign-in steps run in the security
   * filters, outside any transaction, so nothing of the refused request can roll them back.
   */
  private void fail(long accountId, String sourceAddress, String step, String reason) {
    Assert.state(!TransactionSynchronizationManager.isActualTransactionActive(),
        "a failed sign-in step is counted outside any request transaction, so that no rollback undoes it");
    Instant now = clock.instant();
    tx.executeWithoutResult(s -> {
      AccountStore.Row row = store.lock(accountId).orElseThrow();
      Caller claimed = claimed(row, sourceAddress);
      store.addFailure(accountId, now);
      audit.record(AuditEvent.of(AccountsAuditTypes.SIGN_IN_FAILED, claimed)
          .failed(reason).with("step", step).with("accountId", accountId).build());
      int failures = store.failuresSince(accountId, now.minus(FAILURE_WINDOW));
      if (failures >= MAX_FAILURES && row.lockedAt() == null) {
        store.lock(accountId, now);
        audit.record(AuditEvent.of(AccountsAuditTypes.ACCOUNT_LOCKED, claimed)
            .outcome("LOCKED").reasonCode("TOO_MANY_FAILED_SIGN_INS")
            .with("accountId", accountId).with("failures", failures).build());
        log.warn("{} locked after {} failed sign-in steps within {} minutes", claimed.pseudonym(), failures,
            FAILURE_WINDOW.toMinutes());
      }
    });
    throw new SignInRefused(reason);
  }
}
