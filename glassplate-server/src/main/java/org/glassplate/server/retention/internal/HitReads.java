package org.glassplate.server.retention.internal;

import java.sql.Timestamp;
import org.glassplate.server.hotlist.HotlistHit;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Remembers which reads hit a hot list, in the ingest transaction that stored them, so that the
 * purge keeps them for the policy's hit retention instead of the non-hit one (R-RET-1).
 */
@Component
public class HitReads {
  private final JdbcClient jdbc;

  public HitReads(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @EventListener
  public void on(HotlistHit hit) {
    jdbc.sql("INSERT INTO retention_hit (read_id, captured_at) VALUES (:id, :at) ON CONFLICT DO NOTHING")
        .param("id", hit.readId()).param("at", Timestamp.from(hit.capturedAt())).update();
  }
}
