package org.glassplate.server.hotlist.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glassplate.server.hotlist.Alert;
import org.glassplate.server.hotlist.HotlistSource;
import org.glassplate.server.hotlist.MatchKind;
import org.glassplate.server.hotlist.ReasonCategory;
import org.glassplate.server.hotlist.VerificationOutcome;
import org.glassplate.server.reads.PlateRead;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of table {@code hotlist_alert} (with the name of the alert's list). Runs in the caller's transaction. */
@Repository
public class AlertStore {
  private static final String SELECT = """
      SELECT a.*, l.name AS list_name FROM hotlist_alert a JOIN hotlist l ON l.id = a.list_id""";

  private final JdbcClient jdbc;

  public AlertStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores the alert of a read that matched an entry, unless that read already raised one for that
   * entry; returns the new alert's id.
   */
  public Optional<Long> insert(PlateRead read, HotlistStore.Confirmed entry, MatchKind kind, Instant now) {
    return jdbc.sql("""
            INSERT INTO hotlist_alert (read_id, camera_id, plate, state, captured_at, lat, lon, confidence, list_id,
                                       entry_id, entry_plate, entry_state, reason, source, match_kind, raised_at)
            VALUES (:read, :camera, :plate, :state, :captured, :lat, :lon, :confidence, :list, :entry, :entryPlate,
                    :entryState, :reason, :source, :kind, :now)
            ON CONFLICT (read_id, entry_id) DO NOTHING RETURNING id""")
        .param("read", read.id()).param("camera", read.cameraId()).param("plate", read.plate().value())
        .param("state", read.state().value()).param("captured", Timestamp.from(read.capturedAt()))
        .param("lat", read.lat()).param("lon", read.lon()).param("confidence", read.confidence())
        .param("list", entry.listId()).param("entry", entry.entryId()).param("entryPlate", entry.plate())
        .param("entryState", entry.state()).param("reason", entry.reason().code())
        .param("source", entry.source().code()).param("kind", kind.code()).param("now", Timestamp.from(now))
        .query(Long.class).optional();
  }

  /** The newest unredacted alerts, newest first. */
  public List<Alert> recent(int limit) {
    return jdbc.sql(SELECT + " WHERE NOT a.redacted ORDER BY a.id DESC LIMIT :limit")
        .param("limit", limit).query(AlertStore::alert).list();
  }

  /** The newest unredacted alerts nobody has verified yet, newest first. */
  public List<Alert> recentUnverified(int limit) {
    return jdbc.sql(SELECT + " WHERE a.outcome IS NULL AND NOT a.redacted ORDER BY a.id DESC LIMIT :limit")
        .param("limit", limit).query(AlertStore::alert).list();
  }

  /** How many unredacted alerts nobody has verified yet. */
  public long countUnverified() {
    return jdbc.sql("SELECT count(*) FROM hotlist_alert WHERE outcome IS NULL AND NOT redacted")
        .query(Long.class).single();
  }

  /** The newest {@code limit} unredacted alerts after alert {@code afterId}, oldest first. */
  public List<Alert> after(long afterId, int limit) {
    List<Alert> alerts = new ArrayList<>(jdbc.sql(
            SELECT + " WHERE a.id > :after AND NOT a.redacted ORDER BY a.id DESC LIMIT :limit")
        .param("after", afterId).param("limit", limit).query(AlertStore::alert).list());
    Collections.reverse(alerts);
    return alerts;
  }

  public Optional<Alert> find(long id) {
    return jdbc.sql(SELECT + " WHERE a.id = :id").param("id", id).query(AlertStore::alert).optional();
  }

  /** Records a verification unless the alert has one; returns whether it did. */
  public boolean verify(long alertId, VerificationOutcome outcome, String note, long verifiedBy,
      String verifiedPseudonym, Instant now) {
    return jdbc.sql("""
            UPDATE hotlist_alert SET outcome = :outcome, note = :note, verified_by = :by, verified_pseudonym = :pseudonym,
                   verified_at = :now
            WHERE id = :id AND outcome IS NULL""")
        .param("outcome", outcome.code()).param("note", note).param("by", verifiedBy)
        .param("pseudonym", verifiedPseudonym).param("now", Timestamp.from(now)).param("id", alertId)
        .update() > 0;
  }

  /** Alerts raised since {@code since}, counted by list, match kind and outcome (null: not verified). */
  public record Count(long listId, String matchKind, String outcome, long n) {
  }

  public List<Count> countsSince(Instant since) {
    List<Map<String, Object>> rows = jdbc.sql("""
            SELECT list_id, match_kind, outcome, count(*) AS n FROM hotlist_alert
            WHERE raised_at >= :since GROUP BY list_id, match_kind, outcome""")
        .param("since", Timestamp.from(since)).query().listOfRows();
    return rows.stream().map(r -> new Count(((Number) r.get("list_id")).longValue(), (String) r.get("match_kind"),
        (String) r.get("outcome"), ((Number) r.get("n")).longValue())).toList();
  }

  public long countRaisedSince(Instant since) {
    return jdbc.sql("SELECT count(*) FROM hotlist_alert WHERE raised_at >= :since")
        .param("since", Timestamp.from(since)).query(Long.class).single();
  }

  /** Which of these reads (at most a search page of them) raised an alert; by the (read_id, entry_id) key. */
  public List<Long> readsWithAlerts(java.util.Collection<Long> readIds) {
    if (readIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT DISTINCT read_id FROM hotlist_alert WHERE read_id IN (:ids)")
        .param("ids", List.copyOf(readIds)).query(Long.class).list();
  }

  /** Erases the copy of the read from alerts of reads captured before {@code cutoff}; returns how many. */
  public int redactCapturedBefore(Instant cutoff) {
    return jdbc.sql("""
            UPDATE hotlist_alert SET plate = NULL, state = NULL, lat = NULL, lon = NULL, entry_plate = NULL,
                   entry_state = NULL, note = NULL, redacted = true
            WHERE captured_at < :cutoff AND NOT redacted""")
        .param("cutoff", Timestamp.from(cutoff)).update();
  }

  static Alert alert(ResultSet rs, int n) throws SQLException {
    String outcome = rs.getString("outcome");
    Alert.Verification v = outcome == null ? null : new Alert.Verification(VerificationOutcome.parse(outcome),
        rs.getString("verified_pseudonym"), rs.getTimestamp("verified_at").toInstant(), rs.getLong("verified_by"),
        rs.getString("note"));
    return new Alert(rs.getLong("id"), rs.getLong("read_id"), rs.getLong("camera_id"), rs.getString("plate"),
        trim(rs.getString("state")), rs.getTimestamp("captured_at").toInstant(), (Double) rs.getObject("lat"),
        (Double) rs.getObject("lon"), (Double) rs.getObject("confidence"), rs.getLong("list_id"),
        rs.getString("list_name"), HotlistSource.parse(rs.getString("source")), rs.getLong("entry_id"),
        rs.getString("entry_plate"), trim(rs.getString("entry_state")), ReasonCategory.parse(rs.getString("reason")),
        MatchKind.parse(rs.getString("match_kind")), rs.getTimestamp("raised_at").toInstant(), v);
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }
}
