package org.glassplate.server.hotlist;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.glassplate.server.core.Figures;
import org.glassplate.server.hotlist.internal.AlertStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The alert figures (issue 18): alerts raised by match kind, the time from a read's capture to its
 * alert (a histogram, counted when the alert is committed and operators can see it), verifications by
 * outcome, and how many alerts wait for one. Labels are the closed sets {@link MatchKind} and
 * {@link VerificationOutcome}; never a plate, a list or a camera.
 */
@Component
class AlertMetrics {
  static final String RAISED = "glassplate.alerts.raised";
  static final String LATENCY = "glassplate.alerts.read.to.alert";
  static final String VERIFIED = "glassplate.alerts.verified";
  static final String UNVERIFIED = "glassplate.alerts.unverified";

  private final Map<MatchKind, Counter> raised = new EnumMap<>(MatchKind.class);
  private final Map<VerificationOutcome, Counter> verified = new EnumMap<>(VerificationOutcome.class);
  private final Timer latency;
  private final Clock clock;

  AlertMetrics(MeterRegistry registry, AlertStore store, Clock clock) {
    this.clock = clock;
    for (MatchKind k : MatchKind.values()) {
      raised.put(k, Counter.builder(RAISED).description("hot-list alerts raised, by how the read matched")
          .tag("match_kind", k.code()).register(registry));
    }
    for (VerificationOutcome o : VerificationOutcome.values()) {
      verified.put(o, Counter.builder(VERIFIED).description("alerts a person verified, by outcome")
          .tag("outcome", o.code()).register(registry));
    }
    this.latency = Timer.builder(LATENCY)
        .description("from a read's capture (the camera's clock) to its alert committed for operators")
        .serviceLevelObjectives(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1))
        .register(registry);
    Gauge.builder(UNVERIFIED, store, AlertStore::countUnverified)
        .description("alerts (within the hit retention) nobody has verified yet").register(registry);
  }

  /** After the ingest transaction committed: the alert is there for operators now. */
  @TransactionalEventListener
  void on(AlertRaised raised) {
    Figures.record(() -> {
      Alert a = raised.alert();
      this.raised.get(a.matchKind()).increment();
      Duration d = Duration.between(a.capturedAt(), clock.instant());
      latency.record(d.isNegative() ? Duration.ZERO : d); // a camera clock ahead of ours
    });
  }

  /** Counted once the verification commits. */
  void verified(VerificationOutcome outcome) {
    Runnable count = () -> Figures.record(() -> verified.get(outcome).increment());
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          count.run();
        }
      });
    } else {
      count.run();
    }
  }
}
