package org.glassplate.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A compact range over leaves {@code [0, size)}: the hashes of the perfect subtrees on the right
 * edge of the tree, one per set bit of {@code size} (the "compact range" of transparency-dev/merkle,
 * and the frontier from which RFC 9162 §2.1.1's root is folded). Appending a leaf completes zero
 * or more subtrees; their hashes are handed to the caller so that a server can store them as the
 * tree's node hashes (and so tiles), never recomputing them.
 *
 * <p>Not thread-safe: a log has one sequencer that appends.
 */
public final class MerkleAccumulator {

  /**
   * The hash of the complete subtree of {@code 2^level} leaves starting at leaf
   * {@code index * 2^level}, the coordinates {@link HashReader#nodeHash} reads.
   */
  public record Node(int level, long index, byte[] hash) {
    public Node {
      if (level < 0 || level > 63 || index < 0) {
        throw new IllegalArgumentException("node (" + level + ", " + index + ") is out of range");
      }
      Merkle.checkHash(hash, "node hash");
    }
  }

  /** Receives each subtree that an append completes, lowest level first. */
  @FunctionalInterface
  public interface NodeSink {
    void completed(int level, long index, byte[] hash);
  }

  // edge[level] holds the hash of the perfect subtree of 2^level leaves on the right edge when
  // bit `level` of size is set, else null.
  private final byte[][] edge = new byte[64][];
  private long size;

  /** An empty tree. */
  public MerkleAccumulator() {}

  /**
   * Resumes a tree of {@code size} leaves from its right-edge hashes: one hash per set bit of
   * {@code size}, the largest subtree (leftmost) first, as returned by {@link #rightEdge()}.
   */
  public static MerkleAccumulator resume(long size, List<byte[]> rightEdge) {
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
    if (rightEdge.size() != Long.bitCount(size)) {
      throw new IllegalArgumentException("tree of size " + size + " has " + Long.bitCount(size)
          + " right-edge subtrees, got " + rightEdge.size() + " hashes");
    }
    MerkleAccumulator acc = new MerkleAccumulator();
    int i = 0;
    for (int level = 63; level >= 0; level--) {
      if ((size >>> level & 1) == 1) {
        acc.edge[level] = Merkle.checkHash(rightEdge.get(i++), "right-edge hash").clone();
      }
    }
    acc.size = size;
    return acc;
  }

  /** Resumes a tree of {@code size} leaves reading its right-edge subtrees from a node store. */
  public static MerkleAccumulator resume(long size, HashReader reader) {
    List<byte[]> hashes = new ArrayList<>();
    for (int level = 63; level >= 0; level--) {
      if ((size >>> level & 1) == 1) {
        // The subtree of this bit starts where the higher bits of size end.
        long start = level == 63 ? 0 : (size >>> (level + 1)) << (level + 1);
        hashes.add(reader.nodeHash(level, start >>> level));
      }
    }
    return resume(size, hashes);
  }

  /** Number of leaves appended so far. */
  public long size() {
    return size;
  }

  /** Hashes of the right-edge perfect subtrees, largest (leftmost) first; input of {@link #resume(long, List)}. */
  public List<byte[]> rightEdge() {
    List<byte[]> out = new ArrayList<>();
    for (int level = 63; level >= 0; level--) {
      if (edge[level] != null) {
        out.add(edge[level].clone());
      }
    }
    return out;
  }

  /** The RFC 9162 root of the current tree (the empty root for size 0). */
  public byte[] root() {
    byte[] r = null;
    for (int level = 0; level < 64; level++) {
      if (edge[level] != null) {
        r = r == null ? edge[level] : Merkle.nodeHash(edge[level], r);
      }
    }
    return r == null ? Merkle.emptyRoot() : r.clone();
  }

  /**
   * Appends one leaf hash and returns every subtree it completes: the leaf itself at level 0,
   * then each parent up to the highest subtree that became complete.
   */
  public List<Node> append(byte[] leafHash) {
    List<Node> out = new ArrayList<>(4);
    append(leafHash, (level, index, hash) -> out.add(new Node(level, index, hash)));
    return out;
  }

  /** Appends one leaf hash, passing every subtree it completes to {@code sink}, lowest first. */
  public void append(byte[] leafHash, NodeSink sink) {
    appendSubtree(0, leafHash, sink);
  }

  /**
   * Appends a whole perfect subtree of {@code 2^level} leaves given its hash (for example a full
   * tile's root); the tree size must be a multiple of {@code 2^level}. The subtree itself is
   * reported to {@code sink} first, then each parent it completes.
   */
  public void appendSubtree(int level, byte[] hash, NodeSink sink) {
    Objects.requireNonNull(sink, "sink");
    Merkle.checkHash(hash, "appended hash");
    if (level < 0 || level > 62) {
      throw new IllegalArgumentException("subtree level " + level + " is out of range");
    }
    if ((size & ((1L << level) - 1)) != 0) {
      throw new IllegalArgumentException("cannot append a subtree of 2^" + level + " leaves at size " + size);
    }
    if (size + (1L << level) < 0) {
      throw new IllegalStateException("tree is full");
    }
    byte[] h = hash.clone();
    long index = size >>> level;
    sink.completed(level, index, h);
    int l = level;
    while (edge[l] != null) {
      h = Merkle.nodeHash(edge[l], h);
      edge[l] = null;
      l++;
      index >>>= 1;
      sink.completed(l, index, h);
    }
    edge[l] = h;
    size += 1L << level;
  }

  /** An independent copy, e.g. to compute a root ahead of committing appends. */
  public MerkleAccumulator copy() {
    MerkleAccumulator c = new MerkleAccumulator();
    for (int i = 0; i < 64; i++) {
      c.edge[i] = edge[i];
    }
    c.size = size;
    return c;
  }
}
