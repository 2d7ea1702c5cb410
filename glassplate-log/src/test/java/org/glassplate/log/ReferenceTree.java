package org.glassplate.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The definitions of RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 written as literally as possible
 * (recursion on D[0:n]), to cross-check the production algorithms, plus a table of every
 * complete subtree as a {@link HashReader}.
 */
public final class ReferenceTree implements HashReader {
  private final List<byte[]> leaves;
  private final byte[][][] levels;

  public ReferenceTree(List<byte[]> leafHashes) {
    this.leaves = List.copyOf(leafHashes);
    List<byte[][]> ls = new ArrayList<>();
    byte[][] level = leafHashes.toArray(new byte[0][]);
    ls.add(level);
    while (level.length > 1) {
      byte[][] up = new byte[level.length / 2][];
      for (int i = 0; i < up.length; i++) {
        up[i] = Merkle.nodeHash(level[2 * i], level[2 * i + 1]);
      }
      ls.add(up);
      level = up;
    }
    this.levels = ls.toArray(new byte[0][][]);
  }

  public static ReferenceTree ofEntries(List<byte[]> entries) {
    List<byte[]> hashes = new ArrayList<>();
    for (byte[] e : entries) {
      hashes.add(Merkle.leafHash(e));
    }
    return new ReferenceTree(hashes);
  }

  public int size() {
    return leaves.size();
  }

  public byte[] leaf(int i) {
    return leaves.get(i);
  }

  @Override
  public byte[] nodeHash(int level, long index) {
    if (level >= levels.length || index >= levels[level].length) {
      throw new IllegalArgumentException("no complete node (" + level + ", " + index + ")");
    }
    return levels[level][(int) index];
  }

  /** MTH(D[lo:hi]). */
  public byte[] mth(int lo, int hi) {
    int n = hi - lo;
    if (n == 0) {
      return Merkle.emptyRoot();
    }
    if (n == 1) {
      return leaves.get(lo);
    }
    int k = Integer.highestOneBit(n - 1);
    return Merkle.nodeHash(mth(lo, lo + k), mth(lo + k, hi));
  }

  /** PATH(m, D[lo:hi]). */
  public List<byte[]> path(int m, int lo, int hi) {
    int n = hi - lo;
    if (n == 1) {
      return new ArrayList<>();
    }
    int k = Integer.highestOneBit(n - 1);
    List<byte[]> p;
    if (m < k) {
      p = path(m, lo, lo + k);
      p.add(mth(lo + k, hi));
    } else {
      p = path(m - k, lo + k, hi);
      p.add(mth(lo, lo + k));
    }
    return p;
  }

  /** PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true). */
  public List<byte[]> proof(int m, int n) {
    return subproof(m, 0, n, true);
  }

  private List<byte[]> subproof(int m, int lo, int hi, boolean b) {
    int n = hi - lo;
    if (m == n) {
      List<byte[]> p = new ArrayList<>();
      if (!b) {
        p.add(mth(lo, hi));
      }
      return p;
    }
    int k = Integer.highestOneBit(n - 1);
    List<byte[]> p;
    if (m <= k) {
      p = subproof(m, lo, lo + k, b);
      p.add(mth(lo + k, hi));
    } else {
      p = subproof(m - k, lo + k, hi, false);
      p.add(mth(lo, lo + k));
    }
    return p;
  }

  public static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  public static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  public static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(ReferenceTree::hex).toList();
  }

  static byte[] flip(byte[] b, int byteIndex, int bit) {
    byte[] c = Arrays.copyOf(b, b.length);
    c[byteIndex] ^= (byte) (1 << bit);
    return c;
  }
}
