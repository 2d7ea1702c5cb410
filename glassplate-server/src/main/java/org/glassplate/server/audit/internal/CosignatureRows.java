package org.glassplate.server.audit.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL of table {@code audit_cosignature}: witnesses' cosignatures of this log's checkpoints (issue 15). */
@Repository
public class CosignatureRows {
  private final JdbcTemplate jdbc;

  public CosignatureRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One stored cosignature. */
  public record Row(String witnessName, int witnessKeyId, long size, byte[] rootHash, String line, Instant receivedAt) {
  }

  /** Stores a cosignature; a second one by the same witness for the same size is ignored. */
  public void insert(Row r) {
    jdbc.update("""
            INSERT INTO audit_cosignature (witness_name, witness_key_id, size, root_hash, line, received_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
        r.witnessName(), r.witnessKeyId(), r.size(), r.rootHash(), r.line(), Timestamp.from(r.receivedAt()));
  }

  /** The cosignature lines of the checkpoint of this size and root, in witness order. */
  public List<String> lines(long size, byte[] rootHash) {
    return jdbc.query("""
            SELECT line FROM audit_cosignature WHERE size = ? AND root_hash = ?
            ORDER BY witness_name, witness_key_id""",
        (rs, n) -> rs.getString(1), size, rootHash);
  }

  /** The latest cosignature of one witness, or null. */
  public Row latest(String witnessName, int witnessKeyId) {
    List<Row> rows = jdbc.query("""
            SELECT witness_name, witness_key_id, size, root_hash, line, received_at FROM audit_cosignature
            WHERE witness_name = ? AND witness_key_id = ? ORDER BY size DESC LIMIT 1""",
        (rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getBytes(4), rs.getString(5),
            rs.getTimestamp(6).toInstant()),
        witnessName, witnessKeyId);
    return rows.isEmpty() ? null : rows.get(0);
  }
}
