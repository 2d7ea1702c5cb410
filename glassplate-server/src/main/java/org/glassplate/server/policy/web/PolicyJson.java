package org.glassplate.server.policy.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.LineDiff;
import org.glassplate.server.policy.PolicyApproval;
import org.glassplate.server.policy.PolicyProposal;

/** The JSON shapes of the policy API (DESIGN.md: GET /api/v1/policy). */
final class PolicyJson {
  private PolicyJson() {
  }

  /** A policy version in force or once in force, with its document. */
  record Policy(int version, String sha256, String effectiveAt, List<Approval> approvals,
      String governingBodyReference, List<OffenseView> offenses, Retention retention, List<String> hotlistSources,
      List<Recipient> sharing, String document) {
  }

  record OffenseView(String code, String name) {
  }

  /** Retention periods as ISO-8601 durations. */
  record Retention(String nonHit, String hit, String maxLegalHold, String maxExtension) {
  }

  record Recipient(String id, String name, String state, String type) {
  }

  /** A policy version without its document. */
  record Summary(int version, String sha256, String effectiveAt, List<Approval> approvals,
      String governingBodyReference) {
  }

  record Versions(List<Summary> versions) {
  }

  /** An approval; {@code note} is left out when there is none. */
  record Approval(String by, String as, String at, @JsonInclude(JsonInclude.Include.NON_NULL) String note) {
  }

  /** A proposed change; {@code document} only when one proposal is asked for. */
  record Proposal(long id, String status, int baseVersion, String baseSha256, String sha256, String proposedBy,
      String proposedAt, List<String> expansions, String governingBodyReference, String note,
      List<Approval> approvals, Integer activatedVersion, String diff,
      @JsonInclude(JsonInclude.Include.NON_NULL) String document) {
  }

  record Proposals(List<Proposal> proposals) {
  }

  /** The outcome of an approval: whether it activated the proposal, and as which version. */
  record ApprovalOutcome(boolean activated, String message, Integer version, Proposal proposal) {
  }

  static Policy policy(EffectivePolicy p) {
    return new Policy(p.version(), p.sha256(), p.effectiveAt().toString(), approvals(p.approvals()),
        p.governingBodyReference(),
        p.offenses().stream().map(o -> new OffenseView(o.code(), o.name())).toList(),
        new Retention(p.nonHitRetention().toString(), p.hitRetention().toString(), p.maxLegalHold().toString(),
            p.maxRetentionExtension().toString()),
        p.hotlistSources().stream().sorted().toList(),
        p.sharing().stream().map(r -> new Recipient(r.id(), r.name(), r.state(), r.kind().yamlName())).toList(),
        p.document());
  }

  static Summary summary(EffectivePolicy p) {
    return new Summary(p.version(), p.sha256(), p.effectiveAt().toString(), approvals(p.approvals()),
        p.governingBodyReference());
  }

  static List<Approval> approvals(List<PolicyApproval> approvals) {
    return approvals.stream().map(a -> new Approval(a.by(), a.as(), a.at().toString(), a.note())).toList();
  }

  static Proposal proposal(PolicyProposal p, boolean withDocument) {
    return new Proposal(p.id(), p.status(), p.baseVersion(), p.baseSha256(), p.sha256(), p.proposedBy(),
        p.proposedAt().toString(), p.expansions(), p.governingBodyReference(), p.note(), approvals(p.approvals()),
        p.activatedVersion(), LineDiff.text(LineDiff.hunks(p.diff(), 3)), withDocument ? p.document() : null);
  }
}
