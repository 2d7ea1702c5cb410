package org.glassplate.server.hotlist;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the effective policy says about hot lists: which sources reads are run against (R-HOT-4)
 * and how long alerts (copies of hit reads) are kept. Until the policy feature is on main this
 * reads {@code glassplate.hotlist.sources} and {@code glassplate.retention.hit}.
 */
@Component
class HotlistPolicy {
  private final Set<HotlistSource> configured;
  private final Duration hitRetention;
  private volatile Set<HotlistSource> override;

  HotlistPolicy(@Value("${glassplate.hotlist.sources:local,state}") String sources,
      @Value("${glassplate.retention.hit:P365D}") Duration hitRetention) {
    this.configured = Arrays.stream(sources.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(HotlistSource::parse).collect(Collectors.toCollection(() -> EnumSet.noneOf(HotlistSource.class)));
    this.hitRetention = hitRetention;
  }

  Set<HotlistSource> enabledSources() {
    Set<HotlistSource> o = override;
    return o != null ? o : configured;
  }

  /** The SHA-256 of the policy version that decides, for audit entries; null until policy lands. */
  String sha256() {
    return null;
  }

  Duration hitRetention() {
    return hitRetention;
  }

  /** For tests until the policy feature can be driven from them. */
  void override(Set<HotlistSource> sources) {
    this.override = sources == null ? null : Set.copyOf(sources);
  }
}
