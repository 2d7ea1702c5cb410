package org.glassplate.server.retention.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glassplate.server.retention.RetentionFigures;
import org.glassplate.server.retention.RetentionGrant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of tables {@code retention_grant} and {@code retention_grant_read}. Runs in the caller's transaction. */
@Repository
public class GrantStore {
  private static final String SELECT = """
      SELECT g.*, (SELECT count(*) FROM retention_grant_read r WHERE r.grant_id = g.id) AS reads,
             (SELECT count(*) FROM retention_read_grace x WHERE x.grant_id = g.id) AS reads_kept_pending
      FROM retention_grant g """;

  private final JdbcClient jdbc;

  public GrantStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts a pending request and the reads it names (id and capture time), and gives the pending
   * grace, until {@code graceUntil}, to those of its reads that no earlier request ever had it for
   * (the first request to name a read wins, even against one being filed at the same moment); returns
   * its id.
   */
  public long insertPending(RetentionGrant.Kind kind, String caseNumber, String reason, long requestedBy,
      String requestedPseudonym, Instant endsAt, Instant now, String policySha256, Map<Long, Instant> reads,
      Instant graceUntil, java.util.UUID searchId) {
    long id = jdbc.sql("""
            INSERT INTO retention_grant (kind, case_number, reason, requested_by, requested_pseudonym, status, ends_at,
                                         created_at, policy_sha256, search_id)
            VALUES (:kind, :case, :reason, :by, :pseudonym, 'PENDING', :ends, :now, :sha, :search) RETURNING id""")
        .param("kind", kind.name()).param("case", caseNumber).param("reason", reason).param("search", searchId)
        .param("by", requestedBy).param("pseudonym", requestedPseudonym).param("ends", Timestamp.from(endsAt))
        .param("now", Timestamp.from(now)).param("sha", policySha256)
        .query(Long.class).single();
    for (Map.Entry<Long, Instant> e : reads.entrySet()) {
      jdbc.sql("INSERT INTO retention_grant_read (grant_id, read_id, captured_at) VALUES (:g, :r, :at)")
          .param("g", id).param("r", e.getKey()).param("at", Timestamp.from(e.getValue())).update();
    }
    jdbc.sql("""
            INSERT INTO retention_read_grace (read_id, grant_id, until)
            SELECT read_id, grant_id, :until FROM retention_grant_read WHERE grant_id = :g
            ON CONFLICT (read_id) DO NOTHING""")
        .param("g", id).param("until", Timestamp.from(graceUntil)).update();
    return id;
  }

  /** The account that requested grant {@code grantId}. */
  public long requesterId(long grantId) {
    return jdbc.sql("SELECT requested_by FROM retention_grant WHERE id = :g").param("g", grantId)
        .query(Long.class).single();
  }

  public void approve(long id, long approvedBy, String approvedPseudonym, Instant now, String policySha256) {
    jdbc.sql("""
            UPDATE retention_grant SET status = 'ACTIVE', approved_by = :by, approved_pseudonym = :p, approved_at = :now,
                   policy_sha256 = :sha WHERE id = :id""")
        .param("by", approvedBy).param("p", approvedPseudonym).param("now", Timestamp.from(now))
        .param("sha", policySha256).param("id", id).update();
  }

  /** Grants in force that reached their end date, and pending ones past {@code graceStart} or their end date. */
  public List<RetentionGrant> due(Instant now, Instant graceStart) {
    return jdbc.sql(SELECT + " " + """
             WHERE (g.status = 'ACTIVE' AND g.ends_at <= :now)
                OR (g.status = 'PENDING' AND (g.created_at <= :graceStart OR g.ends_at <= :now))""")
        .param("now", Timestamp.from(now)).param("graceStart", Timestamp.from(graceStart))
        .query(GrantStore::grant).list();
  }

  /** A supervisor refused a pending request, with a reason: it keeps nothing from now on. */
  public void refuse(long id, long refusedBy, String reason, Instant now) {
    jdbc.sql("""
            UPDATE retention_grant SET status = 'REFUSED', refused_by = :by, refusal_reason = :reason, ended_at = :now
            WHERE id = :id AND status = 'PENDING'""")
        .param("by", refusedBy).param("reason", reason).param("now", Timestamp.from(now)).param("id", id).update();
  }

  /** The requests of one person, newest first. */
  public List<RetentionGrant> requestedBy(long accountId, int limit) {
    return jdbc.sql(SELECT + " WHERE g.requested_by = :by ORDER BY g.id DESC LIMIT :limit")
        .param("by", accountId).param("limit", limit).query(GrantStore::grant).list();
  }

  /** The ids of the reads a grant names, newest capture first, at most {@code limit}. */
  public List<Long> readIds(long grantId, int limit) {
    return jdbc.sql("""
            SELECT read_id FROM retention_grant_read WHERE grant_id = :g ORDER BY captured_at DESC, read_id DESC
            LIMIT :limit""")
        .param("g", grantId).param("limit", limit).query(Long.class).list();
  }

  public void end(long id, RetentionGrant.Status status, Instant now) {
    jdbc.sql("UPDATE retention_grant SET status = :s, ended_at = :now WHERE id = :id")
        .param("s", status.name()).param("now", Timestamp.from(now)).param("id", id).update();
  }

  /**
   * The ids of reads captured before {@code before} kept by a grant that has not ended by
   * {@code now}: approved, or pending and holding the read's grace until after {@code now}.
   */
  public long[] keptReadIds(Instant before, Instant now) {
    return jdbc.sql("""
            SELECT r.read_id FROM retention_grant_read r JOIN retention_grant g ON g.id = r.grant_id
            WHERE r.captured_at < :before AND g.ends_at > :now AND g.status = 'ACTIVE'
            UNION
            SELECT r.read_id FROM retention_read_grace x JOIN retention_grant g ON g.id = x.grant_id
              JOIN retention_grant_read r ON r.grant_id = x.grant_id AND r.read_id = x.read_id
            WHERE r.captured_at < :before AND g.ends_at > :now AND g.status = 'PENDING' AND x.until > :now""")
        .param("before", Timestamp.from(before)).param("now", Timestamp.from(now))
        .query(Long.class).list().stream().mapToLong(Long::longValue).toArray();
  }

  public Optional<RetentionGrant> find(long id) {
    return jdbc.sql(SELECT + " WHERE g.id = :id").param("id", id).query(GrantStore::grant).optional();
  }

  /** Grants of a kind, newest first. */
  public List<RetentionGrant> list(RetentionGrant.Kind kind, int limit) {
    return jdbc.sql(SELECT + " WHERE g.kind = :kind ORDER BY g.id DESC LIMIT :limit")
        .param("kind", kind.name()).param("limit", limit).query(GrantStore::grant).list();
  }

  /** The counts of holds and extensions at {@code now}, approvals since {@code since}, with the last purge's figures. */
  public RetentionFigures figures(Instant now, Instant since, Instant lastPurgeAt, Instant oldestRemaining) {
    Map<String, Object> m = jdbc.sql("""
            SELECT
              count(*) FILTER (WHERE kind = 'LEGAL_HOLD' AND status = 'ACTIVE' AND ends_at > :now) AS holds_active,
              count(*) FILTER (WHERE kind = 'LEGAL_HOLD' AND status = 'PENDING') AS holds_pending,
              count(*) FILTER (WHERE kind = 'LEGAL_HOLD' AND approved_at >= :since) AS holds_since,
              count(*) FILTER (WHERE kind = 'EXTENSION' AND status = 'ACTIVE' AND ends_at > :now) AS ext_active,
              count(*) FILTER (WHERE kind = 'EXTENSION' AND status = 'PENDING') AS ext_pending,
              count(*) FILTER (WHERE kind = 'EXTENSION' AND approved_at >= :since) AS ext_since
            FROM retention_grant""")
        .param("now", Timestamp.from(now)).param("since", Timestamp.from(since)).query().singleRow();
    Map<String, Object> r = jdbc.sql("""
            SELECT
              count(DISTINCT r.read_id) FILTER (WHERE g.kind = 'LEGAL_HOLD') AS held,
              count(DISTINCT r.read_id) FILTER (WHERE g.kind = 'EXTENSION') AS extended
            FROM retention_grant_read r JOIN retention_grant g ON g.id = r.grant_id
            WHERE g.status = 'ACTIVE' AND g.ends_at > :now""")
        .param("now", Timestamp.from(now)).query().singleRow();
    return new RetentionFigures(n(m, "holds_active"), n(m, "holds_pending"), n(r, "held"), n(m, "holds_since"),
        n(m, "ext_active"), n(m, "ext_pending"), n(r, "extended"), n(m, "ext_since"), since, lastPurgeAt,
        oldestRemaining);
  }

  private static long n(Map<String, Object> m, String k) {
    return ((Number) m.get(k)).longValue();
  }

  static RetentionGrant grant(ResultSet rs, int n) throws SQLException {
    return new RetentionGrant(rs.getLong("id"), RetentionGrant.Kind.valueOf(rs.getString("kind")),
        rs.getString("case_number"), rs.getString("reason"), rs.getString("requested_pseudonym"),
        rs.getString("approved_pseudonym"), ts(rs.getTimestamp("approved_at")),
        RetentionGrant.Status.valueOf(rs.getString("status")), ts(rs.getTimestamp("ends_at")),
        ts(rs.getTimestamp("created_at")), ts(rs.getTimestamp("ended_at")), rs.getLong("reads"),
        rs.getLong("reads_kept_pending"), rs.getLong("requested_by"), rs.getString("refusal_reason"),
        rs.getObject("search_id", java.util.UUID.class));
  }

  private static Instant ts(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
