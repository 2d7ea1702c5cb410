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

  /** Reads stored per UTC capture day from {@code since} on, oldest first; days without reads are absent. */
  public java.util.Map<java.time.LocalDate, Long> countPerDay(Instant since) {
    java.util.Map<java.time.LocalDate, Long> out = new java.util.TreeMap<>();
    jdbc.sql("""
            SELECT (captured_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n
            FROM plate_read WHERE captured_at >= :since GROUP BY 1""")
        .param("since", java.sql.Timestamp.from(since))
        .query((rs, i) -> out.put(rs.getObject("day", java.time.LocalDate.class), rs.getLong("n"))).list();
    return out;
  }

  /** How many reads are stored in all. */
  public long countAll() {
    return jdbc.sql("SELECT count(*) FROM plate_read").query(Long.class).single();
  }
}
