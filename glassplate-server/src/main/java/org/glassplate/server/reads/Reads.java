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

  /**
   * The capture time of the oldest read still stored, if any. One index probe per camera (on
   * {@code (camera_id, captured_at)}), so it stays cheap however many reads there are.
   */
  public java.util.Optional<Instant> oldestCapture() {
    java.sql.Timestamp t = jdbc.sql("""
            SELECT min(m) FROM (
              SELECT (SELECT min(r.captured_at) FROM plate_read r WHERE r.camera_id = c.id) AS m FROM camera c) x""")
        .query(java.sql.Timestamp.class).optional().orElse(null);
    return java.util.Optional.ofNullable(t).map(java.sql.Timestamp::toInstant);
  }

  /** The capture times of those of {@code ids} that are stored. */
  public java.util.Map<Long, Instant> capturedAt(java.util.Collection<Long> ids) {
    java.util.Map<Long, Instant> out = new java.util.HashMap<>();
    jdbc.sql("SELECT id, captured_at FROM plate_read WHERE id = ANY(:ids)")
        .param("ids", ids.toArray(new Long[0]))
        .query((rs, n) -> out.put(rs.getLong("id"), rs.getTimestamp("captured_at").toInstant())).list();
    return out;
  }

  /** How many reads are stored in all. */
  public long countAll() {
    return jdbc.sql("SELECT count(*) FROM plate_read").query(Long.class).single();
  }
}
