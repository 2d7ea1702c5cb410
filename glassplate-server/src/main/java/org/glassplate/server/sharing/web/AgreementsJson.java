package org.glassplate.server.sharing.web;

import java.util.List;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.SharingAgreement;
import org.glassplate.server.sharing.Agreements;

/** The JSON of {@code GET /api/v1/sharing/agreements}. */
final class AgreementsJson {
  private AgreementsJson() {
  }

  /**
   * The agreements in force on {@code date} (the agency's time zone) under the policy version in
   * force, {@code policyVersion} with hash {@code policySha256}.
   */
  record InForce(int policyVersion, String policySha256, String date, List<Agreement> agreements) {
  }

  /**
   * An agreement in force. The terms (from {@code url} to {@code expires}) are null for an entry of a
   * document written before agreements had terms ({@code sharing.recipients}). {@code approvedInVersion}
   * is the policy version that added it or last widened it; {@code approvals} and
   * {@code governingBodyReference} are that version's (null when none was needed). {@code witnessKey}
   * (the partner's witness, asked to cosign our checkpoints) and {@code logKey} (the partner's log,
   * which we witness) are null when the agreement names none.
   */
  record Agreement(String id, String name, String state, String kind, String url, String publicKey,
      String witnessKey, String logKey,
      String direction, Scope scope, String starts, String expires, String reference, int policyVersion,
      String policySha256, int approvedInVersion, String approvedAt, String governingBodyReference,
      List<Approval> approvals) {
  }

  /**
   * What a partner's query may reach: {@code cameras} is {@code "all"} or a list of camera ids,
   * {@code reads} {@code "all"} or {@code "hits-only"}, {@code lookback} an ISO-8601 duration.
   */
  record Scope(Object cameras, String reads, String lookback, List<String> offenses) {
  }

  /** An approval, as the public may know it: the capacity (and in words), never who. */
  record Approval(String as, String title, String at) {
  }

  static InForce of(Agreements.InForce in) {
    EffectivePolicy p = in.policy();
    return new InForce(p.version(), p.sha256(), in.day().toString(),
        in.agreements().stream().map(a -> agreement(p, a)).toList());
  }

  private static Agreement agreement(EffectivePolicy policy, Agreements.AgreementInForce in) {
    SharingAgreement a = in.agreement();
    SharingAgreement.Terms t = a.terms();
    EffectivePolicy v = in.approvedIn();
    return new Agreement(a.id(), a.name(), a.state(), a.kind().yamlName(),
        t == null ? null : t.url().toString(), t == null ? null : t.publicKey(),
        t == null ? null : t.witnessKey(), t == null ? null : t.logKey(),
        t == null ? null : t.direction().yamlName(), t == null ? null : scope(t.scope()),
        t == null ? null : t.starts().toString(), t == null ? null : t.expires().toString(), a.reference(),
        policy.version(), policy.sha256(), v.version(), v.effectiveAt().toString(), v.governingBodyReference(),
        v.approvals().stream().map(x -> new Approval(x.as(), x.title(), x.at().toString())).toList());
  }

  private static Scope scope(SharingAgreement.Scope s) {
    return new Scope(s.allCameras() ? "all" : s.cameras(), s.hitsOnly() ? "hits-only" : "all", s.lookbackIso(),
        s.offenses());
  }
}
