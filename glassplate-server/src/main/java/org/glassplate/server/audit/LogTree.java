package org.glassplate.server.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.glassplate.log.HashReader;
import org.glassplate.log.Merkle;
import org.glassplate.log.MerkleAccumulator;
import org.glassplate.log.tiles.TilePath;

/**
 * The right edge of the log's Merkle tree, kept in memory by the sequencer: the compact range
 * ({@link MerkleAccumulator}) and, at each tile level, the hashes of the rightmost, not yet full,
 * tile (c2sp.org/tlog-tiles). Appending collects the tiles that changed so that they are written in
 * the same transaction as the entries. Not thread-safe: the sequencer thread alone uses it.
 */
final class LogTree {
  /** Tile levels 0..7 hold tree levels 0, 8, ..., 56: enough for any 64-bit size. */
  static final int TILE_LEVELS = 8;
  private static final int FULL = TilePath.FULL_WIDTH * Merkle.HASH_SIZE;

  /** A tile that changed: its level, index and all its hashes so far. */
  record Tile(int level, long index, byte[] hashes) {
    boolean full() {
      return hashes.length == FULL;
    }
  }

  private final MerkleAccumulator accumulator;
  private final byte[][] edge = new byte[TILE_LEVELS][FULL];
  private final int[] width = new int[TILE_LEVELS];
  private final boolean[] edgeChanged = new boolean[TILE_LEVELS];
  private final List<Tile> completed = new ArrayList<>();

  private LogTree(MerkleAccumulator accumulator) {
    this.accumulator = accumulator;
  }

  static LogTree empty() {
    return new LogTree(new MerkleAccumulator());
  }

  /**
   * Resumes the tree of {@code size} leaves from stored tiles.
   *
   * @param rightTile the stored rightmost tile of a level: (level, index) to its hashes, or null
   * @throws IllegalStateException if a stored right-edge tile does not have the width the size implies
   */
  static LogTree resume(long size, HashReader stored, TileSource rightTile) {
    LogTree t = new LogTree(MerkleAccumulator.resume(size, stored));
    for (int level = 0; level < TILE_LEVELS; level++) {
      long nodes = size >>> (8 * level);
      int w = (int) (nodes & 0xFF);
      if (w == 0) {
        continue;
      }
      long index = nodes >>> 8;
      byte[] hashes = rightTile.tile(level, index);
      if (hashes == null || hashes.length != w * Merkle.HASH_SIZE) {
        throw new IllegalStateException("stored tile " + TilePath.hashTile(level, index, w) + " has "
            + (hashes == null ? "no hashes" : hashes.length / Merkle.HASH_SIZE + " hashes") + ", the tree size "
            + size + " needs " + w);
      }
      System.arraycopy(hashes, 0, t.edge[level], 0, hashes.length);
      t.width[level] = w;
    }
    return t;
  }

  /** Reads one stored tile, all hashes it has. */
  @FunctionalInterface
  interface TileSource {
    byte[] tile(int level, long index);
  }

  long size() {
    return accumulator.size();
  }

  byte[] root() {
    return accumulator.root();
  }

  /** Appends one leaf hash. */
  void append(byte[] leafHash) {
    accumulator.append(leafHash, this::completed);
  }

  private void completed(int level, long index, byte[] hash) {
    if (level % 8 != 0) {
      return;
    }
    int l = level / 8;
    int pos = (int) (index & 0xFF);
    if (pos != width[l]) {
      throw new IllegalStateException("tile level " + l + " expected hash " + width[l] + ", got " + pos);
    }
    System.arraycopy(hash, 0, edge[l], pos * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
    width[l]++;
    if (width[l] == TilePath.FULL_WIDTH) {
      completed.add(new Tile(l, index >>> 8, edge[l].clone()));
      width[l] = 0;
      edgeChanged[l] = false;
    } else {
      edgeChanged[l] = true;
    }
  }

  /** The tiles changed since the last call: the ones that became full, then the grown partial ones. */
  List<Tile> takeChangedTiles() {
    List<Tile> out = new ArrayList<>(completed);
    completed.clear();
    for (int l = 0; l < TILE_LEVELS; l++) {
      if (edgeChanged[l]) {
        long index = (accumulator.size() >>> (8 * l)) >>> 8;
        out.add(new Tile(l, index, Arrays.copyOf(edge[l], width[l] * Merkle.HASH_SIZE)));
        edgeChanged[l] = false;
      }
    }
    return out;
  }
}
