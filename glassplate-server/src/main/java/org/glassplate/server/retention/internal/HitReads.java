package org.glassplate.server.retention.internal;

import org.glassplate.server.hotlist.HotlistHit;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Remembers which reads hit a hot list, in the ingest transaction that stored them, so that the
 * purge keeps them for the policy's hit retention instead of the non-hit one (R-RET-1).
 */
@Component
public class HitReads {
  private final PurgeStore store;

  public HitReads(PurgeStore store) {
    this.store = store;
  }

  @EventListener
  public void on(HotlistHit hit) {
    store.rememberHit(hit.readId(), hit.capturedAt());
  }
}
