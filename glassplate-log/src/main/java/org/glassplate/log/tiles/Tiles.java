package org.glassplate.log.tiles;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.glassplate.log.Merkle;

/**
 * Codecs of c2sp.org/tlog-tiles: a hash tile is its hashes concatenated (32 bytes each, 256 in
 * a full tile); an entry bundle is its entries, each a big-endian uint16 length followed by that
 * many bytes. Decoding is strict: a byte too many or too few is an error.
 */
public final class Tiles {
  /** Largest entry an entry bundle can hold (uint16 length prefix). */
  public static final int MAX_ENTRY_SIZE = 0xFFFF;

  private Tiles() {}

  /** Concatenates 1 to 256 hashes into a hash tile. */
  public static byte[] encodeHashTile(List<byte[]> hashes) {
    checkWidth(hashes.size());
    byte[] out = new byte[hashes.size() * Merkle.HASH_SIZE];
    for (int i = 0; i < hashes.size(); i++) {
      byte[] h = hashes.get(i);
      if (h == null || h.length != Merkle.HASH_SIZE) {
        throw new IllegalArgumentException("hash " + i + ": got " + (h == null ? "null" : h.length + " bytes")
            + ", want 32");
      }
      System.arraycopy(h, 0, out, i * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
    }
    return out;
  }

  /**
   * Splits a hash tile of {@code width} hashes.
   *
   * @throws IllegalArgumentException unless it is exactly {@code width * 32} bytes
   */
  public static List<byte[]> decodeHashTile(byte[] tile, int width) {
    checkWidth(width);
    if (tile.length != width * Merkle.HASH_SIZE) {
      throw new IllegalArgumentException("hash tile of width " + width + ": got " + tile.length
          + " bytes, want " + width * Merkle.HASH_SIZE);
    }
    List<byte[]> out = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      out.add(Arrays.copyOfRange(tile, i * Merkle.HASH_SIZE, (i + 1) * Merkle.HASH_SIZE));
    }
    return out;
  }

  /** Encodes entries (each at most 65,535 bytes) as an entry bundle. */
  public static byte[] encodeEntryBundle(List<byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < entries.size(); i++) {
      byte[] e = entries.get(i);
      if (e.length > MAX_ENTRY_SIZE) {
        throw new IllegalArgumentException("entry " + i + " has " + e.length + " bytes, at most "
            + MAX_ENTRY_SIZE + " fit in an entry bundle");
      }
      out.write(e.length >>> 8);
      out.write(e.length & 0xFF);
      out.write(e, 0, e.length);
    }
    return out.toByteArray();
  }

  /**
   * Splits an entry bundle into its entries.
   *
   * @throws IllegalArgumentException if the last length prefix or entry is cut short
   */
  public static List<byte[]> decodeEntryBundle(byte[] bundle) {
    List<byte[]> out = new ArrayList<>();
    int p = 0;
    while (p < bundle.length) {
      if (p + 2 > bundle.length) {
        throw new IllegalArgumentException("entry bundle: entry " + out.size() + " at byte " + p
            + " has a truncated length prefix");
      }
      int len = (bundle[p] & 0xFF) << 8 | (bundle[p + 1] & 0xFF);
      p += 2;
      if (p + len > bundle.length) {
        throw new IllegalArgumentException("entry bundle: entry " + out.size() + " claims " + len
            + " bytes, only " + (bundle.length - p) + " remain");
      }
      out.add(Arrays.copyOfRange(bundle, p, p + len));
      p += len;
    }
    return out;
  }

  /**
   * Splits an entry bundle that must hold exactly {@code width} entries.
   *
   * @throws IllegalArgumentException if it is malformed or holds another number of entries
   */
  public static List<byte[]> decodeEntryBundle(byte[] bundle, int width) {
    checkWidth(width);
    List<byte[]> entries = decodeEntryBundle(bundle);
    if (entries.size() != width) {
      throw new IllegalArgumentException("entry bundle: got " + entries.size() + " entries, want " + width);
    }
    return entries;
  }

  /**
   * The root of a full tile's subtree: the Merkle hash of its 256 hashes, which is the hash that
   * the tile at the next level holds for it (tlog-tiles, "Merkle Tree").
   */
  public static byte[] tileRoot(byte[] fullTile) {
    if (fullTile.length != TilePath.FULL_WIDTH * Merkle.HASH_SIZE) {
      throw new IllegalArgumentException("tile root needs a full tile of 8192 bytes, got " + fullTile.length);
    }
    return subtreeRoot(fullTile, 0, TilePath.FULL_WIDTH);
  }

  /** The Merkle hash of {@code count} (a power of two) consecutive hashes in {@code hashes} from hash {@code first}. */
  static byte[] subtreeRoot(byte[] hashes, int first, int count) {
    byte[][] level = new byte[count][];
    for (int i = 0; i < count; i++) {
      int from = (first + i) * Merkle.HASH_SIZE;
      level[i] = Arrays.copyOfRange(hashes, from, from + Merkle.HASH_SIZE);
    }
    for (int n = count; n > 1; n /= 2) {
      for (int i = 0; i < n / 2; i++) {
        level[i] = Merkle.nodeHash(level[2 * i], level[2 * i + 1]);
      }
    }
    return level[0];
  }

  private static void checkWidth(int width) {
    if (width < 1 || width > TilePath.FULL_WIDTH) {
      throw new IllegalArgumentException("tile width " + width + " is out of range 1..256");
    }
  }
}
