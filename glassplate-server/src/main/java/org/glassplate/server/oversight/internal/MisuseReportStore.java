package org.glassplate.server.oversight.internal;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The annual misuse report's counts over findings and investigations (V1510, V1520), each an indexed
 * range of a year: nothing is counted apart from the rows themselves.
 */
@Repository
public class MisuseReportStore {
  private final JdbcTemplate jdbc;

  public MisuseReportStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Findings whose latest evidence occurred in [from, until), by rule. */
  public Map<String, Long> findingsByRule(Instant from, Instant until) {
    Map<String, Long> out = new TreeMap<>();
    jdbc.query("SELECT rule, count(*) FROM oversight_finding WHERE occurred_at >= ? AND occurred_at < ? GROUP BY rule",
        (ResultSet rs) -> {
          out.put(rs.getString(1), rs.getLong(2));
        }, Timestamp.from(from), Timestamp.from(until));
    return out;
  }

  /**
   * Investigations opened in [from, until), by their outcome as of {@code asOf}: PENDING when not closed
   * before then.
   */
  public Map<String, Long> openedByOutcome(Instant from, Instant until, Instant asOf) {
    Map<String, Long> out = new TreeMap<>();
    jdbc.query("""
        SELECT CASE WHEN closed_at IS NULL OR closed_at >= ? THEN 'PENDING' ELSE outcome END, count(*)
        FROM oversight_investigation WHERE opened_at >= ? AND opened_at < ? GROUP BY 1""",
        (ResultSet rs) -> {
          out.put(rs.getString(1), rs.getLong(2));
        }, Timestamp.from(asOf), Timestamp.from(from), Timestamp.from(until));
    return out;
  }

  /** Investigations closed in [from, until), by outcome. */
  public Map<String, Long> closedByOutcome(Instant from, Instant until) {
    Map<String, Long> out = new TreeMap<>();
    jdbc.query("""
        SELECT outcome, count(*) FROM oversight_investigation WHERE closed_at >= ? AND closed_at < ? GROUP BY 1""",
        (ResultSet rs) -> {
          out.put(rs.getString(1), rs.getLong(2));
        }, Timestamp.from(from), Timestamp.from(until));
    return out;
  }

  /** Investigations opened before {@code asOf} and not closed before it, and of those the ones opened before {@code overdueBefore}. */
  public long[] pendingAndOverdue(Instant asOf, Instant overdueBefore) {
    return jdbc.queryForObject("""
        SELECT count(*), count(*) FILTER (WHERE opened_at < ?) FROM oversight_investigation
        WHERE opened_at < ? AND (closed_at IS NULL OR closed_at >= ?)""",
        (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}, Timestamp.from(overdueBefore), Timestamp.from(asOf),
        Timestamp.from(asOf));
  }
}
