package org.glassplate.server.audit.internal;

import java.sql.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * SQL for the log's self-check (R-GOV-3): the stored checkpoints at both ends, the append-only
 * triggers as the catalog has them, and the recorded entries of chosen types. Reads only.
 */
@Repository
public class IntegrityRows {
  private final JdbcTemplate jdbc;

  public IntegrityRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The note of the stored checkpoint of the largest (or, {@code first}, the smallest) size. */
  public Optional<String> checkpointNote(boolean first) {
    return jdbc.query("SELECT note FROM audit_checkpoint ORDER BY size " + (first ? "ASC" : "DESC") + " LIMIT 1",
        (rs, n) -> rs.getString(1)).stream().findFirst();
  }

  /** One trigger of a table as pg_trigger has it: {@code enabled} is its tgenabled ('O', 'D', 'R' or 'A'). */
  public record TriggerRow(String table, String name, String enabled, String function) {
  }

  /** The user triggers on these tables of the current schema. */
  public List<TriggerRow> triggers(List<String> tables) {
    return jdbc.query("""
            SELECT c.relname, t.tgname, t.tgenabled::text, p.proname
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace
              AND c.relname = ANY(?)""",
        (rs, n) -> new TriggerRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
        (Object) tables.toArray(String[]::new));
  }

  /** The source of a plpgsql function of the current schema, or null. */
  public String functionSource(String name) {
    List<String> src = jdbc.query("""
            SELECT p.prosrc FROM pg_proc p WHERE p.proname = ? AND p.pronamespace = current_schema()::regnamespace""",
        (rs, n) -> rs.getString(1), name);
    return src.isEmpty() ? null : src.get(0);
  }

  /** A recorded entry: its log index, or -1 while it waits for one. */
  public record RecordedRow(long index, byte[] entry) {
  }

  /**
   * Entries of these types, sequenced ones in index order then those still pending in recording
   * order: one statement, so an entry moving from pending to sequenced is seen exactly once.
   */
  public void recorded(List<Integer> typeCodes, Consumer<RecordedRow> each) {
    jdbc.execute((ConnectionCallback<Void>) con -> {
      Array codes = con.createArrayOf("integer", typeCodes.toArray());
      try (var ps = con.prepareStatement("""
          SELECT 0, idx, idx, entry FROM audit_entry WHERE type_code = ANY(?)
          UNION ALL
          SELECT 1, id, -1, entry FROM audit_pending WHERE type_code = ANY(?)
          ORDER BY 1, 2""")) {
        ps.setArray(1, codes);
        ps.setArray(2, codes);
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            each.accept(new RecordedRow(rs.getLong(3), rs.getBytes(4)));
          }
        }
      }
      return null;
    });
  }

  /** Entries {@code [start, end)} of the log, in index order (fewer if some are missing). */
  public List<byte[]> entryBytes(long start, long end) {
    List<byte[]> out = new ArrayList<>((int) Math.min(256, Math.max(0, end - start)));
    jdbc.query("SELECT entry FROM audit_entry WHERE idx >= ? AND idx < ? ORDER BY idx",
        rs -> {
          out.add(rs.getBytes(1));
        }, start, end);
    return out;
  }
}
