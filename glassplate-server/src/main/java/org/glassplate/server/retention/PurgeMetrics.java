package org.glassplate.server.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.glassplate.server.core.Figures;
import org.springframework.stereotype.Component;

/**
 * The retention figures (issue 18, R-RET-1): purge runs, and reads removed by how (whole day partitions
 * dropped, or rows deleted on the boundary day), counted once a purge has committed.
 */
@Component
class PurgeMetrics {
  static final String RUNS = "glassplate.retention.purges";
  static final String REMOVED = "glassplate.retention.reads.removed";

  private final Counter runs;
  private final Counter dropped;
  private final Counter deleted;

  PurgeMetrics(MeterRegistry registry) {
    this.runs = Counter.builder(RUNS).description("retention purges run").register(registry);
    this.dropped = Counter.builder(REMOVED).description("reads removed by the retention purge, by how")
        .tag("how", "partition_dropped").register(registry);
    this.deleted = Counter.builder(REMOVED).description("reads removed by the retention purge, by how")
        .tag("how", "row_deleted").register(registry);
  }

  void purged(RetentionPurge.PurgeResult result) {
    Figures.record(() -> {
      runs.increment();
      dropped.increment(result.readsDropped());
      deleted.increment(result.readsDeleted());
    });
  }
}
