package org.glassplate.server.accounts;

import org.glassplate.server.accounts.internal.AccountStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.RetryLater;
import org.glassplate.server.core.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators and supervisors do to accounts (R-ACC-1, R-ACC-3 to R-ACC-5): create,
 * change roles, disable and enable, release a lockout, record training. Every change is audited
 * in the same transaction; a refusal on the rules (not on input) is audited in its own.
 *
 * <p>Who may: creating, changing roles, disabling, releasing a lockout and re-enabling an account
 * that an administrator disabled need ADMINISTRATOR; re-enabling an account disabled for
 * inactivity needs SUPERVISOR and training completed on or after the day it was disabled
 * (retraining, R-ACC-4); recording training needs SUPERVISOR or ADMINISTRATOR. The server itself
 * ({@link Caller#system()}) may do all of it (demo seeding).
 */
@Component
public class AccountAdministration {
  /** The roles a person can hold; partners are agencies' systems, set up through sharing. */
  public static final Set<String> PERSON_ROLES =
      Set.of(Roles.OPERATOR, Roles.INVESTIGATOR, Roles.SUPERVISOR, Roles.ADMINISTRATOR, Roles.AUDITOR);
  static final Period LONGEST_TRAINING = Period.ofYears(3);

  private final AccountStore store;
  private final Passwords passwords;
  private final AuditRecorder audit;
  private final TrainingGate gate;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  AccountAdministration(AccountStore store, Passwords passwords, AuditRecorder audit, TrainingGate gate, Clock clock,
      ApplicationEventPublisher events) {
    this.store = store;
    this.passwords = passwords;
    this.audit = audit;
    this.gate = gate;
    this.clock = clock;
    this.events = events;
  }

  /** A new person's account; the password is checked against the rules of R-ACC-6. */
  public record NewAccount(String username, String displayName, String password, Collection<String> roles) {
    @Override
    public String toString() {
      return "NewAccount[roles=" + roles + "]";
    }
  }

  @Transactional
  public Account create(Caller actor, NewAccount request) {
    requireRole(actor, "create accounts", Roles.ADMINISTRATOR);
    String username = normalizeUsername(request.username());
    String displayName = request.displayName() == null ? "" : request.displayName().strip();
    if (displayName.isEmpty() || displayName.length() > 200) {
      throw Refusal.invalid("displayName", "a display name of 1 to 200 characters is required");
    }
    Set<String> roles = roles(request.roles());
    passwords.check("password", request.password(), username);
    if (store.usernameTaken(username)) {
      throw new Refusal(AccountRefusal.USERNAME_TAKEN,
          "that username is already in use (usernames are never reused)", "username");
    }
    Instant now = clock.instant();
    long id = store.insert(username, displayName, hash(actor, request.password()), roles, now);
    audit.record(AuditEvent.of(AccountsAuditTypes.ACCOUNT_CREATED, actor)
        .with("accountId", id).with("accountRoles", sorted(roles))
        .secret("username", username).secret("displayName", displayName).build());
    return store.find(id).orElseThrow().account();
  }

  @Transactional
  public Account changeRoles(Caller actor, long accountId, Collection<String> newRoles) {
    requireRole(actor, "change roles", Roles.ADMINISTRATOR);
    Set<String> roles = roles(newRoles);
    AccountStore.Row row = store.lock(accountId).orElseThrow(() -> Refusal.notFound("account"));
    if (actor.kind() == Caller.Kind.USER && actor.id() == accountId && !roles.contains(Roles.ADMINISTRATOR)) {
      throw refused(actor, accountId, AccountRefusal.SELF_DEMOTION,
          "you cannot remove your own administrator role; ask another administrator");
    }
    store.setRoles(accountId, roles);
    audit.record(AuditEvent.of(AccountsAuditTypes.ROLES_CHANGED, actor)
        .with("accountId", accountId).with("previousRoles", sorted(row.roles())).with("accountRoles", sorted(roles))
        .build());
    if (!roles.containsAll(row.roles())) {
      events.publishEvent(new AccessRevoked(accountId, AccessRevoked.Reason.ROLE_REMOVED));
    }
    return store.find(accountId).orElseThrow().account();
  }

  /** What a credential reset did: the account, and how many of its API tokens were revoked. */
  public record CredentialReset(Account account, int tokensRevoked) {
  }

  /**
   * Gives a person a new password and removes their authenticator, for a forgotten password or a
   * lost phone: they enroll a new authenticator at their next sign-in. Their sessions end at their
   * next request and their API tokens are revoked (a reset may follow a compromise). Another
   * administrator must do it for an administrator's own account.
   */
  @Transactional
  public CredentialReset resetCredentials(Caller actor, long accountId, String newPassword) {
    requireRole(actor, "reset credentials", Roles.ADMINISTRATOR);
    AccountStore.Row row = store.lock(accountId).orElseThrow(() -> Refusal.notFound("account"));
    if (actor.kind() == Caller.Kind.USER && actor.id() == accountId) {
      throw refused(actor, accountId, AccountRefusal.SELF_RESET,
          "you cannot reset your own credentials; change your password on your account page, or ask another"
              + " administrator");
    }
    passwords.check("password", newPassword, row.username());
    Instant now = clock.instant();
    store.resetCredentials(accountId, hash(actor, newPassword), now);
    int revoked = store.revokeTokensOf(accountId, now);
    audit.record(AuditEvent.of(AccountsAuditTypes.CREDENTIALS_RESET, actor)
        .with("accountId", accountId).with("tokensRevoked", revoked).build());
    events.publishEvent(new AccessRevoked(accountId, AccessRevoked.Reason.CREDENTIALS_RESET));
    return new CredentialReset(store.find(accountId).orElseThrow().account(), revoked);
  }

  @Transactional
  public Account disable(Caller actor, long accountId) {
    requireRole(actor, "disable accounts", Roles.ADMINISTRATOR);
    AccountStore.Row row = store.lock(accountId).orElseThrow(() -> Refusal.notFound("account"));
    if (actor.kind() == Caller.Kind.USER && actor.id() == accountId) {
      throw refused(actor, accountId, AccountRefusal.SELF_DISABLE, "you cannot disable your own account");
    }
    if (!row.enabled()) {
      return row.account();
    }
    store.disable(accountId, "ADMINISTRATOR", clock.instant());
    audit.record(AuditEvent.of(AccountsAuditTypes.ACCOUNT_DISABLED, actor)
        .with("accountId", accountId).with("disabledReason", "ADMINISTRATOR").build());
    events.publishEvent(new AccessRevoked(accountId, AccessRevoked.Reason.DISABLED));
    return store.find(accountId).orElseThrow().account();
  }

  @Transactional
  public Account enable(Caller actor, long accountId) {
    AccountStore.Row row = store.lock(accountId).orElseThrow(() -> Refusal.notFound("account"));
    if (row.enabled()) {
      return row.account();
    }
    boolean inactivity = "INACTIVITY".equals(row.disabledReason());
    if (inactivity) {
      if (!actor.hasRole(Roles.SUPERVISOR) && actor.kind() != Caller.Kind.SYSTEM) {
        throw refused(actor, accountId, AccountRefusal.SUPERVISOR_REQUIRED,
            "an account disabled for inactivity is re-enabled only by a supervisor");
      }
      LocalDate disabledOn = LocalDate.ofInstant(row.disabledAt(), java.time.ZoneOffset.UTC);
      LocalDate today = gate.today();
      boolean retrained = store.training(accountId).stream()
          .anyMatch(t -> t.currentOn(today) && !t.completedOn().isBefore(disabledOn));
      if (!retrained) {
        throw refused(actor, accountId, TrainingGate.CODE,
            "record training completed on or after " + disabledOn
                + " (when the account was disabled for inactivity) before re-enabling it");
      }
    } else {
      requireRole(actor, "re-enable an account an administrator disabled", Roles.ADMINISTRATOR);
    }
    store.enable(accountId);
    audit.record(AuditEvent.of(AccountsAuditTypes.ACCOUNT_ENABLED, actor)
        .with("accountId", accountId).with("disabledReason", row.disabledReason()).build());
    return store.find(accountId).orElseThrow().account();
  }

  @Transactional
  public Account releaseLockout(Caller actor, long accountId) {
    requireRole(actor, "release lockouts", Roles.ADMINISTRATOR);
    AccountStore.Row row = store.lock(accountId).orElseThrow(() -> Refusal.notFound("account"));
    if (row.lockedAt() == null) {
      throw new Refusal(AccountRefusal.NOT_LOCKED, "the account is not locked");
    }
    store.releaseLock(accountId, clock.instant());
    audit.record(AuditEvent.of(AccountsAuditTypes.LOCKOUT_RELEASED, actor).with("accountId", accountId).build());
    return store.find(accountId).orElseThrow().account();
  }

  @Transactional
  public TrainingRecord recordTraining(Caller actor, long accountId, String course, LocalDate completedOn,
      LocalDate expiresOn) {
    requireRole(actor, "record training", Roles.SUPERVISOR, Roles.ADMINISTRATOR);
    if (course == null || course.isBlank() || course.length() > 200) {
      throw Refusal.invalid("course", "a course name of 1 to 200 characters is required");
    }
    if (completedOn == null) {
      throw Refusal.invalid("completedOn", "completedOn (YYYY-MM-DD) is required");
    }
    if (completedOn.isAfter(gate.today())) {
      throw Refusal.invalid("completedOn", "completedOn cannot be in the future");
    }
    if (expiresOn == null || !expiresOn.isAfter(completedOn)) {
      throw Refusal.invalid("expiresOn", "expiresOn (YYYY-MM-DD) after completedOn is required");
    }
    if (expiresOn.isAfter(completedOn.plus(LONGEST_TRAINING))) {
      throw Refusal.invalid("expiresOn", "training counts for at most 3 years");
    }
    store.find(accountId).orElseThrow(() -> Refusal.notFound("account"));
    long id = store.addTraining(accountId, course.strip(), completedOn, expiresOn, actor.pseudonym(), clock.instant());
    audit.record(AuditEvent.of(AccountsAuditTypes.TRAINING_RECORDED, actor)
        .with("accountId", accountId).with("trainingId", id)
        .with("completedOn", completedOn.toString()).with("expiresOn", expiresOn.toString())
        .secret("course", course.strip()).build());
    return new TrainingRecord(id, course.strip(), completedOn, expiresOn);
  }

  static String normalizeUsername(String username) {
    String u = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    if (!u.matches("[a-z0-9][a-z0-9._-]{1,62}")) {
      throw Refusal.invalid("username",
          "a username is 2 to 63 characters: letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return u;
  }

  static Set<String> roles(Collection<String> given) {
    if (given == null || given.isEmpty()) {
      throw Refusal.invalid("roles", "at least one role is required, of " + sorted(PERSON_ROLES));
    }
    Set<String> out = new TreeSet<>();
    for (String r : given) {
      String role = r == null ? "" : r.strip().toUpperCase(Locale.ROOT);
      if (!PERSON_ROLES.contains(role)) {
        throw Refusal.invalid("roles", "unknown role; a person's roles are " + sorted(PERSON_ROLES));
      }
      out.add(role);
    }
    return out;
  }

  static List<String> sorted(Collection<String> roles) {
    return roles.stream().sorted().toList();
  }

  private static void requireRole(Caller actor, String what, String... roles) {
    if (actor.kind() == Caller.Kind.SYSTEM) {
      return;
    }
    for (String r : roles) {
      if (actor.hasRole(r)) {
        return;
      }
    }
    throw Refusal.forbidden("your role does not allow you to " + what);
  }

  /** A password's stored form; when too many hashes run at once, that refusal is audited and thrown (503). */
  private String hash(Caller actor, String password) {
    try {
      return passwords.hash(password);
    } catch (RetryLater busy) {
      throw audit.recordDenied(AuditEvent.of(AccountsAuditTypes.ACCOUNT_CHANGE_REFUSED, actor)
          .denied(busy.code()).build(), busy);
    }
  }

  /** Audits the refusal (it must survive the rollback), then returns it to throw. */
  private Refusal refused(Caller actor, long accountId, AccountRefusal reason, String message) {
    return audit.recordDenied(AuditEvent.of(AccountsAuditTypes.ACCOUNT_CHANGE_REFUSED, actor)
        .denied(reason.code()).with("accountId", accountId).build(), new Refusal(reason, message));
  }
}
