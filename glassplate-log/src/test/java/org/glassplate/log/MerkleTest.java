package org.glassplate.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glassplate.log.ReferenceTree.hex;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MerkleTest {

  @Test
  void leafHashesMatchPublishedVectors() {
    for (int i = 0; i < Rfc6962Vectors.LEAF_INPUTS.size(); i++) {
      String got = hex(Merkle.leafHash(Rfc6962Vectors.LEAF_INPUTS.get(i)));
      String want = Rfc6962Vectors.NODE_HASHES.get(0).get(i);
      assertThat(got).as("leafHash(leaf %d): got %s want %s", i, got, want).isEqualTo(want);
    }
  }

  @Test
  void nodeHashesMatchPublishedVectors() {
    for (int level = 1; level < Rfc6962Vectors.NODE_HASHES.size(); level++) {
      List<String> below = Rfc6962Vectors.NODE_HASHES.get(level - 1);
      for (int i = 0; i < Rfc6962Vectors.NODE_HASHES.get(level).size(); i++) {
        String got = hex(Merkle.nodeHash(hex(below.get(2 * i)), hex(below.get(2 * i + 1))));
        String want = Rfc6962Vectors.NODE_HASHES.get(level).get(i);
        assertThat(got).as("node (%d, %d): got %s want %s", level, i, got, want).isEqualTo(want);
      }
    }
  }

  @Test
  void rootOfEverySizeUpToEightMatchesPublishedRoots() {
    for (int size = 0; size <= 8; size++) {
      List<byte[]> leaves = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        leaves.add(Merkle.leafHash(Rfc6962Vectors.LEAF_INPUTS.get(i)));
      }
      String got = hex(Merkle.rootOf(leaves));
      String want = Rfc6962Vectors.ROOTS.get(size);
      assertThat(got).as("rootOf(size %d): got %s want %s", size, got, want).isEqualTo(want);
    }
  }

  @Test
  void emptyRootIsSha256OfNothing() {
    assertThat(hex(Merkle.emptyRoot()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void rootOfAgreesWithTheRecursiveDefinitionForRandomSizes() {
    Random rnd = new Random(9162);
    for (int size = 1; size <= 300; size++) {
      List<byte[]> leaves = randomLeaves(rnd, size);
      byte[] want = new ReferenceTree(leaves).mth(0, size);
      assertThat(Merkle.rootOf(leaves)).as("size %d", size).isEqualTo(want);
    }
  }

  @Test
  void rootOfRefusesHashesOfTheWrongLength() {
    assertThatThrownBy(() -> Merkle.rootOf(List.of(new byte[31])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 31 bytes, want 32");
  }

  static List<byte[]> randomLeaves(Random rnd, int size) {
    List<byte[]> leaves = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      byte[] e = new byte[1 + rnd.nextInt(40)];
      rnd.nextBytes(e);
      leaves.add(Merkle.leafHash(e));
    }
    return leaves;
  }
}
