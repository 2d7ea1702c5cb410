package org.glassplate.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties on random trees (seeded, so failures reproduce): every proof equals the RFC's
 * recursive definition and verifies, and any single changed bit, index or size is refused.
 */
class ProofsPropertyTest {
  private static final long SEED = 20240603L;
  private static final int[] LARGER_SIZES = {511, 512, 513, 1000, 4097, 65_537};

  @Test
  void everyInclusionProofVerifiesAndMatchesTheDefinition() {
    Random rnd = new Random(SEED);
    for (int size = 1; size <= 300; size++) {
      ReferenceTree t = new ReferenceTree(MerkleTest.randomLeaves(rnd, size));
      byte[] root = Proofs.root(size, t);
      assertThat(root).as("root(%d)", size).isEqualTo(t.mth(0, size));
      for (int i = 0; i < size; i++) {
        List<byte[]> p = Proofs.inclusion(i, size, t);
        // The recursive definition costs O(size) per proof: compare all of them for small trees,
        // a sample for larger ones; every proof is verified either way.
        if (size <= 100 || rnd.nextInt(16) == 0) {
          assertThat(p).as("inclusion(%d, %d)", i, size).containsExactlyElementsOf(t.path(i, 0, size));
        }
        int index = i;
        int n = size;
        assertThatCode(() -> Proofs.verifyInclusion(t.leaf(index), index, n, p, root))
            .as("verifyInclusion(%d, %d)", i, size).doesNotThrowAnyException();
      }
    }
  }

  @Test
  void everyConsistencyProofVerifiesAndMatchesTheDefinition() {
    Random rnd = new Random(SEED + 1);
    for (int size = 1; size <= 300; size++) {
      ReferenceTree t = new ReferenceTree(MerkleTest.randomLeaves(rnd, size));
      byte[] newRoot = t.mth(0, size);
      // All pairs for small trees, a random sample (plus the edges) for the larger ones.
      List<Integer> froms = new ArrayList<>();
      if (size <= 100) {
        for (int m = 1; m <= size; m++) {
          froms.add(m);
        }
      } else {
        froms.add(1);
        froms.add(size);
        for (int k = 0; k < 20; k++) {
          froms.add(1 + rnd.nextInt(size));
        }
      }
      for (int m : froms) {
        List<byte[]> p = Proofs.consistency(m, size, t);
        assertThat(p).as("consistency(%d, %d)", m, size).containsExactlyElementsOf(m == size ? List.of() : t.proof(m, size));
        byte[] oldRoot = t.mth(0, m);
        int n = size;
        assertThatCode(() -> Proofs.verifyConsistency(m, n, p, oldRoot, newRoot))
            .as("verifyConsistency(%d, %d)", m, size).doesNotThrowAnyException();
      }
    }
  }

  @Test
  void anyFlippedBitOrChangedIndexFailsInclusion() {
    Random rnd = new Random(SEED + 2);
    for (int size = 1; size <= 300; size++) {
      ReferenceTree t = new ReferenceTree(MerkleTest.randomLeaves(rnd, size));
      byte[] root = t.mth(0, size);
      for (int k = 0; k < 3; k++) {
        int i = rnd.nextInt(size);
        List<byte[]> p = Proofs.inclusion(i, size, t);
        int n = size;
        byte[] leaf = t.leaf(i);
        int bit = rnd.nextInt(256);
        refuseInclusion("flipped leaf bit", ReferenceTree.flip(leaf, bit / 8, bit % 8), i, n, p, root);
        refuseInclusion("flipped root bit", leaf, i, n, p, ReferenceTree.flip(root, bit / 8, bit % 8));
        if (!p.isEmpty()) {
          int at = rnd.nextInt(p.size());
          List<byte[]> bad = new ArrayList<>(p);
          bad.set(at, ReferenceTree.flip(p.get(at), bit / 8, bit % 8));
          refuseInclusion("flipped proof[" + at + "] bit", leaf, i, n, bad, root);
        }
        for (int other : otherValues(rnd, i, 0, size - 1)) {
          refuseInclusion("index " + other + " instead of " + i, leaf, other, n, p, root);
        }
        // A proof fixes only the shape of the path, so a size that keeps the shape (often n + 1)
        // verifies against the same root; the checkpoint signs size and root together, which is
        // what binds the size. Sizes that change the shape are refused by the proof alone.
        refuseInclusion("size * 2", leaf, i, n * 2L, p, root);
        refuseInclusion("size / 2", leaf, i, n / 2, p, root);
      }
    }
  }

  @Test
  void anyFlippedBitOrChangedSizeFailsConsistency() {
    Random rnd = new Random(SEED + 3);
    for (int size = 2; size <= 300; size++) {
      ReferenceTree t = new ReferenceTree(MerkleTest.randomLeaves(rnd, size));
      byte[] newRoot = t.mth(0, size);
      for (int k = 0; k < 3; k++) {
        int m = 1 + rnd.nextInt(size - 1);
        byte[] oldRoot = t.mth(0, m);
        List<byte[]> p = Proofs.consistency(m, size, t);
        int bit = rnd.nextInt(256);
        int at = rnd.nextInt(p.size());
        List<byte[]> bad = new ArrayList<>(p);
        bad.set(at, ReferenceTree.flip(p.get(at), bit / 8, bit % 8));
        refuseConsistency("flipped proof[" + at + "] bit", m, size, bad, oldRoot, newRoot);
        refuseConsistency("flipped old root bit", m, size, p, ReferenceTree.flip(oldRoot, bit / 8, bit % 8), newRoot);
        refuseConsistency("flipped new root bit", m, size, p, oldRoot, ReferenceTree.flip(newRoot, bit / 8, bit % 8));
        for (int other : otherValues(rnd, m, 1, size + 1)) {
          refuseConsistency("from " + other + " instead of " + m, other, size, p, oldRoot, newRoot);
        }
        // As for inclusion, only sizes that change the proof's shape are refused by the proof alone.
        refuseConsistency("to * 2", m, size * 2L, p, oldRoot, newRoot);
        refuseConsistency("to / 2", m, size / 2, p, oldRoot, newRoot);
      }
    }
  }

  @Test
  void largerTreesProveEveryLeafOnTheEdgesAndASample() {
    Random rnd = new Random(SEED + 4);
    for (int size : LARGER_SIZES) {
      ReferenceTree t = new ReferenceTree(MerkleTest.randomLeaves(rnd, size));
      byte[] root = Proofs.root(size, t);
      assertThat(root).as("root(%d)", size).isEqualTo(Merkle.rootOf(allLeaves(t)));
      List<Integer> indexes = new ArrayList<>(List.of(0, 1, size / 2, size - 2, size - 1));
      for (int k = 0; k < 30; k++) {
        indexes.add(rnd.nextInt(size));
      }
      for (int i : indexes) {
        List<byte[]> p = Proofs.inclusion(i, size, t);
        int n = size;
        assertThatCode(() -> Proofs.verifyInclusion(t.leaf(i), i, n, p, root)).doesNotThrowAnyException();
        refuseInclusion("other index", t.leaf(i), (i + 1) % n, n, p, root);
      }
      for (int k = 0; k < 30; k++) {
        int m = 1 + rnd.nextInt(size);
        List<byte[]> p = Proofs.consistency(m, size, t);
        byte[] oldRoot = Proofs.root(m, t);
        int n = size;
        assertThatCode(() -> Proofs.verifyConsistency(m, n, p, oldRoot, root)).doesNotThrowAnyException();
      }
    }
  }

  /** The neighbours of {@code v} and a random sample of other values in [min, max], never v. */
  private static List<Integer> otherValues(Random rnd, int v, int min, int max) {
    List<Integer> out = new ArrayList<>();
    for (int c : new int[] {v - 1, v + 1, min, max}) {
      if (c >= min && c <= max && c != v) {
        out.add(c);
      }
    }
    for (int k = 0; k < 12 && max > min; k++) {
      int c = min + rnd.nextInt(max - min + 1);
      if (c != v) {
        out.add(c);
      }
    }
    return out;
  }

  private static List<byte[]> allLeaves(ReferenceTree t) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      out.add(t.leaf(i));
    }
    return out;
  }

  private static void refuseInclusion(String what, byte[] leaf, long index, long size, List<byte[]> p, byte[] root) {
    assertThatThrownBy(() -> Proofs.verifyInclusion(leaf, index, size, p, root))
        .as("inclusion with %s (index %d, size %d): got success, want refusal", what, index, size)
        .isInstanceOf(ProofVerificationException.class);
  }

  private static void refuseConsistency(String what, long from, long to, List<byte[]> p, byte[] r1, byte[] r2) {
    assertThatThrownBy(() -> Proofs.verifyConsistency(from, to, p, r1, r2))
        .as("consistency with %s (%d → %d): got success, want refusal", what, from, to)
        .isInstanceOf(ProofVerificationException.class);
  }
}
