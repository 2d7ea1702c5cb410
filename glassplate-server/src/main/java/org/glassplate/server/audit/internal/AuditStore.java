package org.glassplate.server.audit.internal;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.glassplate.server.audit.AuditLog;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * SQL of the audit log's tables (V200, V201): pending entries, the sequenced entries and their
 * private parts, the tree size and the signed checkpoints. Tiles are in {@link TileRows}.
 */
@Repository
public class AuditStore {
  private final JdbcTemplate jdbc;

  public AuditStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** An entry waiting for its log index. */
  public record Pending(long id, int typeCode, byte[] entry, byte[] salt, String privateFields, Timestamp recordedAt) {
  }

  /** One entry's private part, for an auditor's opening. */
  public record PrivatePart(byte[] salt, String privateFields) {
  }

  /**
   * Stores an entry to be sequenced; returns its pending id.
   *
   * @param recordedAt the entry's own {@code time}, by the application's clock (kept as {@code recorded_at})
   */
  public long insertPending(int typeCode, byte[] entry, byte[] salt, String privateFields, Instant recordedAt) {
    return jdbc.queryForObject("""
            INSERT INTO audit_pending (type_code, entry, salt, private_fields, created_at)
            VALUES (?, ?, ?, ?, ?) RETURNING id""", Long.class, typeCode, entry, salt, privateFields,
        Timestamp.from(recordedAt));
  }

  /** The stored tree size and verifier key; creates the state row if it is missing (an emptied log). */
  public record State(long size, String verifierKey) {
  }

  public State state() {
    jdbc.update("INSERT INTO audit_log_state (size) VALUES (0) ON CONFLICT DO NOTHING");
    return jdbc.queryForObject("SELECT size, verifier_key FROM audit_log_state",
        (rs, n) -> new State(rs.getLong(1), rs.getString(2)));
  }

  /** The log's current origin as its last move to a new key set it, or empty before any move (V1590). */
  public Optional<String> storedOrigin() {
    return jdbc.query("SELECT origin FROM audit_log_state", (rs, n) -> rs.getString(1)).stream()
        .filter(java.util.Objects::nonNull).findFirst();
  }

  /**
   * An origin of the log that ended with a move to a new key (V1590).
   *
   * @param finalCheckpoint its last checkpoint, signed with its key; its last entry announces the next origin
   */
  public record EndedOrigin(int generation, String origin, String verifierKey, long firstSize, long finalSize,
      String finalCheckpoint, Instant endedAt, String nextOrigin, String nextVerifierKey) {
  }

  /** Every ended origin, oldest first. */
  public List<EndedOrigin> endedOrigins() {
    return jdbc.query("""
            SELECT generation, origin, verifier_key, first_size, final_size, final_checkpoint, ended_at, next_origin,
                   next_verifier_key FROM audit_log_origin ORDER BY generation""",
        (rs, n) -> new EndedOrigin(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
            rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9)));
  }

  /** Records that an origin ended, and makes the next one current (the caller's transaction). */
  public void endOrigin(EndedOrigin o) {
    jdbc.update("""
            INSERT INTO audit_log_origin (generation, origin, verifier_key, first_size, final_size, final_checkpoint,
              ended_at, next_origin, next_verifier_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        o.generation(), o.origin(), o.verifierKey(), o.firstSize(), o.finalSize(), o.finalCheckpoint(),
        Timestamp.from(o.endedAt()), o.nextOrigin(), o.nextVerifierKey());
    jdbc.update("UPDATE audit_log_state SET origin = ?, verifier_key = ?", o.nextOrigin(), o.nextVerifierKey());
  }

  public void setVerifierKey(String verifierKey) {
    jdbc.update("UPDATE audit_log_state SET verifier_key = ?", verifierKey);
  }

  /** The stored tree size, locked until the end of the transaction (the sequencer's fence). */
  public long lockTreeSize() {
    return jdbc.queryForObject("SELECT size FROM audit_log_state FOR UPDATE", Long.class);
  }

  public void setTreeSize(long size) {
    jdbc.update("UPDATE audit_log_state SET size = ?", size);
  }

  /**
   * Removes up to {@code limit} committed pending entries, lowest id first, and returns them in id
   * order. {@code = ANY(ARRAY(...))} is planned as index lookups; {@code IN (subquery)} was planned as
   * a scan of the whole table, so each batch cost grew with the backlog.
   */
  public List<Pending> takePending(int limit) {
    List<Pending> rows = jdbc.query("""
            DELETE FROM audit_pending
            WHERE id = ANY(ARRAY(SELECT id FROM audit_pending ORDER BY id LIMIT ?))
            RETURNING id, type_code, entry, salt, private_fields, created_at""",
        (rs, n) -> new Pending(rs.getLong(1), rs.getInt(2), rs.getBytes(3), rs.getBytes(4), rs.getString(5),
            rs.getTimestamp(6)),
        limit);
    List<Pending> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingLong(Pending::id));
    return sorted;
  }

  /** Entries recorded but not yet given a log index: how many, and the age of the oldest (0 when none). */
  public record Backlog(long entries, double oldestAgeSeconds) {
  }

  public Backlog backlog() {
    return jdbc.queryForObject(
        "SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM audit_pending",
        (rs, n) -> new Backlog(rs.getLong(1), Math.max(0, rs.getDouble(2))));
  }

  public boolean hasPending() {
    return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM audit_pending)", Boolean.class));
  }

  /** Inserts entries {@code first, first+1, ...} and their private parts, in one statement each. */
  public void insertEntries(long first, List<Pending> pending, Instant sequencedAt) {
    int n = pending.size();
    jdbc.execute((ConnectionCallback<Void>) con -> {
      Long[] idx = new Long[n];
      byte[][] entry = new byte[n][];
      Integer[] type = new Integer[n];
      Long[] pendingId = new Long[n];
      Timestamp[] recorded = new Timestamp[n];
      byte[][] salt = new byte[n][];
      String[] priv = new String[n];
      for (int i = 0; i < n; i++) {
        Pending p = pending.get(i);
        idx[i] = first + i;
        entry[i] = p.entry();
        type[i] = p.typeCode();
        pendingId[i] = p.id();
        recorded[i] = p.recordedAt();
        salt[i] = p.salt();
        priv[i] = p.privateFields();
      }
      Array idxArray = con.createArrayOf("bigint", idx);
      try (PreparedStatement ps = con.prepareStatement("""
          INSERT INTO audit_entry (idx, entry, type_code, pending_id, recorded_at, sequenced_at)
          SELECT u.*, ? FROM unnest(?::bigint[], ?::bytea[], ?::integer[], ?::bigint[], ?::timestamptz[]) AS u""")) {
        ps.setTimestamp(1, Timestamp.from(sequencedAt));
        ps.setArray(2, idxArray);
        ps.setArray(3, con.createArrayOf("bytea", entry));
        ps.setArray(4, con.createArrayOf("integer", type));
        ps.setArray(5, con.createArrayOf("bigint", pendingId));
        ps.setArray(6, con.createArrayOf("timestamptz", recorded));
        ps.executeUpdate();
      }
      try (PreparedStatement ps = con.prepareStatement("""
          INSERT INTO audit_private (idx, salt, private_fields)
          SELECT * FROM unnest(?::bigint[], ?::bytea[], ?::text[])""")) {
        ps.setArray(1, idxArray);
        ps.setArray(2, con.createArrayOf("bytea", salt));
        ps.setArray(3, con.createArrayOf("text", priv));
        ps.executeUpdate();
      }
      return null;
    });
  }

  /**
   * Inserts entries {@code first, first+1, ...} rebuilt from the tile archive: public bytes only (an
   * entry bundle has no salt nor private fields, so no audit_private row), each with the type code and
   * time its own JSON carries and a pending id of {@code -(index + 1)}, which no pending entry has.
   */
  public void insertRebuiltEntries(long first, List<byte[]> entries, List<Integer> typeCodes,
      List<Instant> recordedAt, Instant sequencedAt) {
    int n = entries.size();
    jdbc.execute((ConnectionCallback<Void>) con -> {
      Long[] idx = new Long[n];
      Long[] pendingId = new Long[n];
      Timestamp[] recorded = new Timestamp[n];
      for (int i = 0; i < n; i++) {
        idx[i] = first + i;
        pendingId[i] = -(first + i + 1);
        recorded[i] = Timestamp.from(recordedAt.get(i));
      }
      try (PreparedStatement ps = con.prepareStatement("""
          INSERT INTO audit_entry (idx, entry, type_code, pending_id, recorded_at, sequenced_at)
          SELECT u.*, ? FROM unnest(?::bigint[], ?::bytea[], ?::integer[], ?::bigint[], ?::timestamptz[]) AS u""")) {
        ps.setTimestamp(1, Timestamp.from(sequencedAt));
        ps.setArray(2, con.createArrayOf("bigint", idx));
        ps.setArray(3, con.createArrayOf("bytea", entries.toArray(byte[][]::new)));
        ps.setArray(4, con.createArrayOf("integer", typeCodes.toArray(Integer[]::new)));
        ps.setArray(5, con.createArrayOf("bigint", pendingId));
        ps.setArray(6, con.createArrayOf("timestamptz", recorded));
        ps.executeUpdate();
      }
      return null;
    });
  }

  /**
   * Removes pending entries whose bytes are among {@code entries}: entries that were pending when a
   * database backup was taken, sequenced afterwards, and rebuilt from the tile archive with their index.
   */
  public int deletePendingEntries(List<byte[]> entries) {
    return jdbc.execute((ConnectionCallback<Integer>) con -> {
      try (PreparedStatement ps = con.prepareStatement("DELETE FROM audit_pending WHERE entry = ANY(?::bytea[])")) {
        ps.setArray(1, con.createArrayOf("bytea", entries.toArray(byte[][]::new)));
        return ps.executeUpdate();
      }
    });
  }

  /** The log index a pending entry was given, if it has been sequenced. */
  public Optional<Long> indexOfPending(long pendingId) {
    return jdbc.query("SELECT idx FROM audit_entry WHERE pending_id = ?", (rs, n) -> rs.getLong(1), pendingId)
        .stream().findFirst();
  }

  /** Entries {@code [start, end)} in index order (fewer if some are missing from storage). */
  public List<AuditLog.PublicEntry> entries(long start, long end) {
    return jdbc.query("SELECT idx, entry FROM audit_entry WHERE idx >= ? AND idx < ? ORDER BY idx",
        (rs, n) -> new AuditLog.PublicEntry(rs.getLong(1), rs.getBytes(2)), start, end);
  }

  /** Entries {@code [start, end)} newest first. */
  public List<AuditLog.PublicEntry> entriesDescending(long start, long end) {
    return jdbc.query("SELECT idx, entry FROM audit_entry WHERE idx >= ? AND idx < ? ORDER BY idx DESC",
        (rs, n) -> new AuditLog.PublicEntry(rs.getLong(1), rs.getBytes(2)), start, end);
  }

  /** Entries of one type at or below index {@code top}, newest first, at most {@code limit} (index V203). */
  public List<AuditLog.PublicEntry> entriesOfTypeDescending(int typeCode, long top, int limit) {
    return jdbc.query("SELECT idx, entry FROM audit_entry WHERE type_code = ? AND idx <= ? ORDER BY idx DESC LIMIT ?",
        (rs, n) -> new AuditLog.PublicEntry(rs.getLong(1), rs.getBytes(2)), typeCode, top, limit);
  }

  /** Just the entry bytes of {@code [start, end)}, for entry bundles. */
  public List<byte[]> entryBytes(long start, long end) {
    return jdbc.query("SELECT entry FROM audit_entry WHERE idx >= ? AND idx < ? ORDER BY idx",
        (rs, n) -> rs.getBytes(1), start, end);
  }

  /**
   * Entries from index {@code start} upwards with their private fields (null where none is stored),
   * at most {@code limit}: the committed entries are contiguous, so this never skips one. Both tables
   * are bounded to {@code [start, start + limit)}: with the bound on {@code audit_entry} alone, the
   * outer join was planned as a merge join reading {@code audit_private} from index 0 on every page,
   * so reading a 1,000,000-entry log page by page took minutes (docs/BENCHMARKS.md, issue 16).
   */
  public List<AuditLog.PrivateEntry> entriesWithPrivateFields(long start, int limit) {
    long end = start + limit;
    return jdbc.query("""
            SELECT e.idx, e.entry, p.private_fields FROM audit_entry e
            LEFT JOIN audit_private p ON p.idx = e.idx AND p.idx >= ? AND p.idx < ?
            WHERE e.idx >= ? AND e.idx < ? ORDER BY e.idx""",
        (rs, n) -> new AuditLog.PrivateEntry(rs.getLong(1), rs.getBytes(2), rs.getString(3)), start, end, start, end);
  }

  /** Entries of these types below index {@code before}, newest first, with their private fields (index V203). */
  public List<AuditLog.PrivateEntry> entriesWithPrivateFieldsBefore(int[] typeCodes, long before, int limit) {
    Integer[] codes = java.util.Arrays.stream(typeCodes).boxed().toArray(Integer[]::new);
    return jdbc.execute((ConnectionCallback<List<AuditLog.PrivateEntry>>) con -> {
      try (PreparedStatement ps = con.prepareStatement("""
          SELECT e.idx, e.entry, p.private_fields FROM audit_entry e
          LEFT JOIN audit_private p ON p.idx = e.idx AND p.idx < ?
          WHERE e.type_code = ANY(?) AND e.idx < ? ORDER BY e.idx DESC LIMIT ?""")) {
        // p.idx < before: without it the outer join may read audit_private from its start (see above)
        ps.setLong(1, before);
        ps.setArray(2, con.createArrayOf("integer", codes));
        ps.setLong(3, before);
        ps.setInt(4, limit);
        List<AuditLog.PrivateEntry> out = new ArrayList<>();
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new AuditLog.PrivateEntry(rs.getLong(1), rs.getBytes(2), rs.getString(3)));
          }
        }
        return out;
      }
    });
  }

  public Optional<PrivatePart> privatePart(long index) {
    return jdbc.query("SELECT salt, private_fields FROM audit_private WHERE idx = ?",
        (rs, n) -> new PrivatePart(rs.getBytes(1), rs.getString(2)), index).stream().findFirst();
  }

  public void insertCheckpoint(AuditLog.SignedCheckpoint c) {
    jdbc.update("INSERT INTO audit_checkpoint (size, root_hash, note, signed_at) VALUES (?, ?, ?, ?)",
        c.size(), c.rootHash(), c.note(), Timestamp.from(c.signedAt()));
  }

  public Optional<AuditLog.SignedCheckpoint> latestCheckpoint() {
    return jdbc.query("SELECT size, root_hash, note, signed_at FROM audit_checkpoint ORDER BY size DESC LIMIT 1",
        (rs, n) -> new AuditLog.SignedCheckpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3),
            rs.getTimestamp(4).toInstant())).stream().findFirst();
  }

  /** Signed entries of a type recorded since {@code since}, per UTC day. */
  public java.util.Map<java.time.LocalDate, Long> countPerDay(int typeCode, Instant since, long size) {
    java.util.Map<java.time.LocalDate, Long> out = new java.util.TreeMap<>();
    jdbc.query("""
            SELECT (recorded_at AT TIME ZONE 'UTC')::date, count(*) FROM audit_entry
            WHERE type_code = ? AND recorded_at >= ? AND idx < ? GROUP BY 1""",
        (rs, n) -> out.put(rs.getObject(1, java.time.LocalDate.class), rs.getLong(2)),
        typeCode, Timestamp.from(since), size);
    return out;
  }

  /**
   * Signed entries of a type whose public {@code time} is in [{@code from}, {@code until}): the time
   * anyone recounting from the public log reads (a year of the annual misuse report).
   */
  public long count(int typeCode, Instant from, Instant until, long size) {
    return jdbc.queryForObject("""
            SELECT count(*) FROM audit_entry WHERE type_code = ? AND idx < ?
            AND (convert_from(entry, 'UTF8')::jsonb ->> 'time')::timestamptz >= ?
            AND (convert_from(entry, 'UTF8')::jsonb ->> 'time')::timestamptz < ?""",
        Long.class, typeCode, size, Timestamp.from(from), Timestamp.from(until));
  }

  /** Like {@link #count(int, Instant, Instant, long)}, grouped by a public field's value. */
  public java.util.Map<String, Long> countByField(int typeCode, String field, Instant from, Instant until, long size) {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    jdbc.query("""
            SELECT coalesce(e ->> ?, ''), count(*)
            FROM (SELECT convert_from(entry, 'UTF8')::jsonb AS e FROM audit_entry WHERE type_code = ? AND idx < ?) t
            WHERE (e ->> 'time')::timestamptz >= ? AND (e ->> 'time')::timestamptz < ? GROUP BY 1""",
        (rs, n) -> out.put(rs.getString(1), rs.getLong(2)), field, typeCode, size, Timestamp.from(from),
        Timestamp.from(until));
    return out;
  }

  /** Signed entries of a type recorded since {@code since}, grouped by a public field's value. */
  public java.util.Map<String, Long> countByField(int typeCode, String field, Instant since, long size) {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    jdbc.query("""
            SELECT coalesce(convert_from(entry, 'UTF8')::jsonb ->> ?, ''), count(*) FROM audit_entry
            WHERE type_code = ? AND recorded_at >= ? AND idx < ? GROUP BY 1""",
        (rs, n) -> out.put(rs.getString(1), rs.getLong(2)), field, typeCode, Timestamp.from(since), size);
    return out;
  }
}
