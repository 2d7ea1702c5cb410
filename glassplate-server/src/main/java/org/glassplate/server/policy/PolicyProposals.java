package org.glassplate.server.policy;

import org.glassplate.server.accounts.Approvers;
import org.glassplate.server.policy.internal.PolicyStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.CommonRefusal;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Roles;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changing the policy takes two different administrators (R-GOV-2): one proposes a new version,
 * another approves it, and only then does it take effect. An approval counts people, not accounts
 * (R-ACC-7): the author's own approval, or one from an account tied to the author's (one they created,
 * reset or granted a role to, or one that created or reset theirs: {@link Approvers}), is refused with
 * {@code SAME_PERSON}. A version that expands retention, sharing, hot-list sources or collection also
 * names a governing-body approval (resolution or minutes). The legal floor is checked at each step.
 * Every step, refusals included, is audited with the hashes before and after.
 */
@Component
public class PolicyProposals {
  static final int MAX_REFERENCE = 200;
  static final int MAX_NOTE = 2000;

  private final Policies policies;
  private final PolicyStore store;
  private final LegalFloor floor;
  private final AuditRecorder audit;
  private final Approvers approvers;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Agency agency;

  PolicyProposals(Policies policies, PolicyStore store, LegalFloor floor, AuditRecorder audit, Approvers approvers,
      TransactionTemplate tx, Clock clock, Agency agency) {
    this.policies = policies;
    this.store = store;
    this.floor = floor;
    this.audit = audit;
    this.approvers = approvers;
    this.tx = tx;
    this.clock = clock;
    this.agency = agency;
  }

  /** What an approval did. */
  public record ApprovalOutcome(PolicyProposal proposal, boolean activated, EffectivePolicy effective, String message) {
  }

  /**
   * Proposes {@code document} as the next version.
   *
   * @throws InvalidPolicy 422 naming the line and field
   * @throws Refusal 403 {@code LEGAL_FLOOR}; 422 {@code GOVERNING_BODY_APPROVAL_REQUIRED} for an
   *     expansion without a reference; 422 {@code NO_CHANGE}
   */
  public PolicyProposal propose(Caller caller, String document, String governingBodyReference, String note) {
    requireAdministrator(caller);
    EffectivePolicy current = policies.current();
    String sha = document == null ? null : PolicyStore.sha256(document);
    String reference = trimToNull(governingBodyReference);
    String cleanNote = trimToNull(note);
    List<String> expansions;
    try {
      if (document == null || document.isBlank()) {
        throw Refusal.invalid("document", "document (the YAML of the proposed version) is required");
      }
      if (reference != null && reference.length() > MAX_REFERENCE) {
        throw Refusal.invalid("governingBodyReference", "at most " + MAX_REFERENCE + " characters");
      }
      if (cleanNote != null && cleanNote.length() > MAX_NOTE) {
        throw Refusal.invalid("note", "at most " + MAX_NOTE + " characters");
      }
      expansions = check(document, sha, current, reference);
    } catch (Refusal e) {
      throw refuse(PolicyAuditTypes.POLICY_PROPOSAL_REFUSED, caller, e.code(), current, sha, null, e);
    }
    Instant now = clock.instant();
    long id = tx.execute(s -> {
      long newId = store.insertProposal(current.version(), document, sha, caller, now, reference, expansions, cleanNote);
      audit.record(AuditEvent.of(PolicyAuditTypes.POLICY_PROPOSED, caller)
          .policy(current.sha256())
          .with("proposalId", newId)
          .with("baseVersion", current.version())
          .with("beforeSha256", current.sha256())
          .with("afterSha256", sha)
          .with("expansions", expansions)
          .with("governingBodyReference", reference)
          .secret("note", cleanNote)
          .build());
      return newId;
    });
    return find(id).orElseThrow();
  }

  /**
   * Approves a proposal: a second administrator's approval makes it the version in force.
   *
   * @throws Refusal 403 {@code SAME_PERSON} when the approver is the author or an account tied to the
   *     author's (audited); 409 {@code NOT_PENDING}, {@code STALE_PROPOSAL}; the legal floor's refusals
   */
  public ApprovalOutcome approve(Caller caller, long proposalId, String note) {
    requireAdministrator(caller);
    String cleanNote = trimToNull(note);
    if (cleanNote != null && cleanNote.length() > MAX_NOTE) {
      throw Refusal.invalid("note", "at most " + MAX_NOTE + " characters");
    }
    record Done(EffectivePolicy previous, EffectivePolicy next) {
    }
    Done done = tx.execute(s -> {
      PolicyStore.StoredProposal p = store.proposal(proposalId, true)
          .orElseThrow(() -> Refusal.notFound("proposal"));
      PolicyStore.StoredVersion latest = store.latest(true).orElseThrow();
      EffectivePolicy current = Policies.parse(latest);
      if (!"PENDING".equals(p.status())) {
        throw refuse(PolicyAuditTypes.POLICY_APPROVAL_REFUSED, caller, "NOT_PENDING", current, p.sha256(), p.id(),
            new Refusal(CommonRefusal.NOT_PENDING, "the proposal is " + p.status().toLowerCase()
                + ", not pending"));
      }
      if (p.baseVersion() != current.version()) {
        store.setStatus(p.id(), "SUPERSEDED");
        throw refuse(PolicyAuditTypes.POLICY_APPROVAL_REFUSED, caller, "STALE_PROPOSAL", current, p.sha256(), p.id(),
            new Refusal(PolicyRefusal.STALE_PROPOSAL, "version " + current.version()
                + " took effect after this proposal was written against version " + p.baseVersion()
                + "; propose again against the version in force"));
      }
      // only people propose (an administrator's role is needed), so the author is an account
      approvers.requireDifferentPerson(p.proposerId(), caller, "approve this proposal",
          AuditEvent.of(PolicyAuditTypes.POLICY_APPROVAL_REFUSED, caller)
              .policy(current.sha256())
              .with("proposalId", p.id())
              .with("beforeSha256", current.sha256())
              .with("afterSha256", p.sha256()));
      Instant now = clock.instant();
      try {
        check(p.document(), p.sha256(), current, p.governingBodyReference());
      } catch (Refusal e) {
        throw refuse(PolicyAuditTypes.POLICY_APPROVAL_REFUSED, caller, e.code(), current, p.sha256(), p.id(), e);
      }
      store.insertApproval(p.id(), caller, now, true, cleanNote);
      int version = current.version() + 1;
      List<PolicyApproval> approvals = new ArrayList<>();
      approvals.add(new PolicyApproval(p.proposer(), "PROPOSER", p.proposedAt(), null));
      approvals.add(new PolicyApproval(caller.pseudonym(), "APPROVER", now, null));
      if (!store.insertVersion(version, p.sha256(), p.document(), now, p.id(), p.governingBodyReference(), approvals)) {
        throw new Refusal(PolicyRefusal.STALE_PROPOSAL, "another version took effect meanwhile");
      }
      store.setStatus(p.id(), "ACTIVATED");
      store.supersedePendingBefore(version);
      audit.record(AuditEvent.of(PolicyAuditTypes.POLICY_APPROVED, caller)
          .policy(current.sha256())
          .with("proposalId", p.id())
          .with("beforeSha256", current.sha256())
          .with("afterSha256", p.sha256())
          .with("counted", true)
          .build());
      audit.record(AuditEvent.of(PolicyAuditTypes.POLICY_ACTIVATED, caller)
          .policy(p.sha256())
          .with("proposalId", p.id())
          .with("version", version)
          .with("beforeSha256", current.sha256())
          .with("afterSha256", p.sha256())
          .with("expansions", p.expansions())
          .with("governingBodyReference", p.governingBodyReference())
          .build());
      EffectivePolicy next = new EffectivePolicy(version, p.sha256(), now, p.document(), approvals,
          p.governingBodyReference(), PolicyParser.parse(p.document()));
      return new Done(current, next);
    });
    policies.activated(done.previous(), done.next());
    PolicyProposal proposal = find(proposalId).orElseThrow();
    return new ApprovalOutcome(proposal, true, done.next(),
        "approved: version " + done.next().version() + " is in force");
  }

  public Optional<PolicyProposal> find(long id) {
    return store.proposal(id, false).map(this::view);
  }

  /** The most recent proposals, newest first. */
  public List<PolicyProposal> recent(int limit) {
    return store.proposals(Math.max(1, Math.min(limit, 200))).stream().map(this::view).toList();
  }

  private PolicyProposal view(PolicyStore.StoredProposal p) {
    Optional<EffectivePolicy> base = policies.version(p.baseVersion());
    List<PolicyApproval> approvals = store.approvals(p.id()).stream()
        .map(a -> new PolicyApproval(a.approver(), a.counted() ? "APPROVER" : "AUTHOR_NOT_COUNTED", a.at(), null))
        .toList();
    Integer activated = store.versionOfProposal(p.id()).orElse(null);
    List<LineDiff.Line> diff = LineDiff.of(base.map(EffectivePolicy::document).orElse(""), p.document());
    return new PolicyProposal(p.id(), p.baseVersion(), base.map(EffectivePolicy::sha256).orElse(null), p.sha256(),
        p.document(), p.proposer(), p.proposedAt(), p.status(), p.expansions(), p.governingBodyReference(), p.note(),
        approvals, activated, diff);
  }

  /** Parses and checks a proposed document against the version in force; returns its expansions. */
  private List<String> check(String document, String sha, EffectivePolicy current, String reference) {
    PolicyContent content = PolicyParser.parse(document, agency.state());
    floor.check(content);
    if (sha.equals(current.sha256())) {
      throw new Refusal(PolicyRefusal.NO_CHANGE,
          "the document is the version in force", "document");
    }
    List<String> expansions = Expansions.between(current.content(), content);
    if (!expansions.isEmpty() && reference == null) {
      throw new Refusal(PolicyRefusal.GOVERNING_BODY_APPROVAL_REQUIRED,
          "this version expands " + String.join("; ", expansions)
              + ": name the governing body's approval (resolution or minutes reference)", "governingBodyReference");
    }
    return expansions;
  }

  /** Audits a refusal (it stays when the request fails), then returns it to throw. */
  private Refusal refuse(AuditEventType type, Caller caller, String reason, EffectivePolicy current, String sha,
      Long proposalId, Refusal e) {
    return audit.recordDenied(AuditEvent.of(type, caller)
        .denied(reason)
        .policy(current.sha256())
        .with("proposalId", proposalId)
        .with("beforeSha256", current.sha256())
        .with("afterSha256", sha)
        .build(), e);
  }

  private static void requireAdministrator(Caller caller) {
    if (caller == null || !caller.hasRole(Roles.ADMINISTRATOR)) {
      throw Refusal.forbidden("only an administrator may propose or approve a policy");
    }
  }

  private static String trimToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
