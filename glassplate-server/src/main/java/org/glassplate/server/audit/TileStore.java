package org.glassplate.server.audit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassplate.log.HashReader;
import org.glassplate.log.Merkle;
import org.glassplate.log.tiles.TileHashReader;
import org.glassplate.log.tiles.TilePath;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The log's Merkle tree as c2sp.org/tlog-tiles hash tiles in table {@code audit_tile}, so that
 * tiles, roots and proofs are served without recomputing the tree. A tile only grows, and a prefix
 * of it never changes (the table's trigger enforces it), so what is read is cached: full tiles for
 * good, a partial one as long as it is wide enough for the width asked.
 */
@Repository
class TileStore {
  private final JdbcTemplate jdbc;
  private final Map<Long, byte[]> cache;

  TileStore(JdbcTemplate jdbc, AuditSettings settings) {
    this.jdbc = jdbc;
    int max = settings.tileCacheTiles();
    this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
        return size() > max;
      }
    };
  }

  private static long key(int level, long index) {
    return ((long) level << 56) | index;
  }

  /**
   * The first {@code width} hashes of tile ({@code level}, {@code index}), or null if the store
   * does not have that many.
   */
  byte[] read(int level, long index, int width) {
    int want = width * Merkle.HASH_SIZE;
    long k = key(level, index);
    byte[] hashes;
    synchronized (cache) {
      hashes = cache.get(k);
    }
    if (hashes == null || hashes.length < want) {
      hashes = readStored(level, index);
      if (hashes == null) {
        return null;
      }
      synchronized (cache) {
        cache.put(k, hashes);
      }
    }
    if (hashes.length < want) {
      return null;
    }
    return hashes.length == want ? hashes : Arrays.copyOf(hashes, want);
  }

  /** All hashes the stored tile has now, uncached. */
  byte[] readStored(int level, long index) {
    List<byte[]> rows = jdbc.query("SELECT hashes FROM audit_tile WHERE level = ? AND idx = ?",
        (rs, n) -> rs.getBytes(1), level, index);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** Writes tiles that grew, in the caller's transaction. */
  void write(List<LogTree.Tile> tiles) {
    if (tiles.isEmpty()) {
      return;
    }
    jdbc.batchUpdate("""
            INSERT INTO audit_tile (level, idx, hashes) VALUES (?, ?, ?)
            ON CONFLICT (level, idx) DO UPDATE SET hashes = EXCLUDED.hashes""",
        tiles, tiles.size(), (ps, t) -> {
          ps.setInt(1, t.level());
          ps.setLong(2, t.index());
          ps.setBytes(3, t.hashes());
        });
  }

  /**
   * Complete-subtree hashes of the tree of {@code size} leaves, read from the stored tiles (the
   * widths that size implies).
   */
  HashReader reader(long size) {
    return new TileHashReader(size, (level, index, width) -> {
      byte[] t = read(level, index, width);
      if (t == null) {
        throw new IllegalStateException("the audit log is missing tile " + TilePath.hashTile(level, index,
            width % TilePath.FULL_WIDTH) + " of tree size " + size);
      }
      return t;
    });
  }

  /** Forgets cached tiles: after the sequencer restarts, storage may have been restored or changed. */
  void clearCache() {
    synchronized (cache) {
      cache.clear();
    }
  }
}
