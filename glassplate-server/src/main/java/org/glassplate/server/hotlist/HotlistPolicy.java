package org.glassplate.server.hotlist;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.Policies;
import org.springframework.stereotype.Component;

/**
 * What the policy in force says about hot lists: which sources reads are run against (R-HOT-4)
 * and how long alerts (copies of hit reads) are kept, with the version's hash for audit entries.
 */
@Component
class HotlistPolicy {
  private final Policies policies;
  private volatile Cached cached;

  private record Cached(String sha256, Set<HotlistSource> sources) {
  }

  HotlistPolicy(Policies policies) {
    this.policies = policies;
  }

  Set<HotlistSource> enabledSources() {
    EffectivePolicy p = policies.current();
    Cached c = cached;
    if (c == null || !c.sha256().equals(p.sha256())) {
      Set<HotlistSource> s = EnumSet.noneOf(HotlistSource.class);
      for (String code : p.hotlistSources()) {
        s.add(HotlistSource.parse(code));
      }
      c = new Cached(p.sha256(), Set.copyOf(s));
      cached = c;
    }
    return c.sources();
  }

  /** The SHA-256 of the policy version that decides, for audit entries. */
  String sha256() {
    return policies.current().sha256();
  }

  Duration hitRetention() {
    return policies.current().hitRetention();
  }
}
