package org.glassplate.server.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.glassplate.server.accounts.internal.AccountChangeStore;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.CommonRefusal;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.Roles;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second administrator of a privileged account change (R-ACC-7): lists the changes that wait,
 * approves one (it then takes effect) or rejects it. Asking is {@link AccountAdministration}'s.
 *
 * <p>An approval counts only from a different person ({@link Approvers}): not the one who asked,
 * not the account the change is about, and no account tied to either by lineage. Both the request
 * and the approval (or rejection) are audited; a refused approval is audited too and changes
 * nothing.
 */
@Component
public class AccountChanges {
  private final AccountChangeStore store;
  private final AccountAdministration administration;
  private final Approvers approvers;
  private final AuditRecorder audit;
  private final Clock clock;

  AccountChanges(AccountChangeStore store, AccountAdministration administration, Approvers approvers,
      AuditRecorder audit, Clock clock) {
    this.store = store;
    this.administration = administration;
    this.approvers = approvers;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * What an approval did.
   *
   * @param initialPassword for an approved CREATE or RESET, the one-time password the server chose:
   *     shown this once to the approver, who gives it to the person (never stored readable, never logged)
   */
  public record Approval(AccountChange change, Account account, String initialPassword) {
    @Override
    public String toString() {
      return "Approval[" + change + "]";
    }
  }

  /** The changes waiting for a second administrator, oldest first. */
  public List<AccountChange> pending() {
    return store.pending().stream().map(AccountChanges::view).toList();
  }

  public Optional<AccountChange> find(long changeId) {
    return store.find(changeId).map(AccountChanges::view);
  }

  /**
   * Approves a pending change, which takes effect now.
   *
   * @throws Refusal 403 {@code FORBIDDEN} (not an administrator), 404, 409 {@code NOT_PENDING},
   *     403 {@code SAME_PERSON}, 409 {@code CHANGE_STALE}, or what the change's own checks refuse
   */
  @Transactional
  public Approval approve(Caller approver, long changeId) {
    requireAdministrator(approver, "approve account changes");
    AccountChangeStore.StoredChange c = store.lock(changeId).orElseThrow(() -> Refusal.notFound("account change"));
    requirePending(approver, c);
    approvers.requireDifferentPerson(c.requestedBy(), approver, "approve this change", denial(approver, c));
    if (c.accountId() != null) {
      // the account it is about cannot approve it either, nor an account tied to it
      approvers.requireDifferentPerson(c.accountId(), approver, "approve a change to this account",
          denial(approver, c));
    }
    AccountAdministration.Applied applied = administration.apply(c, approver);
    Instant now = clock.instant();
    store.decide(c.id(), AccountChange.Status.APPROVED.name(), approver.id(), applied.accountId(), now);
    audit.record(AuditEvent.of(AccountsAuditTypes.ACCOUNT_CHANGE_APPROVED, approver)
        .with("changeId", c.id()).with("changeKind", c.kind()).with("accountId", applied.accountId())
        .with("requestedBy", Account.pseudonym(c.requestedBy())).build());
    AccountChange done = view(store.find(c.id()).orElseThrow());
    Account account = administration.account(applied.accountId());
    return new Approval(done, account, applied.initialPassword());
  }

  /**
   * Rejects a pending change (or withdraws it, when the one who asked does): nothing takes effect.
   *
   * @throws Refusal 403 {@code FORBIDDEN}, 404, 409 {@code NOT_PENDING}
   */
  @Transactional
  public AccountChange reject(Caller caller, long changeId) {
    AccountChangeStore.StoredChange c = store.lock(changeId).orElseThrow(() -> Refusal.notFound("account change"));
    boolean withdrawn = caller.kind() == Caller.Kind.USER && caller.id() == c.requestedBy();
    if (!withdrawn) {
      requireAdministrator(caller, "reject account changes");
    }
    requirePending(caller, c);
    store.decide(c.id(), AccountChange.Status.REJECTED.name(), caller.id(), null, clock.instant());
    audit.record(AuditEvent.of(AccountsAuditTypes.ACCOUNT_CHANGE_REJECTED, caller)
        .with("changeId", c.id()).with("changeKind", c.kind()).with("accountId", c.accountId())
        .with("requestedBy", Account.pseudonym(c.requestedBy())).with("withdrawn", withdrawn).build());
    return view(store.find(c.id()).orElseThrow());
  }

  static AccountChange view(AccountChangeStore.StoredChange c) {
    return new AccountChange(c.id(), AccountChange.Kind.valueOf(c.kind()), AccountChange.Status.valueOf(c.status()),
        c.accountId(), c.username(), c.displayName(), c.roles(), c.previousRoles(), c.requestedBy(), c.requestedAt(),
        c.decidedBy(), c.decidedAt());
  }

  private void requirePending(Caller caller, AccountChangeStore.StoredChange c) {
    if (!AccountChange.Status.PENDING.name().equals(c.status())) {
      throw audit.recordDenied(denial(caller, c).denied(CommonRefusal.NOT_PENDING.code()).build(),
          new Refusal(CommonRefusal.NOT_PENDING, "the change is " + c.status().toLowerCase(Locale.ROOT) + ", not pending"));
    }
  }

  private static AuditEvent.Builder denial(Caller caller, AccountChangeStore.StoredChange c) {
    return AuditEvent.of(AccountsAuditTypes.ACCOUNT_CHANGE_REFUSED, caller)
        .with("changeId", c.id()).with("changeKind", c.kind()).with("accountId", c.accountId());
  }

  private static void requireAdministrator(Caller caller, String what) {
    if (caller.kind() != Caller.Kind.SYSTEM && !caller.hasRole(Roles.ADMINISTRATOR)) {
      throw Refusal.forbidden("your role does not allow you to " + what);
    }
  }
}
