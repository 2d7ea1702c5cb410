package org.glassplate.server.sharing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.glassplate.server.core.Agency;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.policy.SharingAgreement;
import org.springframework.stereotype.Component;

/**
 * The sharing agreements in force (R-SHR-1): the entries of the enforced policy's sharing section
 * whose dates cover today, in the agency's time zone, each with the policy version that brought its
 * present scope in (the version that added or last widened it), whose approvals and governing-body
 * reference stand behind it.
 */
@Component
public class Agreements {
  private final Policies policies;
  private final Clock clock;
  private final Agency agency;

  Agreements(Policies policies, Clock clock, Agency agency) {
    this.policies = policies;
    this.clock = clock;
    this.agency = agency;
  }

  /** The agreements in force on {@code day} under the policy version {@code policy}. */
  public record InForce(EffectivePolicy policy, LocalDate day, List<AgreementInForce> agreements) {
    public InForce {
      agreements = List.copyOf(agreements);
    }
  }

  /**
   * An agreement in force, and the version that brought its present scope in: the one that added it
   * or last widened it (an expansion, so with a governing-body reference unless it was the first).
   */
  public record AgreementInForce(SharingAgreement agreement, EffectivePolicy approvedIn) {
  }

  /** Every agreement in force now, in the order the policy lists them. */
  public InForce inForce() {
    EffectivePolicy current = policies.current();
    LocalDate today = clock.instant().atZone(agency.timeZone()).toLocalDate();
    List<SharingAgreement> listed = current.sharing().stream().filter(a -> a.inForceOn(today)).toList();
    if (listed.isEmpty()) {
      return new InForce(current, today, List.of());
    }
    List<EffectivePolicy> history = new ArrayList<>(); // newest first, from the version in force back
    history.add(current);
    policies.versions().stream().filter(v -> v.version() < current.version()).forEach(history::add);
    List<AgreementInForce> out = new ArrayList<>();
    for (SharingAgreement a : listed) {
      out.add(new AgreementInForce(a, approvedIn(a.id(), history)));
    }
    return new InForce(current, today, out);
  }

  /** The newest version that added the agreement or widened it, walking back from the one in force. */
  static EffectivePolicy approvedIn(String id, List<EffectivePolicy> newestFirst) {
    EffectivePolicy in = newestFirst.get(0);
    for (int i = 0; i + 1 < newestFirst.size(); i++) {
      SharingAgreement now = find(newestFirst.get(i), id).orElseThrow();
      Optional<SharingAgreement> before = find(newestFirst.get(i + 1), id);
      if (before.isEmpty() || newestFirst.get(i + 1).version() != newestFirst.get(i).version() - 1
          || !now.expansionsFrom(before.get()).isEmpty()) {
        return newestFirst.get(i);
      }
      in = newestFirst.get(i + 1);
    }
    return in;
  }

  private static Optional<SharingAgreement> find(EffectivePolicy p, String id) {
    return p.sharing().stream().filter(a -> a.id().equals(id)).findFirst();
  }
}
