package org.glassplate.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glassplate.log.ReferenceTree.hex;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MerkleAccumulatorTest {

  @Test
  void rootsAndRightEdgesMatchPublishedVectors() {
    MerkleAccumulator acc = new MerkleAccumulator();
    List<List<String>> compact = Rfc6962Vectors.compactTrees();
    for (int size = 0; size <= 8; size++) {
      assertThat(hex(acc.root())).as("root at size %d", size).isEqualTo(Rfc6962Vectors.ROOTS.get(size));
      assertThat(hex(acc.rightEdge())).as("right edge at size %d", size).isEqualTo(compact.get(size));
      if (size < 8) {
        acc.append(Merkle.leafHash(Rfc6962Vectors.LEAF_INPUTS.get(size)));
      }
    }
  }

  @Test
  void appendReportsEveryCompletedSubtreeExactlyOnce() {
    MerkleAccumulator acc = new MerkleAccumulator();
    List<MerkleAccumulator.Node> nodes = new ArrayList<>();
    for (byte[] e : Rfc6962Vectors.LEAF_INPUTS) {
      nodes.addAll(acc.append(Merkle.leafHash(e)));
    }
    List<String> got = nodes.stream().map(n -> n.level() + "/" + n.index() + "=" + hex(n.hash())).sorted().toList();
    List<String> want = new ArrayList<>();
    for (int level = 0; level < Rfc6962Vectors.NODE_HASHES.size(); level++) {
      for (int i = 0; i < Rfc6962Vectors.NODE_HASHES.get(level).size(); i++) {
        want.add(level + "/" + i + "=" + Rfc6962Vectors.NODE_HASHES.get(level).get(i));
      }
    }
    assertThat(got).containsExactlyElementsOf(want.stream().sorted().toList());
  }

  @Test
  void resumedAccumulatorContinuesAsIfNeverStopped() {
    Random rnd = new Random(7);
    List<byte[]> leaves = MerkleTest.randomLeaves(rnd, 600);
    ReferenceTree full = new ReferenceTree(leaves);
    for (int stop : new int[] {0, 1, 2, 3, 7, 8, 255, 256, 257, 511, 599}) {
      MerkleAccumulator first = new MerkleAccumulator();
      for (int i = 0; i < stop; i++) {
        first.append(leaves.get(i));
      }
      MerkleAccumulator fromEdge = MerkleAccumulator.resume(stop, first.rightEdge());
      MerkleAccumulator fromReader = MerkleAccumulator.resume(stop, new ReferenceTree(leaves.subList(0, stop)));
      for (int i = stop; i < leaves.size(); i++) {
        fromEdge.append(leaves.get(i));
        fromReader.append(leaves.get(i));
      }
      assertThat(fromEdge.size()).isEqualTo(600);
      assertThat(hex(fromEdge.root())).as("resumed at %d from edge", stop).isEqualTo(hex(full.mth(0, 600)));
      assertThat(hex(fromReader.root())).as("resumed at %d from reader", stop).isEqualTo(hex(full.mth(0, 600)));
    }
  }

  @Test
  void rootAgreesWithTheDefinitionAtEverySize() {
    Random rnd = new Random(8);
    List<byte[]> leaves = MerkleTest.randomLeaves(rnd, 300);
    ReferenceTree t = new ReferenceTree(leaves);
    MerkleAccumulator acc = new MerkleAccumulator();
    for (int i = 0; i < leaves.size(); i++) {
      acc.append(leaves.get(i));
      assertThat(acc.root()).as("root at size %d", i + 1).isEqualTo(t.mth(0, i + 1));
    }
  }

  @Test
  void appendingAWholeSubtreeEqualsAppendingItsLeaves() {
    Random rnd = new Random(9);
    List<byte[]> leaves = MerkleTest.randomLeaves(rnd, 256 * 3 + 5);
    MerkleAccumulator byLeaf = new MerkleAccumulator();
    leaves.forEach(byLeaf::append);
    MerkleAccumulator byTile = new MerkleAccumulator();
    for (int t = 0; t < 3; t++) {
      byTile.appendSubtree(8, Merkle.rootOf(leaves.subList(t * 256, t * 256 + 256)), (l, i, h) -> {});
    }
    leaves.subList(768, leaves.size()).forEach(byTile::append);
    assertThat(byTile.root()).isEqualTo(byLeaf.root());
    assertThatThrownBy(() -> byTile.appendSubtree(1, new byte[32], (l, i, h) -> {}))
        .hasMessageContaining("cannot append a subtree of 2^1 leaves at size 773");
  }

  @Test
  void resumeRefusesTheWrongNumberOfEdgeHashes() {
    assertThatThrownBy(() -> MerkleAccumulator.resume(3, List.of(new byte[32])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 2 right-edge subtrees, got 1 hashes");
  }
}
