package org.glassplate.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Merkle Tree Hash of RFC 9162 §2.1.1 (identical to RFC 6962 §2.1): SHA-256, leaves hashed as
 * {@code SHA-256(0x00 || entry)}, interior nodes as {@code SHA-256(0x01 || left || right)}, and
 * the empty tree as {@code SHA-256()}.
 *
 * <p>See <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>.
 */
public final class Merkle {
  /** Length in bytes of every hash in the tree. */
  public static final int HASH_SIZE = 32;

  private static final byte[] EMPTY_ROOT = sha256().digest();

  // MessageDigest instances are not thread-safe and getInstance() is slow; verifying a million
  // entries does two million hashes, so each thread keeps its own.
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Merkle::sha256);

  private Merkle() {}

  /** {@code SHA-256(0x00 || entry)}: the hash of a leaf holding {@code entry}. */
  public static byte[] leafHash(byte[] entry) {
    MessageDigest d = DIGEST.get();
    d.update((byte) 0x00);
    d.update(entry);
    return d.digest();
  }

  /** {@code SHA-256(0x00 || entry[offset, offset+length))}, without copying the entry. */
  public static byte[] leafHash(byte[] buf, int offset, int length) {
    MessageDigest d = DIGEST.get();
    d.update((byte) 0x00);
    d.update(buf, offset, length);
    return d.digest();
  }

  /** {@code SHA-256(0x01 || left || right)}: the hash of an interior node. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest d = DIGEST.get();
    d.update((byte) 0x01);
    d.update(left);
    d.update(right);
    return d.digest();
  }

  /** The root of the empty tree, {@code SHA-256()} (e3b0c442…). */
  public static byte[] emptyRoot() {
    return EMPTY_ROOT.clone();
  }

  /**
   * The Merkle Tree Hash of a tree with these leaf hashes, for any size (RFC 9162 §2.1.1).
   *
   * <p>Computed bottom-up, carrying an odd last node up unchanged; this is the same tree as the
   * RFC's split at the largest power of two smaller than the size.
   */
  public static byte[] rootOf(List<byte[]> leafHashes) {
    int n = leafHashes.size();
    if (n == 0) {
      return emptyRoot();
    }
    byte[][] level = new byte[n][];
    for (int i = 0; i < n; i++) {
      level[i] = checkHash(leafHashes.get(i), "leaf hash " + i);
    }
    while (n > 1) {
      int half = n / 2;
      for (int i = 0; i < half; i++) {
        level[i] = nodeHash(level[2 * i], level[2 * i + 1]);
      }
      if ((n & 1) == 1) {
        level[half] = level[n - 1];
        n = half + 1;
      } else {
        n = half;
      }
    }
    return level[0].clone();
  }

  static byte[] checkHash(byte[] hash, String what) {
    if (hash == null || hash.length != HASH_SIZE) {
      throw new IllegalArgumentException(
          what + ": got " + (hash == null ? "null" : hash.length + " bytes") + ", want " + HASH_SIZE + " bytes");
    }
    return hash;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
