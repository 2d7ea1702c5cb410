package org.glassplate.log.tiles;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.glassplate.log.HashReader;
import org.glassplate.log.Merkle;

/**
 * Reads complete-subtree hashes of a tree of known size from its tlog-tiles hash tiles, so that
 * {@link org.glassplate.log.Proofs} can compute roots and proofs from tiles alone (as tlog-tiles
 * intends: "Clients can fetch all the tiles they need ... and compute any desired proof").
 *
 * <p>A node at tree level {@code h} lives in tile level {@code h / 8}; when {@code h % 8 != 0} it
 * is hashed from the {@code 2^(h % 8)} tile hashes below it. Tiles are fetched once and cached,
 * with the subtree hashes inside them once computed, so that repeated proofs cost lookups only;
 * the width asked for is the one the tree size implies (256, or the partial width).
 */
public final class TileHashReader implements HashReader {

  /** Fetches the hash tile at {@code level} and {@code index} with {@code width} hashes (256 = full). */
  @FunctionalInterface
  public interface TileFetcher {
    byte[] fetch(int level, long index, int width);
  }

  private record Key(int level, long index, int width) {}

  /** A fetched tile and, once needed, the hashes of the complete subtrees inside it. */
  private static final class TileNodes {
    private final byte[] hashes;
    private volatile byte[][] inner; // inner[s]: the complete nodes 2^s tile hashes wide, s = 1..7

    TileNodes(byte[] hashes) {
      this.hashes = hashes;
    }

    byte[] node(int below, int offset) {
      if (below == 0) {
        return Arrays.copyOfRange(hashes, offset * Merkle.HASH_SIZE, (offset + 1) * Merkle.HASH_SIZE);
      }
      byte[][] in = inner;
      if (in == null) {
        in = computeInner();
      }
      int i = offset >> below;
      return Arrays.copyOfRange(in[below], i * Merkle.HASH_SIZE, (i + 1) * Merkle.HASH_SIZE);
    }

    private synchronized byte[][] computeInner() {
      if (inner != null) {
        return inner;
      }
      byte[][] in = new byte[8][];
      byte[] below = hashes;
      for (int s = 1; s < 8; s++) {
        int n = below.length / Merkle.HASH_SIZE / 2;
        byte[] up = new byte[n * Merkle.HASH_SIZE];
        byte[] l = new byte[Merkle.HASH_SIZE];
        byte[] r = new byte[Merkle.HASH_SIZE];
        for (int i = 0; i < n; i++) {
          System.arraycopy(below, 2 * i * Merkle.HASH_SIZE, l, 0, Merkle.HASH_SIZE);
          System.arraycopy(below, (2 * i + 1) * Merkle.HASH_SIZE, r, 0, Merkle.HASH_SIZE);
          System.arraycopy(Merkle.nodeHash(l, r), 0, up, i * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
        }
        in[s] = up;
        below = up;
      }
      inner = in;
      return in;
    }
  }

  private final long treeSize;
  private final TileFetcher fetcher;
  private final Map<Key, TileNodes> cache = new ConcurrentHashMap<>();

  public TileHashReader(long treeSize, TileFetcher fetcher) {
    if (treeSize < 0) {
      throw new IllegalArgumentException("negative tree size " + treeSize);
    }
    this.treeSize = treeSize;
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
  }

  public long treeSize() {
    return treeSize;
  }

  @Override
  public byte[] nodeHash(int level, long index) {
    if (level < 0 || level > 63 || index < 0 || index >= (treeSize >>> level)) {
      throw new IllegalArgumentException("node (" + level + ", " + index + ") is not a complete subtree of a tree of size " + treeSize);
    }
    int tileLevel = level / 8;
    int below = level % 8;
    long position = index << below; // index of the first covered hash at tile level
    long tileIndex = position >>> 8;
    int offset = (int) (position & 0xFF);
    int width = TilePath.widthAt(tileLevel, tileIndex, treeSize);
    return tile(tileLevel, tileIndex, width).node(below, offset);
  }

  private TileNodes tile(int level, long index, int width) {
    return cache.computeIfAbsent(new Key(level, index, width), k -> {
      byte[] t = fetcher.fetch(k.level(), k.index(), k.width());
      if (t == null || t.length != k.width() * Merkle.HASH_SIZE) {
        throw new IllegalStateException(TilePath.hashTile(k.level(), k.index(), k.width() % TilePath.FULL_WIDTH)
            + ": got " + (t == null ? "no tile" : t.length + " bytes") + ", want " + k.width() * Merkle.HASH_SIZE);
      }
      return new TileNodes(t);
    });
  }
}
