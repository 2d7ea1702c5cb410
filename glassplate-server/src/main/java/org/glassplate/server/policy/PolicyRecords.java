package org.glassplate.server.policy;

import java.util.Optional;
import org.glassplate.server.policy.internal.PolicyStore;
import org.springframework.stereotype.Component;

/**
 * The policy as stored, read afresh and unparsed, for the daily self-audit (R-GOV-3) to compare with
 * what was approved: {@link Policies#current()} is the version this server loaded, which a change
 * made in the database behind its back does not reach until the next start.
 */
@Component
public class PolicyRecords {
  private final PolicyStore store;

  PolicyRecords(PolicyStore store) {
    this.store = store;
  }

  /**
   * The newest stored version as its row has it.
   *
   * @param sha256 the hash its row claims
   * @param documentSha256 the hash of the document the row holds
   * @param proposalId the proposal it came from, or null (the initial default)
   */
  public record Stored(int version, String sha256, String document, String documentSha256, Long proposalId) {
  }

  public Optional<Stored> latest() {
    return store.latest(false).map(v -> new Stored(v.version(), v.sha256(), v.document(),
        PolicyStore.sha256(v.document()), v.proposalId()));
  }

  /** The document of a proposal as proposed, if there is such a proposal. */
  public Optional<String> proposalDocument(long proposalId) {
    return store.proposal(proposalId, false).map(PolicyStore.StoredProposal::document);
  }

  /** The SHA-256 (hex) of a document, as versions and audit entries carry it. */
  public static String sha256(String document) {
    return PolicyStore.sha256(document);
  }

  /** The document's content, or empty if this software cannot read it. */
  public static Optional<PolicyContent> read(String document) {
    try {
      return Optional.of(PolicyParser.parse(document));
    } catch (InvalidPolicy | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
