package org.glassplate.server.reads;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Read-only questions other features may ask of the read store. */
@Repository
public class Reads {
  private final JdbcClient jdbc;

  Reads(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** How many reads are stored with a capture time at or after {@code since}. */
  public long countCapturedSince(Instant since) {
    return jdbc.sql("SELECT count(*) FROM plate_read WHERE captured_at >= :since")
        .param("since", java.sql.Timestamp.from(since)).query(Long.class).single();
  }

  /** How many reads are stored in all. */
  public long countAll() {
    return jdbc.sql("SELECT count(*) FROM plate_read").query(Long.class).single();
  }
}
