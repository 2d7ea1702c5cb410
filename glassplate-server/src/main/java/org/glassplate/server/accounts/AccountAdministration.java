package org.glassplate.server.accounts;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.glassplate.server.accounts.internal.AccountChangeStore;
import org.glassplate.server.accounts.internal.AccountStore;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.RetryLater;
import org.glassplate.server.core.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators and supervisors do to accounts (R-ACC-1, R-ACC-3 to R-ACC-5, R-ACC-7): create,
 * change roles, reset credentials, disable and enable, release a lockout, record training. Every
 * change is audited in the same transaction; a refusal on the rules (not on input) is audited in its
 * own.
 *
 * <p>Two people for every privileged change (R-ACC-7): creating an account with, or granting,
 * ADMINISTRATOR, SUPERVISOR or AUDITOR ({@link #PRIVILEGED_ROLES}), resetting the credentials of an
 * account that holds one of them, and re-enabling a disabled account only record an
 * {@link AccountChange} and answer {@link Outcome.Pending}; it takes effect when a different
 * administrator approves it ({@link AccountChanges#approve}). Nobody grants a role to themselves or
 * records their own training, and training recorded by an account tied to the trainee's (see
 * {@link Approvers}) is refused. Other changes take effect at once, as before. Every create, reset
 * and grant a person makes is kept as lineage, which {@link Approvers} reads.
 *
 * <p>Who may: creating, changing roles, resetting, disabling, releasing a lockout and asking to
 * re-enable an account that an administrator disabled need ADMINISTRATOR; asking to re-enable an
 * account disabled for inactivity needs SUPERVISOR and training completed on or after the day it was
 * disabled (retraining, R-ACC-4); recording training needs SUPERVISOR or ADMINISTRATOR.
 *
 * <p>The server itself ({@link Caller#system()}) may do all of it at once, with no second person and
 * no lineage: that is how the first administrators come to exist (demo seeding, test support, through
 * {@link AccountSeeder}); it is never an API request.
 */
@Component
public class AccountAdministration {
  /** The roles a person can hold; partners are agencies' systems, set up through sharing. */
  public static final Set<String> PERSON_ROLES =
      Set.of(Roles.OPERATOR, Roles.INVESTIGATOR, Roles.SUPERVISOR, Roles.ADMINISTRATOR, Roles.AUDITOR);
  /** The roles that only two people can give, or reset the credentials of (R-ACC-7). */
  public static final Set<String> PRIVILEGED_ROLES = Set.of(Roles.ADMINISTRATOR, Roles.SUPERVISOR, Roles.AUDITOR);
  static final Period LONGEST_TRAINING = Period.ofYears(3);

  private final AccountStore store;
  private final AccountChangeStore changes;
  private final Passwords passwords;
  private final AuditRecorder audit;
  private final TrainingGate gate;
  private final Approvers approvers;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  AccountAdministration(AccountStore store, AccountChangeStore changes, Passwords passwords, AuditRecorder audit,
      TrainingGate gate, Approvers approvers, Clock clock, ApplicationEventPublisher events) {
    this.store = store;
    this.changes = changes;
    this.passwords = passwords;
    this.audit = audit;
    this.gate = gate;
    this.approvers = approvers;
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

  /** What a request did: took effect at once, or waits for a second administrator. */
  public sealed interface Outcome<T> {
    /** It took effect; {@code result} is what it made or changed. */
    record Done<T>(T result) implements Outcome<T> {
    }

    /** It waits for a second administrator's approval and has changed nothing yet. */
    record Pending<T>(AccountChange change) implements Outcome<T> {
    }
  }

  @Transactional
  public Outcome<Account> create(Caller actor, NewAccount request) {
    requireRole(actor, "create accounts", Roles.ADMINISTRATOR);
    String username = normalizeUsername(request.username());
    String displayName = request.displayName() == null ? "" : request.displayName().strip();
    if (displayName.isEmpty() || displayName.length() > 200) {
      throw Refusal.invalid("displayName", "a display name of 1 to 200 characters is required");
    }
    Set<String> roles = roles(request.roles());
    boolean twoPeople = needsSecondPerson(actor) && privileged(roles);
    if (twoPeople && request.password() != null && !request.password().isEmpty()) {
      throw Refusal.invalid("password", "leave the password out: an account with " + privilegedOf(roles)
          + " gets a one-time password when a second administrator approves it, shown only to them (R-ACC-7)");
    }
    if (!twoPeople) {
      passwords.check("password", request.password(), username);
    }
    if (store.usernameTaken(username)) {
      throw new Refusal(AccountRefusal.USERNAME_TAKEN,
          "that username is already in use (usernames are never reused)", "username");
    }
    if (changes.usernamePending(username)) {
      throw new Refusal(AccountRefusal.CHANGE_PENDING,
          "an account with that username already waits for a second administrator's approval", "username");
    }
    if (twoPeople) {
      return new Outcome.Pending<>(request(actor, AccountChange.Kind.CREATE, null, username, displayName, roles,
          null));
    }
    Instant now = clock.instant();
    long id = store.insert(username, displayName, hash(actor, request.password()), roles, now);
    lineage(actor, id, "CREATED", true, null, now);
    audit.record(AuditEvent.of(AccountsAuditTypes.ACCOUNT_CREATED, actor)
        .with("accountId", id).with("accountRoles", sorted(roles))
        .secret("username", username).secret("displayName", displayName).build());
    return new Outcome.Done<>(store.find(id).orElseThrow().account());
  }

  @Transactional
  public Outcome<Account> changeRoles(Caller actor, long accountId, Collection<String> newRoles) {
    requireRole(actor, "change roles", Roles.ADMINISTRATOR);
    Set<String> roles = roles(newRoles);
    AccountStore.Row row = store.lock(accountId).orElseThrow(() -> Refusal.notFound("account"));
    boolean self = actor.kind() == Caller.Kind.USER && actor.id() == accountId;
    if (self && !roles.contains(Roles.ADMINISTRATOR)) {
      throw refused(actor, accountId, AccountRefusal.SELF_DEMOTION,
          "you cannot remove your own administrator role; ask another administrator");
    }
    Set<String> added = new TreeSet<>(roles);
    added.removeAll(row.roles());
    if (self && !added.isEmpty()) {
      throw refused(actor, accountId, AccountRefusal.SELF_GRANT,
          "you cannot grant yourself a role; another administrator must (R-ACC-7)");
    }
    if (needsSecondPerson(actor) && privileged(added)) {
      requireNothingPending(accountId);
      return new Outcome.Pending<>(request(actor, AccountChange.Kind.GRANT, accountId, null, null, roles,
          row.roles()));
    }
    Instant now = clock.instant();
    store.setRoles(accountId, roles);
    if (!added.isEmpty()) {
      lineage(actor, accountId, "GRANTED", false, null, now);
    }
    audit.record(AuditEvent.of(AccountsAuditTypes.ROLES_CHANGED, actor)
        .with("accountId", accountId).with("previousRoles", sorted(row.roles())).with("accountRoles", sorted(roles))
        .build());
    if (!roles.containsAll(row.roles())) {
      events.publishEvent(new AccessRevoked(accountId, AccessRevoked.Reason.ROLE_REMOVED));
    }
    return new Outcome.Done<>(store.find(accountId).orElseThrow().account());
  }

  /** What a credential reset did: the account, and how many of its API tokens were revoked. */
  public record CredentialReset(Account account, int tokensRevoked) {
  }

  /**
   * Gives a person a new password and removes their authenticator, for a forgotten password or a
   * lost phone: they enroll a new authenticator at their next sign-in. Their sessions end at their
   * next request and their API tokens are revoked (a reset may follow a compromise). Another
   * administrator must do it for an administrator's own account. For an account holding a
   * privileged role it only asks (no password may be given): a second administrator approves, and
   * the server then chooses the password and shows it to the approver alone.
   */
  @Transactional
  public Outcome<CredentialReset> resetCredentials(Caller actor, long accountId, String newPassword) {
    requireRole(actor, "reset credentials", Roles.ADMINISTRATOR);
    AccountStore.Row row = store.lock(accountId).orElseThrow(() -> Refusal.notFound("account"));
    if (actor.kind() == Caller.Kind.USER && actor.id() == accountId) {
      throw refused(actor, accountId, AccountRefusal.SELF_RESET,
          "you cannot reset your own credentials; change your password on your account page, or ask another"
              + " administrator");
    }
    if (needsSecondPerson(actor) && privileged(row.roles())) {
      if (newPassword != null && !newPassword.isEmpty()) {
        throw Refusal.invalid("password", "leave the password out: the credentials of an account with "
            + privilegedOf(row.roles()) + " are reset when a second administrator approves, with a"
            + " one-time password shown only to them (R-ACC-7)");
      }
      requireNothingPending(accountId);
      return new Outcome.Pending<>(request(actor, AccountChange.Kind.RESET, accountId, null, null, null, null));
    }
    passwords.check("password", newPassword, row.username());
    Instant now = clock.instant();
    store.resetCredentials(accountId, hash(actor, newPassword), now);
    int revoked = store.revokeTokensOf(accountId, now);
    lineage(actor, accountId, "RESET", true, null, now);
    audit.record(AuditEvent.of(AccountsAuditTypes.CREDENTIALS_RESET, actor)
        .with("accountId", accountId).with("tokensRevoked", revoked).build());
    events.publishEvent(new AccessRevoked(accountId, AccessRevoked.Reason.CREDENTIALS_RESET));
    return new Outcome.Done<>(new CredentialReset(store.find(accountId).orElseThrow().account(), revoked));
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

  /**
   * Asks to re-enable a disabled account; an enabled one is left as it is. It takes effect when a
   * second administrator approves (R-ACC-7).
   */
  @Transactional
  public Outcome<Account> enable(Caller actor, long accountId) {
    AccountStore.Row row = store.lock(accountId).orElseThrow(() -> Refusal.notFound("account"));
    if (row.enabled()) {
      return new Outcome.Done<>(row.account());
    }
    if ("INACTIVITY".equals(row.disabledReason())) {
      if (!actor.hasRole(Roles.SUPERVISOR) && actor.kind() != Caller.Kind.SYSTEM) {
        throw refused(actor, accountId, AccountRefusal.SUPERVISOR_REQUIRED,
            "an account disabled for inactivity is re-enabled only by a supervisor");
      }
      requireRetrained(actor, row);
    } else {
      requireRole(actor, "re-enable an account an administrator disabled", Roles.ADMINISTRATOR);
    }
    if (needsSecondPerson(actor)) {
      requireNothingPending(accountId);
      return new Outcome.Pending<>(request(actor, AccountChange.Kind.ENABLE, accountId, null, null, null, null));
    }
    return new Outcome.Done<>(applyEnable(actor, row, null, null));
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
    Long recorder = actor.kind() == Caller.Kind.USER ? actor.id() : null;
    if (recorder != null && recorder == accountId) {
      throw refused(actor, accountId, AccountRefusal.SELF_TRAINING,
          "you cannot record your own training; a supervisor or another administrator must (R-ACC-7)");
    }
    approvers.requireDifferentPerson(accountId, actor, "record this person's training",
        AuditEvent.of(AccountsAuditTypes.ACCOUNT_CHANGE_REFUSED, actor).with("accountId", accountId));
    long id = store.addTraining(accountId, course.strip(), completedOn, expiresOn, actor.pseudonym(), recorder,
        clock.instant());
    audit.record(AuditEvent.of(AccountsAuditTypes.TRAINING_RECORDED, actor)
        .with("accountId", accountId).with("trainingId", id)
        .with("completedOn", completedOn.toString()).with("expiresOn", expiresOn.toString())
        .secret("course", course.strip()).build());
    return new TrainingRecord(id, course.strip(), completedOn, expiresOn);
  }

  /** What an approved change did; {@code initialPassword} is set for a CREATE or RESET, shown this once. */
  record Applied(long accountId, String initialPassword) {
    @Override
    public String toString() {
      return "Applied[" + Account.pseudonym(accountId) + "]";
    }
  }

  /**
   * Makes an approved change take effect, in the approver's transaction, with the same checks as when
   * it was asked for where the account may have changed since. Lineage is written for the requester
   * and the approver; only the approver is shown (so holds) a new password.
   */
  Applied apply(AccountChangeStore.StoredChange c, Caller approver) {
    Instant now = clock.instant();
    AccountChange.Kind kind = AccountChange.Kind.valueOf(c.kind());
    if (kind == AccountChange.Kind.CREATE) {
      if (store.usernameTaken(c.username())) {
        throw new Refusal(AccountRefusal.USERNAME_TAKEN,
            "that username was taken after the change was asked for (usernames are never reused)", "username");
      }
      String initial = AccountSeeder.randomPassword();
      long id = store.insert(c.username(), c.displayName(), hash(approver, initial), Set.copyOf(c.roles()), now);
      changeLineage(c, approver, id, "CREATED", true, now);
      audit.record(AuditEvent.of(AccountsAuditTypes.ACCOUNT_CREATED, approver)
          .with("accountId", id).with("accountRoles", c.roles()).with("changeId", c.id())
          .with("requestedBy", Account.pseudonym(c.requestedBy()))
          .secret("username", c.username()).secret("displayName", c.displayName()).build());
      return new Applied(id, initial);
    }
    long accountId = c.accountId();
    AccountStore.Row row = store.lock(accountId).orElseThrow(() -> Refusal.notFound("account"));
    switch (kind) {
      case GRANT -> {
        if (!new TreeSet<>(row.roles()).equals(new TreeSet<>(c.previousRoles()))) {
          throw refused(approver, accountId, c.id(), AccountRefusal.CHANGE_STALE, "the account's roles changed"
              + " after this change was asked for; reject it and ask again");
        }
        store.setRoles(accountId, Set.copyOf(c.roles()));
        if (!c.roles().containsAll(row.roles())) {
          events.publishEvent(new AccessRevoked(accountId, AccessRevoked.Reason.ROLE_REMOVED));
        }
        changeLineage(c, approver, accountId, "GRANTED", false, now);
        audit.record(AuditEvent.of(AccountsAuditTypes.ROLES_CHANGED, approver)
            .with("accountId", accountId).with("previousRoles", c.previousRoles()).with("accountRoles", c.roles())
            .with("changeId", c.id()).with("requestedBy", Account.pseudonym(c.requestedBy())).build());
        return new Applied(accountId, null);
      }
      case RESET -> {
        String initial = AccountSeeder.randomPassword();
        store.resetCredentials(accountId, hash(approver, initial), now);
        int revoked = store.revokeTokensOf(accountId, now);
        events.publishEvent(new AccessRevoked(accountId, AccessRevoked.Reason.CREDENTIALS_RESET));
        changeLineage(c, approver, accountId, "RESET", true, now);
        audit.record(AuditEvent.of(AccountsAuditTypes.CREDENTIALS_RESET, approver)
            .with("accountId", accountId).with("tokensRevoked", revoked).with("changeId", c.id())
            .with("requestedBy", Account.pseudonym(c.requestedBy())).build());
        return new Applied(accountId, initial);
      }
      case ENABLE -> {
        if (row.enabled()) {
          throw refused(approver, accountId, c.id(), AccountRefusal.CHANGE_STALE,
              "the account was enabled after this change was asked for; reject it");
        }
        if ("INACTIVITY".equals(row.disabledReason())) {
          requireRetrained(approver, row);
        }
        applyEnable(approver, row, c.id(), c.requestedBy());
        return new Applied(accountId, null);
      }
      default -> throw new IllegalStateException("unknown account change kind " + kind);
    }
  }

  private Account applyEnable(Caller actor, AccountStore.Row row, Long changeId, Long requestedBy) {
    store.enable(row.id(), clock.instant());
    audit.record(AuditEvent.of(AccountsAuditTypes.ACCOUNT_ENABLED, actor)
        .with("accountId", row.id()).with("disabledReason", row.disabledReason()).with("changeId", changeId)
        .with("requestedBy", requestedBy == null ? null : Account.pseudonym(requestedBy)).build());
    return store.find(row.id()).orElseThrow().account();
  }

  /** Retraining (R-ACC-4): training completed on or after the day of the disabling, recorded by someone else. */
  private void requireRetrained(Caller actor, AccountStore.Row row) {
    LocalDate disabledOn = LocalDate.ofInstant(row.disabledAt(), ZoneOffset.UTC);
    LocalDate today = gate.today();
    boolean retrained = gate.countable(row.id()).stream()
        .anyMatch(t -> t.currentOn(today) && !t.completedOn().isBefore(disabledOn));
    if (!retrained) {
      throw refused(actor, row.id(), TrainingGate.CODE,
          "record training completed on or after " + disabledOn
              + " (when the account was disabled for inactivity) before re-enabling it");
    }
  }

  /** Stores a change for a second administrator and audits the request. */
  private AccountChange request(Caller actor, AccountChange.Kind kind, Long accountId, String username,
      String displayName, Set<String> roles, Set<String> previousRoles) {
    Instant now = clock.instant();
    long id;
    try {
      id = changes.insert(kind.name(), accountId, username, displayName, roles, previousRoles, actor.id(), now);
    } catch (DuplicateKeyException e) {
      // another request for the same account or username committed first
      throw new Refusal(AccountRefusal.CHANGE_PENDING, "a change to this account already waits for approval");
    }
    audit.record(AuditEvent.of(AccountsAuditTypes.ACCOUNT_CHANGE_REQUESTED, actor)
        .outcome("PENDING")
        .with("changeId", id).with("changeKind", kind.name()).with("accountId", accountId)
        .with("accountRoles", roles == null ? null : sorted(roles))
        .with("previousRoles", previousRoles == null ? null : sorted(previousRoles))
        .secret("username", username).secret("displayName", displayName).build());
    return AccountChanges.view(changes.find(id).orElseThrow());
  }

  private void requireNothingPending(long accountId) {
    if (changes.pendingFor(accountId)) {
      throw new Refusal(AccountRefusal.CHANGE_PENDING, "a change to this account already waits for a second"
          + " administrator's approval: approve or reject it first");
    }
  }

  /** Lineage of a change a person made directly; the server's own changes leave none. */
  private void lineage(Caller actor, long target, String kind, boolean holdsCredentials, Long changeId, Instant now) {
    if (actor.kind() == Caller.Kind.USER && actor.id() != target) {
      changes.addLineage(actor.id(), target, kind, holdsCredentials, changeId, now);
    }
  }

  /** Lineage of an approved change: the requester's, and the approver's, who alone is shown a new password. */
  private void changeLineage(AccountChangeStore.StoredChange c, Caller approver, long target, String kind,
      boolean approverHoldsCredentials, Instant now) {
    if (c.requestedBy() != target) {
      changes.addLineage(c.requestedBy(), target, kind, false, c.id(), now);
    }
    lineage(approver, target, kind, approverHoldsCredentials, c.id(), now);
  }

  /** Only people need a second person; the server's own seeding does not (see the class comment). */
  private static boolean needsSecondPerson(Caller actor) {
    return actor.kind() != Caller.Kind.SYSTEM;
  }

  static boolean privileged(Collection<String> roles) {
    return !privilegedOf(roles).isEmpty();
  }

  private static Set<String> privilegedOf(Collection<String> roles) {
    Set<String> out = new TreeSet<>(roles);
    out.retainAll(PRIVILEGED_ROLES);
    return out;
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

  Account account(long accountId) {
    return store.find(accountId).orElseThrow().account();
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
    return refused(actor, accountId, null, reason, message);
  }

  private Refusal refused(Caller actor, long accountId, Long changeId, AccountRefusal reason, String message) {
    return audit.recordDenied(AuditEvent.of(AccountsAuditTypes.ACCOUNT_CHANGE_REFUSED, actor)
        .denied(reason.code()).with("accountId", accountId).with("changeId", changeId).build(),
        new Refusal(reason, message));
  }
}
