package org.glassplate.server.sharing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.glassplate.server.audit.AgreementWitnessing;
import org.glassplate.server.core.Agency;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.policy.SharingAgreement;
import org.springframework.stereotype.Component;

/**
 * Partners under an agreement witness each other's logs (issue 15, R-AUD-5): read from the policy in
 * force each time, every agreement in force today (either direction) that names the partner's log
 * key has this node witness that log, and every one that names the partner's witness key has this
 * node's log ask the partner's node to cosign.
 */
@Component
class AgreementWitnesses implements AgreementWitnessing {
  private final Policies policies;
  private final Clock clock;
  private final Agency agency;

  AgreementWitnesses(Policies policies, Clock clock, Agency agency) {
    this.policies = policies;
    this.clock = clock;
    this.agency = agency;
  }

  @Override
  public List<String> witnessedLogs() {
    return inForce().map(SharingAgreement.Terms::logKey).filter(k -> k != null).distinct().toList();
  }

  @Override
  public List<PartnerWitness> witnesses() {
    return inForce().filter(t -> t.witnessKey() != null)
        .map(t -> new PartnerWitness(t.url(), t.witnessKey())).toList();
  }

  private Stream<SharingAgreement.Terms> inForce() {
    LocalDate today = clock.instant().atZone(agency.timeZone()).toLocalDate();
    return policies.current().sharing().stream().filter(a -> a.terms() != null && a.inForceOn(today))
        .map(SharingAgreement::terms);
  }
}
