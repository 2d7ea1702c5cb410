package org.glassplate.server.audit.internal;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL of table {@code audit_tile}: the log's hash tiles (c2sp.org/tlog-tiles). Runs in the caller's transaction. */
@Repository
public class TileRows {
  private final JdbcTemplate jdbc;

  public TileRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One tile's hashes at its level and index. */
  public record Row(int level, long index, byte[] hashes) {
  }

  /** All hashes the stored tile has, or null if there is none. */
  public byte[] hashes(int level, long index) {
    List<byte[]> rows = jdbc.query("SELECT hashes FROM audit_tile WHERE level = ? AND idx = ?",
        (rs, n) -> rs.getBytes(1), level, index);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** Writes tiles that grew (a stored tile is replaced by its longer self). */
  public void upsert(List<Row> tiles) {
    jdbc.batchUpdate("""
            INSERT INTO audit_tile (level, idx, hashes) VALUES (?, ?, ?)
            ON CONFLICT (level, idx) DO UPDATE SET hashes = EXCLUDED.hashes""",
        tiles, tiles.size(), (ps, t) -> {
          ps.setInt(1, t.level());
          ps.setLong(2, t.index());
          ps.setBytes(3, t.hashes());
        });
  }
}
