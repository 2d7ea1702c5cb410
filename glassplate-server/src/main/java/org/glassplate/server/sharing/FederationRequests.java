package org.glassplate.server.sharing;

import java.security.PublicKey;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.Roles;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.LegalFloor;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.policy.PolicyRefusal;
import org.glassplate.server.policy.SharingAgreement;
import org.glassplate.server.sharing.internal.NonceStore;
import org.glassplate.server.sharing.signing.Ed25519Keys;
import org.glassplate.server.sharing.signing.HttpVerifier;
import org.glassplate.server.sharing.signing.RequestMessage;
import org.glassplate.server.sharing.signing.SignaturePolicy;
import org.glassplate.server.sharing.signing.SignatureRejected;
import org.glassplate.server.sharing.signing.VerifiedSignature;
import org.springframework.stereotype.Component;

/**
 * Who sent a federation request, on the data owner's side (issue 14, R-SHR-2, R-SHR-3): the signature
 * (RFC 9421, {@link SignaturePolicy#FEDERATION}, label {@value #LABEL}) verified with the key of the
 * policy's agreement whose id is the key id, its nonce taken once ({@code sharing_nonce}); then that
 * agreement has this node answer, is in force today, and passes the legal floor, in code, whatever
 * the document says (a version written into the database by hand included). Every refusal is audited
 * as {@link SharingAuditTypes#PARTNER_QUERY_REFUSED} with its reason code before the caller hears of it:
 * a signature failure with the failure's code (e.g. {@code REPLAYED}) and nothing of the body.
 */
@Component
public class FederationRequests {
  /** The signature label of federation requests. */
  public static final String LABEL = "gp";
  /** The path partners send their queries to. */
  public static final String PATH = "/api/v1/federation/searches";

  private final Policies policies;
  private final LegalFloor floor;
  private final AuditRecorder audit;
  private final NonceStore nonces;
  private final Clock clock;
  private final Agency agency;

  FederationRequests(Policies policies, LegalFloor floor, AuditRecorder audit, NonceStore nonces, Clock clock,
      Agency agency) {
    this.policies = policies;
    this.floor = floor;
    this.audit = audit;
    this.nonces = nonces;
    this.clock = clock;
    this.agency = agency;
  }

  /**
   * A request whose signature is the agreement's, and whose agreement lets it be answered now.
   *
   * @param agreement the agreement with the requesting agency, as the policy in force lists it
   * @param policy the policy version in force, whose hash the audit entries carry
   */
  public record Authenticated(SharingAgreement agreement, VerifiedSignature signature, EffectivePolicy policy,
      String sourceAddress) {

    /** The requesting agency's id: the signature's key id and the agreement's id. */
    public String agencyId() {
      return agreement.id();
    }

    /** The requesting node, as the audit log's actor before the body names the person. */
    public Caller node() {
      return new Caller(Caller.Kind.PARTNER, 0, agreement.id(), Set.of(Roles.PARTNER), sourceAddress);
    }
  }

  /**
   * Verifies the request's signature and the agreement behind it.
   *
   * @param method the request's method
   * @param targetUri the URI it was sent to, as received (its {@code @target-uri})
   * @param fields every header field by name, each with its values in order
   * @param body the body as received (its Content-Digest is checked)
   * @param sourceAddress the remote address, private in the audit log
   * @throws Refusal 401 {@code SIGNATURE_REJECTED} (field: the {@link org.glassplate.server.sharing.signing.SignatureFailure}),
   *     403 {@code NO_AGREEMENT}, {@code AGREEMENT_EXPIRED} or {@code LEGAL_FLOOR}; each audited first
   */
  public Authenticated authenticate(String method, java.net.URI targetUri,
      java.util.Map<String, java.util.List<String>> fields, byte[] body, String sourceAddress) {
    return authenticate(new RequestMessage(method, targetUri, fields, body), sourceAddress);
  }

  /** As {@link #authenticate(String, java.net.URI, java.util.Map, byte[], String)}, for a message already built. */
  Authenticated authenticate(RequestMessage message, String sourceAddress) {
    EffectivePolicy policy = policies.current();
    String[] claimed = {null}; // the key id, once the verifier has read it (its messages never name it)
    HttpVerifier verifier = new HttpVerifier(SignaturePolicy.FEDERATION, id -> {
      claimed[0] = id;
      return key(policy, id);
    }, nonces, clock);
    VerifiedSignature signature;
    try {
      signature = verifier.verify(message, LABEL);
    } catch (SignatureRejected e) {
      throw signatureRejected(policy, e, claimed[0], sourceAddress);
    }
    SharingAgreement a = agreement(policy, signature.keyId()).orElseThrow(); // its key verified the signature
    Authenticated who = new Authenticated(a, signature, policy, sourceAddress);
    SharingAgreement.Terms t = a.terms();
    LocalDate today = clock.instant().atZone(agency.timeZone()).toLocalDate();
    if (!t.direction().weAnswer()) {
      throw refuse(who, "NO_AGREEMENT", null, new Refusal(SharingRefusal.NO_AGREEMENT,
          "the agreement with your agency has this node ask, not answer (direction " + t.direction().yamlName() + ")"));
    }
    if (today.isBefore(t.starts())) {
      throw refuse(who, "NO_AGREEMENT", null, new Refusal(SharingRefusal.NO_AGREEMENT,
          "the agreement with your agency is in force from " + t.starts() + " only"));
    }
    if (!t.inForceOn(today)) {
      throw refuse(who, "AGREEMENT_EXPIRED", null, new Refusal(SharingRefusal.AGREEMENT_EXPIRED,
          "the agreement with your agency expired on " + t.expires()));
    }
    Optional<String> rule = floor.violation(a);
    if (rule.isPresent()) {
      String kind = a.kind() == SharingAgreement.Kind.FEDERAL ? "FEDERAL"
          : a.kind() == SharingAgreement.Kind.PRIVATE ? "PRIVATE" : "OUT_OF_STATE";
      throw refuse(who, "LEGAL_FLOOR", kind, new Refusal(PolicyRefusal.LEGAL_FLOOR,
          "refused by the legal floor: " + rule.get()));
    }
    return who;
  }

  /**
   * Audits the refusal of an authenticated partner's request that did not reach the search (a body that
   * is not a query), then returns {@code refusal} for the caller to throw.
   */
  public Refusal refuse(Authenticated who, String reasonCode, Refusal refusal) {
    return refuse(who, reasonCode, null, refusal);
  }

  private Refusal refuse(Authenticated who, String reasonCode, String requesterKind, Refusal refusal) {
    return audit.recordDenied(AuditEvent.of(SharingAuditTypes.PARTNER_QUERY_REFUSED, who.node())
        .denied(reasonCode)
        .policy(who.policy().sha256())
        .with("requestingAgency", who.agencyId())
        .with("requestingAgencyKind", requesterKind)
        .build(), refusal);
  }

  /** Audits a signature failure: the claimed key id is named in public only when it is an agreement's id. */
  private Refusal signatureRejected(EffectivePolicy policy, SignatureRejected e, String claimed,
      String sourceAddress) {
    Caller unverified = new Caller(Caller.Kind.PARTNER, 0, "partner:unverified", Set.of(), sourceAddress);
    audit.recordDenied(AuditEvent.of(SharingAuditTypes.PARTNER_QUERY_REFUSED, unverified)
        .denied(e.code())
        .policy(policy.sha256())
        .with("signatureFailure", e.code())
        .with("requestingAgency", claimed != null && agreement(policy, claimed).isPresent() ? claimed : null)
        .build());
    return new Refusal(SharingRefusal.SIGNATURE_REJECTED, "the request's signature is refused: " + e.getMessage(),
        e.code());
  }

  private Optional<PublicKey> key(EffectivePolicy policy, String keyId) {
    return agreement(policy, keyId).flatMap(a -> {
      try {
        return Optional.of(Ed25519Keys.publicKey(Base64.getDecoder().decode(a.terms().publicKey())));
      } catch (IllegalArgumentException bad) {
        return Optional.empty(); // a key the document validation would have refused: no key at all
      }
    });
  }

  /** The agreement with terms whose id is {@code id} in the policy in force, whether in force today or not. */
  private static Optional<SharingAgreement> agreement(EffectivePolicy policy, String id) {
    if (id == null) {
      return Optional.empty();
    }
    return policy.sharing().stream().filter(a -> a.terms() != null && a.id().equals(id)).findFirst();
  }
}
