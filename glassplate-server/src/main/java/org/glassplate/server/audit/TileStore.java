package org.glassplate.server.audit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassplate.log.HashReader;
import org.glassplate.log.Merkle;
import org.glassplate.log.tiles.TilePath;
import org.glassplate.server.audit.internal.TileRows;
import org.springframework.stereotype.Component;

/**
 * The log's Merkle tree as c2sp.org/tlog-tiles hash tiles (stored by {@link TileRows}), so that
 * tiles, roots and proofs are served without recomputing the tree. A tile only grows, and a prefix
 * of it never changes (the table's trigger enforces it), so what is read is cached: a full tile for
 * good, together with the hashes of all the subtrees inside it (a proof then costs no hashing), a
 * partial one as long as it is wide enough for the width asked.
 */
@Component
class TileStore {
  private static final int W = TilePath.FULL_WIDTH;
  private static final int H = Merkle.HASH_SIZE;

  private final TileRows rows;
  private final Map<Long, Object> cache; // a partial tile's byte[] or a full tile's Expanded

  TileStore(TileRows rows, AuditSettings settings) {
    this.rows = rows;
    int max = settings.tileCacheTiles();
    this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Object> eldest) {
        return size() > max;
      }
    };
  }

  /** A full tile and the hashes of every subtree inside it: level k (0..8) has {@code 256 >> k} of them. */
  static final class Expanded {
    private static final int[] OFFSET = {0, 256, 384, 448, 480, 496, 504, 508, 510};
    private final byte[] nodes = new byte[511 * H];

    Expanded(byte[] tile) {
      System.arraycopy(tile, 0, nodes, 0, W * H);
      for (int k = 1; k <= 8; k++) {
        for (int i = 0; i < W >> k; i++) {
          byte[] h = Merkle.nodeHash(node(k - 1, 2 * i), node(k - 1, 2 * i + 1));
          System.arraycopy(h, 0, nodes, (OFFSET[k] + i) * H, H);
        }
      }
    }

    byte[] node(int k, int i) {
      int at = (OFFSET[k] + i) * H;
      return Arrays.copyOfRange(nodes, at, at + H);
    }

    byte[] prefix(int width) {
      return Arrays.copyOf(nodes, width * H);
    }
  }

  private static long key(int level, long index) {
    return ((long) level << 56) | index;
  }

  private Object cached(long k) {
    synchronized (cache) {
      return cache.get(k);
    }
  }

  /**
   * The first {@code width} hashes of tile ({@code level}, {@code index}), or null if the store
   * does not have that many.
   */
  byte[] read(int level, long index, int width) {
    Object c = cached(key(level, index));
    if (c instanceof Expanded e) {
      return e.prefix(width);
    }
    if (c instanceof byte[] b && b.length >= width * H) {
      return b.length == width * H ? b.clone() : Arrays.copyOf(b, width * H);
    }
    byte[] stored = load(level, index);
    if (stored == null || stored.length < width * H) {
      return null;
    }
    return Arrays.copyOf(stored, width * H);
  }

  /** A full tile, expanded and cached, or null if the store does not have it full. */
  private Expanded expanded(int level, long index) {
    Object c = cached(key(level, index));
    if (c instanceof Expanded e) {
      return e;
    }
    load(level, index);
    return cached(key(level, index)) instanceof Expanded e ? e : null;
  }

  /** Reads a stored tile into the cache (expanded when full); returns its hashes or null. */
  private byte[] load(int level, long index) {
    byte[] stored = readStored(level, index);
    if (stored != null) {
      Object value = stored.length == W * H ? new Expanded(stored) : stored;
      synchronized (cache) {
        cache.put(key(level, index), value);
      }
    }
    return stored;
  }

  /** All hashes the stored tile has now, uncached. */
  byte[] readStored(int level, long index) {
    return rows.hashes(level, index);
  }

  /** Writes tiles that grew, in the caller's transaction. */
  void write(List<LogTree.Tile> tiles) {
    if (tiles.isEmpty()) {
      return;
    }
    rows.upsert(tiles.stream().map(t -> new TileRows.Row(t.level(), t.index(), t.hashes())).toList());
  }

  /**
   * Complete-subtree hashes of the tree of {@code size} leaves (the coordinates of
   * {@link HashReader}), from the stored tiles at the widths that size implies: a node at tree level
   * {@code h} is in tile level {@code h / 8}, {@code h % 8} levels above that tile's hashes.
   */
  HashReader reader(long size) {
    return (level, index) -> {
      if (level < 0 || level > 63 || index < 0 || index >= (size >>> level)) {
        throw new IllegalArgumentException("node (" + level + ", " + index + ") is not a complete subtree of a tree of size " + size);
      }
      int tileLevel = level / 8;
      int below = level % 8;
      long position = index << below;
      long tileIndex = position >>> 8;
      int offset = (int) (position & 0xFF);
      int width = TilePath.widthAt(tileLevel, tileIndex, size);
      if (width == W) {
        Expanded e = expanded(tileLevel, tileIndex);
        if (e != null) {
          return e.node(below, offset >>> below);
        }
      } else {
        byte[] t = read(tileLevel, tileIndex, width);
        if (t != null) {
          int count = 1 << below;
          if (count == 1) {
            return Arrays.copyOfRange(t, offset * H, offset * H + H);
          }
          List<byte[]> hashes = new java.util.ArrayList<>(count);
          for (int i = offset; i < offset + count; i++) {
            hashes.add(Arrays.copyOfRange(t, i * H, i * H + H));
          }
          return Merkle.rootOf(hashes);
        }
      }
      throw new IllegalStateException("the audit log is missing tile " + TilePath.hashTile(tileLevel, tileIndex,
          width % W) + " of tree size " + size);
    };
  }

  /** Forgets cached tiles: after the sequencer restarts, storage may have been restored or changed. */
  void clearCache() {
    synchronized (cache) {
      cache.clear();
    }
  }
}
