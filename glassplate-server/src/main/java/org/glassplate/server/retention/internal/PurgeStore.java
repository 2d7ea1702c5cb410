package org.glassplate.server.retention.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.glassplate.server.retention.PurgeRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the purge's tables: {@code retention_purge} (one row per recorded purge) and
 * {@code retention_hit} (the reads that hit a hot list). Runs in the caller's transaction.
 */
@Repository
public class PurgeStore {
  private final JdbcClient jdbc;

  public PurgeStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void rememberHit(long readId, Instant capturedAt) {
    jdbc.sql("INSERT INTO retention_hit (read_id, captured_at) VALUES (:id, :at) ON CONFLICT DO NOTHING")
        .param("id", readId).param("at", Timestamp.from(capturedAt)).update();
  }

  /** Hit reads captured in {@code [from, to)}. */
  public long[] hitsCapturedBetween(Instant from, Instant to) {
    return jdbc.sql("SELECT read_id FROM retention_hit WHERE captured_at >= :h AND captured_at < :nh")
        .param("h", Timestamp.from(from)).param("nh", Timestamp.from(to))
        .query(Long.class).list().stream().mapToLong(Long::longValue).toArray();
  }

  public void forgetHitsCapturedBefore(Instant cutoff) {
    jdbc.sql("DELETE FROM retention_hit WHERE captured_at < :cutoff").param("cutoff", Timestamp.from(cutoff)).update();
  }

  public void insert(PurgeRecord p) {
    jdbc.sql("""
            INSERT INTO retention_purge (ran_at, non_hit_cutoff, hit_cutoff, partitions_dropped, reads_dropped,
                                         reads_deleted, reads_kept_for_hits, reads_kept_for_grants, oldest_remaining,
                                         policy_sha256)
            VALUES (:now, :nh, :h, :p, :dropped, :deleted, :hits, :granted, :oldest, :sha)""")
        .param("now", Timestamp.from(p.ranAt())).param("nh", Timestamp.from(p.nonHitCutoff()))
        .param("h", Timestamp.from(p.hitCutoff())).param("p", p.partitionsDropped()).param("dropped", p.readsDropped())
        .param("deleted", p.readsDeleted()).param("hits", p.readsKeptForHits()).param("granted", p.readsKeptForGrants())
        .param("oldest", p.oldestRemaining() == null ? null : Timestamp.from(p.oldestRemaining()))
        .param("sha", p.policySha256()).update();
  }

  /** The recorded purges, newest first. */
  public List<PurgeRecord> recent(int limit) {
    return jdbc.sql("""
            SELECT ran_at, non_hit_cutoff, hit_cutoff, partitions_dropped, reads_dropped, reads_deleted,
                   reads_kept_for_hits, reads_kept_for_grants, oldest_remaining, policy_sha256
            FROM retention_purge ORDER BY id DESC LIMIT :limit""").param("limit", limit)
        .query(PurgeStore::purge).list();
  }

  public Optional<PurgeRecord> latest() {
    return recent(1).stream().findFirst();
  }

  /** The latest recorded purge that deleted reads (dropped with a partition or one by one). */
  public Optional<PurgeRecord> latestThatDeleted() {
    return jdbc.sql("""
            SELECT ran_at, non_hit_cutoff, hit_cutoff, partitions_dropped, reads_dropped, reads_deleted,
                   reads_kept_for_hits, reads_kept_for_grants, oldest_remaining, policy_sha256
            FROM retention_purge WHERE reads_dropped + reads_deleted > 0 ORDER BY id DESC LIMIT 1""")
        .query(PurgeStore::purge).optional();
  }

  private static PurgeRecord purge(ResultSet rs, int n) throws SQLException {
    return new PurgeRecord(ts(rs.getTimestamp("ran_at")), ts(rs.getTimestamp("non_hit_cutoff")),
        ts(rs.getTimestamp("hit_cutoff")), rs.getInt("partitions_dropped"), rs.getLong("reads_dropped"),
        rs.getLong("reads_deleted"), rs.getLong("reads_kept_for_hits"), rs.getLong("reads_kept_for_grants"),
        ts(rs.getTimestamp("oldest_remaining")), rs.getString("policy_sha256"));
  }

  private static Instant ts(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
