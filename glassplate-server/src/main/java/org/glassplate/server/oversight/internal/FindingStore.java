package org.glassplate.server.oversight.internal;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glassplate.server.oversight.Finding;
import org.glassplate.server.oversight.rules.Raised;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL of misuse findings (V1510): the findings, the rules' cursor over the audit log, people's last actions. */
@Repository
public class FindingStore {
  private static final String COLUMNS = """
      id, rule, severity, person, evidence, summary, occurred_at, detected_at, status, dismissal_reason,
      dismissed_by, dismissed_at""";

  private final JdbcTemplate jdbc;

  public FindingStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The next audit index to examine, locked until the end of the transaction (one examiner at a time). */
  public long lockCursor() {
    return jdbc.queryForObject("SELECT next_index FROM oversight_finding_cursor FOR UPDATE", Long.class);
  }

  /**
   * Lets this transaction's commit return before its WAL is on disk ({@code synchronous_commit} off, for
   * this transaction only): the rules' batches commit a hundred times in a from-scratch run, each waiting for
   * a flush (docs/BENCHMARKS.md, issue 16). A crash may then lose the last batches committed, findings and
   * cursor together (one transaction), and the rules examine those entries again and raise the same
   * findings; any later commit that waits for its flush (a dismissal, an audit entry) makes them durable
   * first, since the WAL is flushed in order.
   */
  public void commitWithoutWaitingForDisk() {
    jdbc.execute("SET LOCAL synchronous_commit TO off");
  }

  public void setCursor(long nextIndex) {
    jdbc.update("UPDATE oversight_finding_cursor SET next_index = ?", nextIndex);
  }

  /** Findings per multi-row insert: 7 parameters each, well under PostgreSQL's 32,767 per statement. */
  static final int ROWS_PER_INSERT = 1000;

  /**
   * Stores the findings not stored yet (same rule, person and evidence); returns how many were new. One
   * multi-row insert per {@value #ROWS_PER_INSERT} findings, rows in the list's order (so their ids are in
   * that order), each value bound as the batch bound it: a JDBC batch sent one insert per finding, each with
   * its own {@code ON CONFLICT} (docs/BENCHMARKS.md, issue 16). A finding raised twice in the list is stored
   * once, as by the batch ({@code FindingStoreIT} compares both).
   */
  public int insert(List<Raised> raised, Instant detectedAt) {
    if (raised.isEmpty()) {
      return 0;
    }
    return jdbc.execute((ConnectionCallback<Integer>) con -> {
      int n = 0;
      for (int from = 0; from < raised.size(); from += ROWS_PER_INSERT) {
        List<Raised> rows = raised.subList(from, Math.min(raised.size(), from + ROWS_PER_INSERT));
        StringBuilder sql = new StringBuilder(
            "INSERT INTO oversight_finding (rule, severity, person, evidence, summary, occurred_at, detected_at) VALUES ");
        for (int i = 0; i < rows.size(); i++) {
          sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
        }
        sql.append(" ON CONFLICT (rule, person, evidence) DO NOTHING");
        try (PreparedStatement ps = con.prepareStatement(sql.toString())) {
          int p = 1;
          Timestamp detected = Timestamp.from(detectedAt);
          for (Raised r : rows) {
            ps.setString(p++, r.rule());
            ps.setString(p++, r.severity().name());
            ps.setString(p++, r.person());
            ps.setArray(p++, con.createArrayOf("bigint", r.evidence().toArray()));
            ps.setString(p++, r.summary());
            ps.setTimestamp(p++, Timestamp.from(r.occurredAt()));
            ps.setTimestamp(p++, detected);
          }
          n += ps.executeUpdate();
        }
      }
      return n;
    });
  }

  /** Every person's last action (for a rebuilt history). */
  public Map<String, Instant> lastActions() {
    Map<String, Instant> out = new HashMap<>();
    jdbc.query("SELECT person, last_action_at FROM oversight_person_activity",
        (ResultSet rs) -> {
          out.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        });
    return out;
  }

  /**
   * Stores these people's last actions: one multi-row upsert per {@value #ROWS_PER_INSERT} people, each time
   * bound as the JDBC batch of one upsert per person bound it ({@code FindingStoreIT} compares both).
   */
  public void saveLastActions(Map<String, Instant> changed) {
    if (changed.isEmpty()) {
      return;
    }
    List<Map.Entry<String, Instant>> all = new ArrayList<>(changed.entrySet());
    jdbc.execute((ConnectionCallback<Void>) con -> {
      for (int from = 0; from < all.size(); from += ROWS_PER_INSERT) {
        List<Map.Entry<String, Instant>> rows = all.subList(from, Math.min(all.size(), from + ROWS_PER_INSERT));
        StringBuilder sql = new StringBuilder("INSERT INTO oversight_person_activity (person, last_action_at) VALUES ");
        for (int i = 0; i < rows.size(); i++) {
          sql.append(i == 0 ? "" : ", ").append("(?, ?)");
        }
        sql.append(" ON CONFLICT (person) DO UPDATE SET last_action_at = excluded.last_action_at");
        try (PreparedStatement ps = con.prepareStatement(sql.toString())) {
          int p = 1;
          for (Map.Entry<String, Instant> row : rows) {
            ps.setObject(p++, row.getKey());
            ps.setObject(p++, Timestamp.from(row.getValue())); // as JdbcTemplate.batchUpdate bound it
          }
          ps.executeUpdate();
        }
      }
      return null;
    });
  }

  /** Findings newest first, at most {@code limit}, each filter ignored when null. */
  public List<Finding> find(String rule, String person, Finding.Status status, int limit) {
    return jdbc.query("SELECT " + COLUMNS + """
             FROM oversight_finding
            WHERE (?::text IS NULL OR rule = ?) AND (?::text IS NULL OR person = ?) AND (?::text IS NULL OR status = ?)
            ORDER BY id DESC LIMIT ?""",
        (rs, n) -> finding(rs), rule, rule, person, person, status == null ? null : status.name(),
        status == null ? null : status.name(), limit);
  }

  public Optional<Finding> find(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM oversight_finding WHERE id = ?", (rs, n) -> finding(rs), id)
        .stream().findFirst();
  }

  /** The finding, locked until the end of the transaction. */
  public Optional<Finding> lock(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM oversight_finding WHERE id = ? FOR UPDATE", (rs, n) -> finding(rs),
        id).stream().findFirst();
  }

  public void dismiss(long id, String reason, String by, Instant at) {
    jdbc.update("""
        UPDATE oversight_finding SET status = 'DISMISSED', dismissal_reason = ?, dismissed_by = ?, dismissed_at = ?
        WHERE id = ?""", reason, by, Timestamp.from(at), id);
  }

  private static Finding finding(ResultSet rs) throws SQLException {
    Array evidence = rs.getArray("evidence");
    List<Long> indexes = Arrays.stream((Long[]) evidence.getArray()).toList();
    Timestamp dismissedAt = rs.getTimestamp("dismissed_at");
    Finding.Dismissal dismissal = rs.getString("dismissal_reason") == null ? null
        : new Finding.Dismissal(rs.getString("dismissal_reason"), rs.getString("dismissed_by"),
            dismissedAt == null ? null : dismissedAt.toInstant());
    return new Finding(rs.getLong("id"), rs.getString("rule"), Finding.Severity.valueOf(rs.getString("severity")),
        rs.getString("person"), indexes, rs.getString("summary"), rs.getTimestamp("occurred_at").toInstant(),
        rs.getTimestamp("detected_at").toInstant(), Finding.Status.valueOf(rs.getString("status")), dismissal);
  }
}
