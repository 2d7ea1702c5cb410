package org.glassplate.server.oversight.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of table {@code self_audit_run} (V1500). Runs in the caller's transaction. */
@Repository
public class SelfAuditStore {
  private final JdbcClient jdbc;

  public SelfAuditStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored run; {@code checks} is the JSON array of its checks. */
  public record Row(long id, Instant ranAt, String ranBy, String trigger, String status, String configurationSha256,
      String checks) {
  }

  public long insert(Instant ranAt, String ranBy, String trigger, String status, String configurationSha256,
      String checksJson) {
    return jdbc.sql("""
            INSERT INTO self_audit_run (ran_at, ran_by, trigger, status, configuration_sha256, checks)
            VALUES (:at, :by, :trigger, :status, :sha, CAST(:checks AS jsonb)) RETURNING id""")
        .param("at", Timestamp.from(ranAt)).param("by", ranBy).param("trigger", trigger).param("status", status)
        .param("sha", configurationSha256).param("checks", checksJson)
        .query(Long.class).single();
  }

  /**
   * The newest runs first, at most {@code limit}: in the order they were stored, not by their clock
   * time, so a clock set back (or a run stamped ahead) never hides the run that really came last.
   */
  public List<Row> recent(int limit) {
    return jdbc.sql("SELECT * FROM self_audit_run ORDER BY id DESC LIMIT :n").param("n", limit)
        .query(SelfAuditStore::row).list();
  }

  public Optional<Row> find(long id) {
    return jdbc.sql("SELECT * FROM self_audit_run WHERE id = :id").param("id", id).query(SelfAuditStore::row)
        .optional();
  }

  private static Row row(ResultSet rs, int n) throws SQLException {
    return new Row(rs.getLong("id"), rs.getTimestamp("ran_at").toInstant(), rs.getString("ran_by"),
        rs.getString("trigger"), rs.getString("status"), rs.getString("configuration_sha256"), rs.getString("checks"));
  }
}
