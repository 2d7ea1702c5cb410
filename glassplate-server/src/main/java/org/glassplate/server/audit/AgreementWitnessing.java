package org.glassplate.server.audit;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The witnessing that sharing agreements bring (issue 15, R-AUD-5): partners under an agreement
 * witness each other's logs by default, the agreement naming the partner's witness key and log key.
 * Asked each time it is needed, never only at start, because agreements come and go with policy
 * versions. The sharing feature answers it from the policy in force; the audit feature cannot ask
 * the policy itself, which it audits.
 */
public interface AgreementWitnessing {

  /** The verifier keys (C2SP note vkeys) of the partners' logs that this node witnesses. */
  List<String> witnessedLogs();

  /** The partners' witnesses that this node's log asks to cosign its checkpoints. */
  List<PartnerWitness> witnesses();

  /**
   * A partner node as a witness of this log.
   *
   * @param url the partner node's base URL (its add-checkpoint is under {@code /api/v1/witness/})
   * @param vkey its witness key (type 0x04); a cosignature by any other key is refused
   */
  record PartnerWitness(URI url, String vkey) {
    public PartnerWitness {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(vkey, "vkey");
    }
  }
}
