package org.glassplate.server.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.glassplate.server.audit.internal.AuditStore;
import org.springframework.stereotype.Component;

/**
 * The audit log's gauges (issue 18), read when scraped: the sequencer's backlog (entries waiting for a
 * log index, and the age of the oldest: the sequencer's lag), the latest checkpoint's size and age, and
 * the witnesses (how many, and how old the stalest one's latest cosignature is). No label: the witness
 * names stay out. The append latency is {@link AuditRecorder}'s timer.
 */
@Component
class AuditMetrics {
  static final String PENDING = "glassplate.audit.sequencer.pending";
  static final String LAG = "glassplate.audit.sequencer.lag";
  static final String CHECKPOINT_SIZE = "glassplate.audit.checkpoint.size";
  static final String CHECKPOINT_AGE = "glassplate.audit.checkpoint.age";
  static final String WITNESSES = "glassplate.audit.witnesses";
  static final String COSIGN_AGE = "glassplate.audit.witness.cosign.age";
  private static final long BACKLOG_CACHE_NANOS = Duration.ofSeconds(1).toNanos();

  private final AuditStore store;
  private final Checkpoints checkpoints;
  private final Cosigning cosigning;
  private final Clock clock;
  private volatile AuditStore.Backlog backlog;
  private volatile long backlogReadAt;

  AuditMetrics(MeterRegistry registry, AuditStore store, Checkpoints checkpoints, Cosigning cosigning, Clock clock) {
    this.store = store;
    this.checkpoints = checkpoints;
    this.cosigning = cosigning;
    this.clock = clock;
    Gauge.builder(PENDING, this, m -> m.backlog().entries())
        .description("audit entries recorded and not yet in the log (waiting for the sequencer)").register(registry);
    Gauge.builder(LAG, this, m -> m.backlog().oldestAgeSeconds()).baseUnit("seconds")
        .description("age of the oldest audit entry waiting for its log index (0: none waits)").register(registry);
    Gauge.builder(CHECKPOINT_SIZE, this, m -> m.checkpoint().map(c -> (double) c.size()).orElse(0.0))
        .description("tree size of the latest signed checkpoint").register(registry);
    Gauge.builder(CHECKPOINT_AGE, this, m -> m.checkpoint()
            .map(c -> seconds(Duration.between(c.signedAt(), m.clock.instant()))).orElse(Double.NaN))
        .baseUnit("seconds").description("age of the latest signed checkpoint").register(registry);
    Gauge.builder(WITNESSES, this, m -> m.cosigning.witnesses().size())
        .description("witnesses asked to cosign this log's checkpoints").register(registry);
    Gauge.builder(COSIGN_AGE, this, m -> cosignAgeSeconds(m.cosigning.status(), m.clock.instant()))
        .baseUnit("seconds")
        .description("age of the stalest witness's latest cosignature (+Inf: one never cosigned; NaN: no witness)")
        .register(registry);
  }

  private AuditStore.Backlog backlog() {
    long now = System.nanoTime();
    AuditStore.Backlog b = backlog;
    if (b == null || now - backlogReadAt > BACKLOG_CACHE_NANOS) {
      b = store.backlog(); // one query for both gauges of a scrape
      backlog = b;
      backlogReadAt = now;
    }
    return b;
  }

  private Optional<AuditLog.SignedCheckpoint> checkpoint() {
    return checkpoints.latest();
  }

  /**
   * How old the stalest witness's latest cosignature is: the figure to alert on when witnessing stops.
   * Infinite when a witness never cosigned, NaN (no value) when the log has no witness.
   */
  static double cosignAgeSeconds(List<WitnessStatus> witnesses, Instant now) {
    if (witnesses.isEmpty()) {
      return Double.NaN;
    }
    double oldest = 0;
    for (WitnessStatus w : witnesses) {
      if (w.lastCosignedAt().isEmpty()) {
        return Double.POSITIVE_INFINITY;
      }
      oldest = Math.max(oldest, seconds(Duration.between(w.lastCosignedAt().get(), now)));
    }
    return oldest;
  }

  private static double seconds(Duration d) {
    return d.isNegative() ? 0 : d.toNanos() / 1e9;
  }
}
