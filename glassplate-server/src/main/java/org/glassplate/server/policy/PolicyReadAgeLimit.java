package org.glassplate.server.policy;

import java.time.Duration;
import org.glassplate.server.reads.ReadAgeLimit;
import org.springframework.stereotype.Component;

/** Ingest refuses reads older than the enforced non-hit retention: they would have to be deleted at once. */
@Component
class PolicyReadAgeLimit implements ReadAgeLimit {
  private final Policies policies;

  PolicyReadAgeLimit(Policies policies) {
    this.policies = policies;
  }

  @Override
  public Duration maxAge() {
    return policies.current().nonHitRetention();
  }
}
