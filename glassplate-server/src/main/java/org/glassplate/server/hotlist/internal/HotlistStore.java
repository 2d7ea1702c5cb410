package org.glassplate.server.hotlist.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.glassplate.server.hotlist.Hotlist;
import org.glassplate.server.hotlist.HotlistEntry;
import org.glassplate.server.hotlist.HotlistSource;
import org.glassplate.server.hotlist.ReasonCategory;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SQL of tables {@code hotlist} and {@code hotlist_entry}: lists, entries and their generations.
 * Runs in the caller's transaction unless said.
 */
@Repository
public class HotlistStore {
  /** Rows fetched at a time when a list's plates are streamed. */
  static final int FETCH_SIZE = 50_000;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final DataSource dataSource;
  private final TransactionTemplate tx;

  public HotlistStore(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.template = template;
    this.dataSource = dataSource;
    this.tx = tx;
  }

  /** An active entry of a current generation that confirms a candidate match, with its list's name and source. */
  public record Confirmed(long entryId, long listId, String listName, HotlistSource source, String plate,
      boolean partial, String state, ReasonCategory reason) {
    @Override
    public String toString() {
      return "Confirmed[entry=" + entryId + ", list=" + listId + "]";
    }
  }

  public long insertList(String name, HotlistSource source, long ownerId, String ownerPseudonym, String description,
      Instant now) {
    return jdbc.sql("""
            INSERT INTO hotlist (name, source, owner_id, owner_pseudonym, description, created_at)
            VALUES (:name, :source, :owner, :pseudonym, :description, :now) RETURNING id""")
        .param("name", name).param("source", source.code()).param("owner", ownerId)
        .param("pseudonym", ownerPseudonym).param("description", description)
        .param("now", Timestamp.from(now))
        .query(Long.class).single();
  }

  public Optional<Hotlist> find(long id) {
    return jdbc.sql("SELECT * FROM hotlist WHERE id = :id").param("id", id).query(HotlistStore::list).optional();
  }

  public List<Hotlist> all() {
    return jdbc.sql("SELECT * FROM hotlist ORDER BY id").query(HotlistStore::list).list();
  }

  /** Locks the list's row until the end of the transaction. */
  public void lock(long listId) {
    jdbc.sql("SELECT id FROM hotlist WHERE id = :id FOR UPDATE").param("id", listId).query(Long.class).single();
  }

  public int currentGeneration(long listId) {
    return jdbc.sql("SELECT generation FROM hotlist WHERE id = :id").param("id", listId).query(Integer.class).single();
  }

  /** Makes {@code next} the list's generation if it still is {@code previous}; returns whether it did. */
  public boolean flipGeneration(long listId, int previous, int next) {
    return jdbc.sql("UPDATE hotlist SET generation = :next WHERE id = :id AND generation = :previous")
        .param("next", next).param("id", listId).param("previous", previous).update() == 1;
  }

  public long insertEntry(long listId, int generation, String plate, boolean partial, String state,
      ReasonCategory reason, long addedBy, String addedByPseudonym, HotlistEntry.Status status, Instant expiresAt,
      Instant now) {
    return jdbc.sql("""
            INSERT INTO hotlist_entry (list_id, generation, plate, partial, state, reason, added_by,
                                       added_by_pseudonym, status, expires_at, created_at)
            VALUES (:list, :generation, :plate, :partial, :state, :reason, :by, :pseudonym, :status, :expires, :now)
            RETURNING id""")
        .param("list", listId).param("generation", generation).param("plate", plate)
        .param("partial", partial).param("state", state).param("reason", reason.code())
        .param("by", addedBy).param("pseudonym", addedByPseudonym).param("status", status.name())
        .param("expires", Timestamp.from(expiresAt)).param("now", Timestamp.from(now))
        .query(Long.class).single();
  }

  /** Approves a pending entry. */
  public void approveEntry(long entryId, long approvedBy, Instant now) {
    jdbc.sql("""
            UPDATE hotlist_entry SET status = 'ACTIVE', approved_by = :by, approved_at = :now
            WHERE id = :id AND status = 'PENDING_APPROVAL'""")
        .param("by", approvedBy).param("now", Timestamp.from(now)).param("id", entryId).update();
  }

  /** A supervisor refused a pending entry: it never matches. */
  public void refuseEntry(long entryId, long refusedBy, String reason) {
    jdbc.sql("""
            UPDATE hotlist_entry SET status = 'REFUSED', refused_by = :by, refusal_reason = :reason
            WHERE id = :id AND status = 'PENDING_APPROVAL'""")
        .param("by", refusedBy).param("reason", reason).param("id", entryId).update();
  }

  public void removeEntry(long entryId) {
    jdbc.sql("UPDATE hotlist_entry SET status = 'REMOVED' WHERE id = :id").param("id", entryId).update();
  }

  public Optional<HotlistEntry> entry(long id) {
    return jdbc.sql("SELECT * FROM hotlist_entry WHERE id = :id").param("id", id).query(HotlistStore::entry).optional();
  }

  /** Entries of a list's current generation, newest first, at most {@code limit}. */
  public List<HotlistEntry> entries(long listId, int limit) {
    return jdbc.sql("""
            SELECT e.* FROM hotlist_entry e JOIN hotlist l ON l.id = e.list_id
            WHERE e.list_id = :list AND e.generation = l.generation ORDER BY e.id DESC LIMIT :limit""")
        .param("list", listId).param("limit", limit).query(HotlistStore::entry).list();
  }

  /** Entries waiting for approval, oldest first. */
  public List<HotlistEntry> pendingApproval(int limit) {
    return jdbc.sql("SELECT * FROM hotlist_entry WHERE status = 'PENDING_APPROVAL' ORDER BY id LIMIT :limit")
        .param("limit", limit).query(HotlistStore::entry).list();
  }

  /** How many entries of each active list's current generation are active and unexpired at {@code now}, by source. */
  public Map<HotlistSource, Long> activeEntriesBySource(Instant now) {
    Map<HotlistSource, Long> out = new EnumMap<>(HotlistSource.class);
    jdbc.sql("""
            SELECT l.source, count(*) AS n FROM hotlist_entry e JOIN hotlist l ON l.id = e.list_id
            WHERE l.active AND e.generation = l.generation AND e.status = 'ACTIVE' AND e.expires_at > :now
            GROUP BY l.source""").param("now", Timestamp.from(now))
        .query((rs, n) -> out.put(HotlistSource.parse(rs.getString("source")), rs.getLong("n"))).list();
    return out;
  }

  /** How many entries of a generation of a list are active. */
  public long countActive(long listId, int generation) {
    return jdbc.sql("""
            SELECT count(*) FROM hotlist_entry WHERE list_id = :list AND generation = :g AND status = 'ACTIVE'""")
        .param("list", listId).param("g", generation).query(Long.class).single();
  }

  /**
   * Streams the plates of the active, unexpired entries of one generation of a list, in a
   * transaction of its own, so that the driver fetches them with a cursor instead of all at once.
   */
  public void forEachActivePlate(long listId, int generation, Instant now, Consumer<String> plate) {
    tx.executeWithoutResult(status -> template.query(con -> {
      var ps = con.prepareStatement("""
          SELECT plate FROM hotlist_entry
          WHERE list_id = ? AND generation = ? AND status = 'ACTIVE' AND expires_at > ?""");
      ps.setFetchSize(FETCH_SIZE);
      ps.setLong(1, listId);
      ps.setInt(2, generation);
      ps.setTimestamp(3, Timestamp.from(now));
      return ps;
    }, rs -> {
      plate.accept(rs.getString(1));
    }));
  }

  /** Active, unexpired entries of current generations of active lists of {@code sources} with these plates. */
  public List<Confirmed> confirm(String[] plates, Long[] lists, String[] sources, Instant now) {
    return jdbc.sql("""
            SELECT e.id, e.list_id, l.name, l.source, e.plate, e.partial, e.state, e.reason
            FROM hotlist_entry e JOIN hotlist l ON l.id = e.list_id
            WHERE e.plate = ANY(:plates) AND e.list_id = ANY(:lists) AND e.status = 'ACTIVE'
              AND e.expires_at > :now AND e.generation = l.generation AND l.active AND l.source = ANY(:sources)""")
        .param("plates", plates)
        .param("lists", lists)
        .param("now", Timestamp.from(now))
        .param("sources", sources)
        .query((rs, n) -> {
          String state = rs.getString("state");
          return new Confirmed(rs.getLong("id"), rs.getLong("list_id"), rs.getString("name"),
              HotlistSource.parse(rs.getString("source")), rs.getString("plate"), rs.getBoolean("partial"),
              state == null ? null : state.trim(), ReasonCategory.parse(rs.getString("reason")));
        }).list();
  }

  /**
   * Appends one entry row to {@code sb} in the CSV form that {@link #copyEntries} takes (the columns
   * of its COPY, in order).
   */
  public static void appendCopyRow(StringBuilder sb, long listId, int generation, String plate, boolean partial,
      String state, ReasonCategory reason, long addedBy, String addedByPseudonym, String status, Instant expiresAt,
      Instant now) {
    // every value is validated (plates, codes, timestamps) or ours (pseudonym), so CSV quoting suffices
    sb.append(listId).append(',').append(generation).append(',').append(plate).append(',')
        .append(partial).append(',').append(state == null ? "" : state).append(',')
        .append(reason.code()).append(',').append(addedBy).append(",\"")
        .append(addedByPseudonym.replace("\"", "\"\"")).append("\",").append(status).append(',')
        .append(expiresAt).append(',').append(now).append('\n');
  }

  /** COPY of rows made by {@link #appendCopyRow} into hotlist_entry, on the transaction's connection. */
  public void copyEntries(CharSequence rows) {
    if (rows.isEmpty()) {
      return;
    }
    Connection con = DataSourceUtils.getConnection(dataSource);
    try (Reader r = new StringReader(rows.toString())) {
      con.unwrap(PGConnection.class).getCopyAPI().copyIn("""
          COPY hotlist_entry (list_id, generation, plate, partial, state, reason, added_by, added_by_pseudonym, status,
                              expires_at, created_at) FROM STDIN (FORMAT csv)""", r);
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("staging hot-list rows failed", e);
    } finally {
      DataSourceUtils.releaseConnection(con, dataSource);
    }
  }

  /**
   * Moves the entries staged under generation {@code staged} into {@code generation}; returns the
   * plates of those that are active.
   */
  public List<String> promoteStaged(long listId, int staged, int generation) {
    return jdbc.sql("""
            UPDATE hotlist_entry SET generation = :generation WHERE list_id = :list AND generation = :staged
            RETURNING CASE WHEN status = 'ACTIVE' THEN plate END""")
        .param("generation", generation).param("list", listId).param("staged", staged)
        .query(String.class).list().stream().filter(p -> p != null).toList();
  }

  /**
   * Deletes the rows an import staged under {@code staged} (below 0 for an append, above the current
   * generation for a replacement), never those of the list's current generation.
   */
  public int deleteStaged(long listId, int staged) {
    return jdbc.sql("""
            DELETE FROM hotlist_entry WHERE list_id = :list AND generation = :staged
              AND generation <> (SELECT generation FROM hotlist WHERE id = :list)""")
        .param("list", listId).param("staged", staged).update();
  }

  /** Deletes rows above the list's current generation: left by a replacement that failed or was cancelled. */
  public int deleteAboveCurrent(long listId) {
    return jdbc.sql("""
            DELETE FROM hotlist_entry WHERE list_id = :list
              AND generation > (SELECT generation FROM hotlist WHERE id = :list)""")
        .param("list", listId).update();
  }

  /** Deletes the entries of the list's generations before {@code generation} (staged ones, below 0, stay). */
  public int deleteGenerationsBefore(long listId, int generation) {
    return jdbc.sql("DELETE FROM hotlist_entry WHERE list_id = :list AND generation >= 0 AND generation < :g")
        .param("list", listId).param("g", generation).update();
  }

  static Hotlist list(ResultSet rs, int n) throws SQLException {
    return new Hotlist(rs.getLong("id"), rs.getString("name"), HotlistSource.parse(rs.getString("source")),
        rs.getLong("owner_id"), rs.getString("owner_pseudonym"), rs.getString("description"),
        rs.getBoolean("active"), rs.getInt("generation"), rs.getTimestamp("created_at").toInstant());
  }

  static HotlistEntry entry(ResultSet rs, int n) throws SQLException {
    Timestamp approvedAt = rs.getTimestamp("approved_at");
    String state = rs.getString("state");
    return new HotlistEntry(rs.getLong("id"), rs.getLong("list_id"), rs.getString("plate"), rs.getBoolean("partial"),
        state == null ? null : state.trim(), ReasonCategory.parse(rs.getString("reason")), rs.getLong("added_by"),
        rs.getString("added_by_pseudonym"), HotlistEntry.Status.valueOf(rs.getString("status")),
        (Long) rs.getObject("approved_by"), approvedAt == null ? null : approvedAt.toInstant(),
        rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("created_at").toInstant(),
        rs.getString("refusal_reason"));
  }
}
