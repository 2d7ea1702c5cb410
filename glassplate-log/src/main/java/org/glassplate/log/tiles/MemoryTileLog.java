package org.glassplate.log.tiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.glassplate.log.HashReader;
import org.glassplate.log.Merkle;
import org.glassplate.log.MerkleAccumulator;

/**
 * A whole tlog-tiles log in memory: entries, hash tiles of every level and entry bundles, for any
 * path a client may ask at the current size. The reference layout that tests and benchmarks
 * serve, and a mirror an auditor can fill from fetched entries. Not thread-safe for appends;
 * reads may run concurrently once appends are done.
 */
public final class MemoryTileLog {
  private final MerkleAccumulator tree = new MerkleAccumulator();
  private final List<byte[]> entries = new ArrayList<>();
  // hashes[L] holds the hashes of tile level L back to back: the tree's nodes at level 8*L.
  private final List<Hashes> hashes = new ArrayList<>();

  /** Appends an entry (at most 65,535 bytes) and returns its index. */
  public long append(byte[] entry) {
    if (entry.length > Tiles.MAX_ENTRY_SIZE) {
      throw new IllegalArgumentException("entry has " + entry.length + " bytes, at most " + Tiles.MAX_ENTRY_SIZE);
    }
    long index = tree.size();
    entries.add(entry.clone());
    tree.append(Merkle.leafHash(entry), (level, i, hash) -> {
      if (level % 8 == 0) {
        int tileLevel = level / 8;
        while (hashes.size() <= tileLevel) {
          hashes.add(new Hashes());
        }
        hashes.get(tileLevel).add(i, hash);
      }
    });
    return index;
  }

  public long size() {
    return tree.size();
  }

  public byte[] root() {
    return tree.root();
  }

  /** The entry at {@code index}. */
  public byte[] entry(long index) {
    return entries.get(Math.toIntExact(index)).clone();
  }

  /**
   * The hash tile at {@code level} and {@code index} with {@code width} hashes (256 = full).
   *
   * @throws IllegalArgumentException if the log does not (yet) have those hashes
   */
  public byte[] hashTile(int level, long index, int width) {
    Hashes h = level < hashes.size() ? hashes.get(level) : null;
    long first = index * TilePath.FULL_WIDTH;
    if (h == null || width < 1 || width > TilePath.FULL_WIDTH || first + width > h.count) {
      throw new IllegalArgumentException("no hash tile " + level + "/" + index + " of width " + width
          + " at size " + size());
    }
    return h.slice(first, width);
  }

  /** The entry bundle {@code index} with {@code width} entries (256 = full). */
  public byte[] entryBundle(long index, int width) {
    long first = index * TilePath.FULL_WIDTH;
    if (width < 1 || width > TilePath.FULL_WIDTH || first + width > entries.size()) {
      throw new IllegalArgumentException("no entry bundle " + index + " of width " + width + " at size " + size());
    }
    int from = Math.toIntExact(first);
    return Tiles.encodeEntryBundle(entries.subList(from, from + width));
  }

  /** The bytes at a tile or entry bundle path, or null if the log has no such resource. */
  public byte[] get(String path) {
    TilePath t;
    try {
      t = TilePath.parse(path);
    } catch (IllegalArgumentException e) {
      return null;
    }
    try {
      return t.entryBundle() ? entryBundle(t.index(), t.width()) : hashTile(t.level(), t.index(), t.width());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A reader of complete-subtree hashes at the current size, computed from the tiles. */
  public HashReader hashReader() {
    return new TileHashReader(size(), this::hashTile);
  }

  /** Growable flat array of 32-byte hashes; avoids a million small arrays in big benchmarks. */
  private static final class Hashes {
    private byte[] data = new byte[TilePath.FULL_WIDTH * Merkle.HASH_SIZE];
    private long count;

    void add(long index, byte[] hash) {
      if (index != count) {
        throw new IllegalStateException("node " + index + " appended out of order, want " + count);
      }
      int at = Math.toIntExact(count * Merkle.HASH_SIZE);
      if (at + Merkle.HASH_SIZE > data.length) {
        data = Arrays.copyOf(data, Math.toIntExact(Math.min(Integer.MAX_VALUE - 8, (long) data.length * 2)));
      }
      System.arraycopy(hash, 0, data, at, Merkle.HASH_SIZE);
      count++;
    }

    byte[] slice(long first, int n) {
      int from = Math.toIntExact(first * Merkle.HASH_SIZE);
      return Arrays.copyOfRange(data, from, from + n * Merkle.HASH_SIZE);
    }
  }
}
