package org.glassplate.log;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Merkle audit paths (inclusion proofs) and consistency proofs of RFC 9162: produced from a
 * {@link HashReader} over complete subtrees, and verified with the exact algorithms of
 * <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2">§2.1.3.2</a> and
 * <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.2">§2.1.4.2</a>.
 *
 * <p>Proof hashes are ordered as the RFC builds them: the one nearest the leaf (or the old tree)
 * first, the one nearest the root last.
 */
public final class Proofs {
  private Proofs() {}

  /**
   * The inclusion proof (audit path, RFC 9162 §2.1.3.1) of leaf {@code index} in the tree of
   * {@code size} leaves.
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < size}
   */
  public static List<byte[]> inclusion(long index, long size, HashReader reader) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("inclusion proof: index " + index + " is not in a tree of size " + size);
    }
    // PATH(m, D[lo:hi]) recursion unrolled top-down; the RFC appends each sibling after the
    // sub-path, so the siblings found going down come out last.
    List<byte[]> path = new ArrayList<>();
    long lo = 0;
    long hi = size;
    long m = index;
    while (hi - lo > 1) {
      long k = largestPowerOfTwoBelow(hi - lo);
      if (m < k) {
        path.add(rangeHash(lo + k, hi, reader));
        hi = lo + k;
      } else {
        path.add(rangeHash(lo, lo + k, reader));
        lo = lo + k;
        m -= k;
      }
    }
    Collections.reverse(path);
    return path;
  }

  /**
   * The consistency proof (RFC 9162 §2.1.4.1) that the tree of {@code from} leaves is a prefix of
   * the tree of {@code to} leaves. Empty when {@code from == to}.
   *
   * @throws IllegalArgumentException unless {@code 0 < from <= to}
   */
  public static List<byte[]> consistency(long from, long to, HashReader reader) {
    if (from <= 0 || from > to) {
      throw new IllegalArgumentException("consistency proof: need 0 < from <= to, got from=" + from + " to=" + to);
    }
    // SUBPROOF(m, D[lo:hi], b) unrolled top-down, reversed at the end like inclusion().
    List<byte[]> proof = new ArrayList<>();
    long lo = 0;
    long hi = to;
    long m = from;
    boolean wholeOldTree = true;
    while (m != hi - lo) {
      long k = largestPowerOfTwoBelow(hi - lo);
      if (m <= k) {
        proof.add(rangeHash(lo + k, hi, reader));
        hi = lo + k;
      } else {
        proof.add(rangeHash(lo, lo + k, reader));
        lo = lo + k;
        m -= k;
        wholeOldTree = false;
      }
    }
    if (!wholeOldTree) {
      proof.add(rangeHash(lo, hi, reader));
    }
    Collections.reverse(proof);
    return proof;
  }

  /** The root hash of the tree of {@code size} leaves (the empty root for size 0). */
  public static byte[] root(long size, HashReader reader) {
    if (size < 0) {
      throw new IllegalArgumentException("root: negative size " + size);
    }
    if (size == 0) {
      return Merkle.emptyRoot();
    }
    return rangeHash(0, size, reader);
  }

  /**
   * Verifies an inclusion proof with the algorithm of RFC 9162 §2.1.3.2.
   *
   * @throws ProofVerificationException if {@code index >= size}, the proof has the wrong length,
   *     a hash has the wrong size, or the computed root differs from {@code root}
   */
  public static void verifyInclusion(byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root)
      throws ProofVerificationException {
    if (index < 0 || size < 0 || index >= size) {
      throw new ProofVerificationException("inclusion: index " + index + " is not in a tree of size " + size);
    }
    requireHash(leafHash, "inclusion: leaf hash");
    requireHash(root, "inclusion: root");
    int want = inclusionProofLength(index, size);
    if (proof == null || proof.size() != want) {
      throw new ProofVerificationException("inclusion: proof of leaf " + index + " in tree of size " + size
          + " has " + (proof == null ? "no" : proof.size()) + " hashes, want " + want);
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (int i = 0; i < proof.size(); i++) {
      byte[] p = requireHash(proof.get(i), "inclusion: proof[" + i + "]");
      if (sn == 0) {
        throw new ProofVerificationException("inclusion: proof is longer than the path to the root");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = Merkle.nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        r = Merkle.nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new ProofVerificationException("inclusion: proof is shorter than the path to the root");
    }
    if (!java.security.MessageDigest.isEqual(r, root)) {
      throw new ProofVerificationException("inclusion: leaf " + index + " in tree of size " + size
          + ": got root " + b64(r) + ", want " + b64(root));
    }
  }

  /**
   * Verifies a consistency proof with the algorithm of RFC 9162 §2.1.4.2. When {@code from == to}
   * the proof must be empty and the roots equal.
   *
   * @throws ProofVerificationException unless {@code 0 < from <= to}, the proof has exactly the
   *     right length and both computed roots equal the given ones
   */
  public static void verifyConsistency(long from, long to, List<byte[]> proof, byte[] fromRoot, byte[] toRoot)
      throws ProofVerificationException {
    if (from <= 0 || from > to) {
      throw new ProofVerificationException("consistency: need 0 < from <= to, got from=" + from + " to=" + to);
    }
    requireHash(fromRoot, "consistency: old root");
    requireHash(toRoot, "consistency: new root");
    if (proof == null) {
      throw new ProofVerificationException("consistency: no proof");
    }
    if (from == to) {
      if (!proof.isEmpty()) {
        throw new ProofVerificationException("consistency: proof between equal sizes " + from
            + " has " + proof.size() + " hashes, want 0");
      }
      if (!java.security.MessageDigest.isEqual(fromRoot, toRoot)) {
        throw new ProofVerificationException("consistency: trees of equal size " + from
            + " have different roots: got " + b64(toRoot) + ", want " + b64(fromRoot));
      }
      return;
    }
    int want = consistencyProofLength(from, to);
    if (proof.size() != want) {
      throw new ProofVerificationException("consistency: proof from " + from + " to " + to
          + " has " + proof.size() + " hashes, want " + want);
    }
    for (int i = 0; i < proof.size(); i++) {
      requireHash(proof.get(i), "consistency: proof[" + i + "]");
    }
    byte[][] roots = consistencyRoots(from, to, proof, fromRoot);
    byte[] fr = roots[0];
    byte[] sr = roots[1];
    if (!java.security.MessageDigest.isEqual(fr, fromRoot)) {
      throw new ProofVerificationException("consistency: old tree of size " + from
          + ": got root " + b64(fr) + ", want " + b64(fromRoot));
    }
    if (!java.security.MessageDigest.isEqual(sr, toRoot)) {
      throw new ProofVerificationException("consistency: new tree of size " + to
          + ": got root " + b64(sr) + ", want " + b64(toRoot));
    }
  }

  /**
   * The root of the old tree that a consistency proof from {@code from} to {@code to} commits to,
   * when the proof leads to {@code toRoot}. A witness uses it to tell a fork from a bad proof: a
   * proof that leads to the log's signed new root from an old root other than the one it
   * cosigned shows that the log's new tree does not extend the cosigned one (it could otherwise
   * only be made with a SHA-256 collision), whereas garbage leads to no signed root at all.
   *
   * @return empty when the proof does not lead to {@code toRoot}, has the wrong length, or
   *     {@code from} is not in {@code 0 < from < to} or is a power of two (then RFC 9162 leaves
   *     the old root out of the proof and takes it from the verifier, so the proof commits to none)
   */
  public static Optional<byte[]> committedOldRoot(long from, long to, List<byte[]> proof, byte[] toRoot) {
    if (from <= 0 || from >= to || Long.bitCount(from) == 1 || toRoot == null || toRoot.length != Merkle.HASH_SIZE
        || proof == null || proof.size() != consistencyProofLength(from, to)
        || proof.stream().anyMatch(h -> h == null || h.length != Merkle.HASH_SIZE)) {
      return Optional.empty();
    }
    try {
      byte[][] roots = consistencyRoots(from, to, proof, null);
      return java.security.MessageDigest.isEqual(roots[1], toRoot) ? Optional.of(roots[0]) : Optional.empty();
    } catch (ProofVerificationException e) {
      return Optional.empty();
    }
  }

  /**
   * The old and new roots a consistency proof computes (RFC 9162 §2.1.4.2), the proof of the
   * right length; {@code fromRoot} is its first node when {@code from} is a power of two.
   */
  private static byte[][] consistencyRoots(long from, long to, List<byte[]> proof, byte[] fromRoot)
      throws ProofVerificationException {
    List<byte[]> c = new ArrayList<>(proof.size() + 1);
    if (Long.bitCount(from) == 1) {
      c.add(fromRoot);
    }
    c.addAll(proof);
    long fn = from - 1;
    long sn = to - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = c.get(0);
    byte[] sr = c.get(0);
    for (int i = 1; i < c.size(); i++) {
      byte[] h = c.get(i);
      if (sn == 0) {
        throw new ProofVerificationException("consistency: proof is longer than the path to the root");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = Merkle.nodeHash(h, fr);
        sr = Merkle.nodeHash(h, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        sr = Merkle.nodeHash(sr, h);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new ProofVerificationException("consistency: proof is shorter than the path to the root");
    }
    return new byte[][] {fr, sr};
  }

  /** Number of hashes in the inclusion proof of {@code index} in a tree of {@code size}, {@code 0 <= index < size}. */
  public static int inclusionProofLength(long index, long size) {
    // Runs the §2.1.3.2 loop without hashing: it consumes exactly one proof hash per step.
    long fn = index;
    long sn = size - 1;
    int n = 0;
    while (sn != 0) {
      if ((fn & 1) == 0 && fn == sn) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      }
      fn >>>= 1;
      sn >>>= 1;
      n++;
    }
    return n;
  }

  /** Number of hashes in the consistency proof from {@code from} to {@code to}, {@code 0 < from < to}. */
  public static int consistencyProofLength(long from, long to) {
    // Runs the §2.1.4.2 loop without hashing; the first hash (c[0]) is the old root itself when
    // from is a power of two, so it is not sent.
    long fn = from - 1;
    long sn = to - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    int n = 0;
    while (sn != 0) {
      if ((fn & 1) == 0 && fn == sn) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      }
      fn >>>= 1;
      sn >>>= 1;
      n++;
    }
    return Long.bitCount(from) == 1 ? n : n + 1;
  }

  /** The hash of leaves [lo, hi): a complete subtree read directly, otherwise split as in MTH. */
  static byte[] rangeHash(long lo, long hi, HashReader reader) {
    long n = hi - lo;
    if (Long.bitCount(n) == 1) {
      int level = Long.numberOfTrailingZeros(n);
      if ((lo & (n - 1)) != 0) {
        throw new IllegalStateException("unaligned subtree [" + lo + ", " + hi + ")");
      }
      return requireReaderHash(reader.nodeHash(level, lo >>> level), level, lo >>> level);
    }
    long k = largestPowerOfTwoBelow(n);
    return Merkle.nodeHash(rangeHash(lo, lo + k, reader), rangeHash(lo + k, hi, reader));
  }

  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  private static byte[] requireReaderHash(byte[] h, int level, long index) {
    if (h == null || h.length != Merkle.HASH_SIZE) {
      throw new IllegalStateException("hash reader returned " + (h == null ? "null" : h.length + " bytes")
          + " for node (" + level + ", " + index + ")");
    }
    return h;
  }

  private static byte[] requireHash(byte[] h, String what) throws ProofVerificationException {
    if (h == null || h.length != Merkle.HASH_SIZE) {
      throw new ProofVerificationException(what + " has " + (h == null ? "no" : h.length)
          + " bytes, want " + Merkle.HASH_SIZE);
    }
    return h;
  }

  static String b64(byte[] h) {
    return Base64.getEncoder().encodeToString(h);
  }
}
