package org.glassplate.server.retention;

import org.glassplate.server.policy.PolicyActivated;
import org.glassplate.server.reads.ReadPartitions;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When a policy version with another retention takes effect, the day partitions for the new
 * window are made at once (a longer retention needs older days again; the purge handles a
 * shorter one), instead of at the next hourly maintenance.
 */
@Component
class PartitionWindow {
  private final ReadPartitions partitions;

  PartitionWindow(ReadPartitions partitions) {
    this.partitions = partitions;
  }

  @EventListener
  void on(PolicyActivated activated) {
    if (activated.previous() == null
        || !activated.previous().nonHitRetention().equals(activated.current().nonHitRetention())) {
      partitions.maintain();
    }
  }
}
