package org.glassplate.server.oversight;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.glassplate.server.core.Figures;
import org.glassplate.server.oversight.internal.SelfAuditStore;
import org.springframework.stereotype.Component;

/**
 * The self-audit figures (issue 18, R-GOV-3): the latest run's status (1 as approved, 0 drift; no value
 * before the first run) and age, read from storage when scraped so they hold whichever server ran it,
 * and runs counted by status and trigger. Which checks drifted is on the self-audit page, not here.
 */
@Component
class SelfAuditMetrics {
  static final String STATUS = "glassplate.self.audit.ok";
  static final String AGE = "glassplate.self.audit.age";
  static final String RUNS = "glassplate.self.audits";
  private static final long CACHE_NANOS = Duration.ofSeconds(1).toNanos();

  private final MeterRegistry registry;
  private final SelfAuditStore store;
  private final Clock clock;
  private volatile Optional<SelfAuditStore.Row> latest;
  private volatile long readAt;

  SelfAuditMetrics(MeterRegistry registry, SelfAuditStore store, Clock clock) {
    this.registry = registry;
    this.store = store;
    this.clock = clock;
    Gauge.builder(STATUS, this, m -> m.latest().map(r -> SelfAuditStatus.OK.name().equals(r.status()) ? 1.0 : 0.0)
            .orElse(Double.NaN))
        .description("the latest self-audit: 1 everything as approved, 0 drift (no value before the first run)")
        .register(registry);
    Gauge.builder(AGE, this, m -> m.latest()
            .map(r -> Math.max(0, Duration.between(r.ranAt(), m.clock.instant()).toMillis() / 1000.0))
            .orElse(Double.NaN))
        .baseUnit("seconds").description("time since the latest self-audit ran").register(registry);
    for (SelfAuditStatus s : SelfAuditStatus.values()) {
      for (SelfAudits.Trigger t : SelfAudits.Trigger.values()) {
        runs(s, t); // every series from the start, so that a rate or an increase is defined before the first run
      }
    }
  }

  private Optional<SelfAuditStore.Row> latest() {
    long now = System.nanoTime();
    Optional<SelfAuditStore.Row> l = latest;
    if (l == null || now - readAt > CACHE_NANOS) {
      l = store.recent(1).stream().findFirst();
      latest = l;
      readAt = now;
    }
    return l;
  }

  void ran(SelfAuditStatus status, SelfAudits.Trigger trigger) {
    Figures.record(() -> {
      runs(status, trigger).increment();
      latest = null; // the next scrape reads the run just stored
    });
  }

  private Counter runs(SelfAuditStatus status, SelfAudits.Trigger trigger) {
    return Counter.builder(RUNS).description("self-audits run, by status and trigger")
        .tags("status", status.name(), "trigger", trigger.name()).register(registry);
  }
}
