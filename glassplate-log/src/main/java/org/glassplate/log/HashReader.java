package org.glassplate.log;

/**
 * Reads the hash of a complete subtree of a log's Merkle tree: the subtree of {@code 2^level}
 * leaves that starts at leaf {@code index * 2^level}. Proofs and roots of any tree size are built
 * from these (RFC 9162 §2.1.3, §2.1.4), so a server backs this with its node store and a client
 * with tiles ({@link org.glassplate.log.tiles.TileHashReader}).
 */
@FunctionalInterface
public interface HashReader {
  /**
   * The 32-byte hash of the complete subtree at {@code level} and {@code index}.
   *
   * @throws IllegalArgumentException if that subtree is not complete in the tree being read
   */
  byte[] nodeHash(int level, long index);
}
