package org.glassplate.server.accounts;

import java.util.Optional;
import org.glassplate.server.accounts.internal.AccountChangeStore;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.CommonRefusal;
import org.glassplate.server.core.Refusal;
import org.springframework.stereotype.Component;

/**
 * Approvals count people, not accounts (R-ACC-7, issue 12 item 2): every two-person rule (policy
 * proposals, privileged account changes, hot-list entries and imports, holds, extensions, and any
 * later one) asks this facade whether its approver is a second person before the approval counts.
 *
 * <p>An approver is the same person as the requester when they are the same account, or when their
 * accounts are tied by lineage (who created, reset or granted a role to whom, kept for every such
 * change a person makes, directly or through an approved change):
 * <ul>
 *   <li>{@link Tie#MADE_BY_REQUESTER}: the requester created, reset or granted a role to the approver's
 *       account, or the approver's account is down a chain of accounts whose credentials the requester
 *       chose or was shown. If administrator A asks for account B and C approves, B counts as neither
 *       A nor C's second person.</li>
 *   <li>{@link Tie#HOLDS_REQUESTERS_CREDENTIALS}: the approver chose or was shown the requester's
 *       password (created or reset that account, directly or down a chain), so may be the one who
 *       signed in as the requester.</li>
 * </ul>
 * A grant alone ties only one way: granting a role to someone does not put their account in your hands.
 * The server itself ({@link Caller#system()}) is nobody's second person and nobody's puppet: its
 * seeding makes no lineage and its approvals are not checked here.
 */
@Component
public class Approvers {
  /** How an approver is tied to the requester. */
  public enum Tie {
    SAME_ACCOUNT("it is your own"),
    MADE_BY_REQUESTER("your account was created, reset or given a role by theirs"),
    HOLDS_REQUESTERS_CREDENTIALS("you created or reset their account");

    private final String why;

    Tie(String why) {
      this.why = why;
    }
  }

  private final AccountChangeStore store;
  private final AuditRecorder audit;

  Approvers(AccountChangeStore store, AuditRecorder audit) {
    this.store = store;
    this.audit = audit;
  }

  /** How {@code approver} is tied to the account that asked, if at all. */
  public Optional<Tie> tie(long requesterAccountId, Caller approver) {
    if (approver.kind() != Caller.Kind.USER) {
      return Optional.empty();
    }
    if (approver.id() == requesterAccountId) {
      return Optional.of(Tie.SAME_ACCOUNT);
    }
    AccountChangeStore.Tie t = store.ties(requesterAccountId).get(approver.id());
    if (t == null) {
      return Optional.empty();
    }
    return Optional.of(t == AccountChangeStore.Tie.MADE_BY ? Tie.MADE_BY_REQUESTER : Tie.HOLDS_REQUESTERS_CREDENTIALS);
  }

  /**
   * Returns when {@code approver} is a second person for what {@code requesterAccountId} asked.
   * Otherwise audits {@code denial} (the caller's own refusal event, e.g. its {@code *_REFUSED} type
   * with the object's id) as denied with {@code SAME_PERSON} and the tie in {@code sameAs}, in its own
   * transaction so that it stays when the request rolls back, and throws the refusal.
   *
   * @param what what the approver tried, for the message, e.g. "approve this proposal"
   * @throws Refusal 403 {@code SAME_PERSON}
   */
  public void requireDifferentPerson(long requesterAccountId, Caller approver, String what,
      AuditEvent.Builder denial) {
    Optional<Tie> tie = tie(requesterAccountId, approver);
    if (tie.isEmpty()) {
      return;
    }
    Refusal refusal = new Refusal(CommonRefusal.SAME_PERSON, "you cannot " + what + " (" + tie.get().why
        + "): approvals count people, not accounts, so a different person must do it (R-ACC-7)");
    throw audit.recordDenied(denial.denied(CommonRefusal.SAME_PERSON.code()).with("sameAs", tie.get().name()).build(),
        refusal);
  }
}
