package org.glassplate.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glassplate.log.ReferenceTree.hex;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProofsTest {
  private static final ReferenceTree TREE = ReferenceTree.ofEntries(Rfc6962Vectors.LEAF_INPUTS);
  private static final byte[] SOME_HASH = hex("abacaba000000000000000000000000000000000000000000060061e00123456");

  private static byte[] root(long size) {
    return hex(Rfc6962Vectors.ROOTS.get((int) size));
  }

  private static List<byte[]> hashes(List<String> hex) {
    return hex.stream().map(ReferenceTree::hex).toList();
  }

  @Test
  void inclusionProofsMatchPublishedVectors() {
    for (Rfc6962Vectors.Inclusion v : Rfc6962Vectors.INCLUSION) {
      ReferenceTree t = ReferenceTree.ofEntries(Rfc6962Vectors.LEAF_INPUTS.subList(0, (int) v.size()));
      List<String> got = hex(Proofs.inclusion(v.index(), v.size(), t));
      assertThat(got).as("inclusion(%d, %d): got %s want %s", v.index(), v.size(), got, v.proof())
          .isEqualTo(v.proof());
    }
  }

  @Test
  void publishedInclusionProofsVerify() {
    for (Rfc6962Vectors.Inclusion v : Rfc6962Vectors.INCLUSION) {
      byte[] leaf = TREE.leaf((int) v.index());
      assertThatCode(() -> Proofs.verifyInclusion(leaf, v.index(), v.size(), hashes(v.proof()), root(v.size())))
          .as("verifyInclusion(%d, %d)", v.index(), v.size())
          .doesNotThrowAnyException();
    }
  }

  @Test
  void consistencyProofsMatchPublishedVectors() {
    for (Rfc6962Vectors.Consistency v : Rfc6962Vectors.CONSISTENCY) {
      ReferenceTree t = ReferenceTree.ofEntries(Rfc6962Vectors.LEAF_INPUTS.subList(0, (int) v.to()));
      List<String> got = hex(Proofs.consistency(v.from(), v.to(), t));
      assertThat(got).as("consistency(%d, %d): got %s want %s", v.from(), v.to(), got, v.proof())
          .isEqualTo(v.proof());
    }
  }

  @Test
  void publishedConsistencyProofsVerify() {
    for (Rfc6962Vectors.Consistency v : Rfc6962Vectors.CONSISTENCY) {
      assertThatCode(() -> Proofs.verifyConsistency(v.from(), v.to(), hashes(v.proof()), root(v.from()), root(v.to())))
          .as("verifyConsistency(%d, %d)", v.from(), v.to())
          .doesNotThrowAnyException();
    }
  }

  @Test
  void rootsFromHashReaderMatchPublishedRoots() {
    for (int size = 0; size <= 8; size++) {
      ReferenceTree t = ReferenceTree.ofEntries(Rfc6962Vectors.LEAF_INPUTS.subList(0, size));
      assertThat(hex(Proofs.root(size, t))).as("root(%d)", size).isEqualTo(Rfc6962Vectors.ROOTS.get(size));
    }
  }

  /** Corruptions of a good inclusion proof, after transparency-dev/merkle's corruptInclusionProof. */
  @Test
  void corruptedPublishedInclusionProofsAreRefused() {
    for (Rfc6962Vectors.Inclusion v : Rfc6962Vectors.INCLUSION) {
      long i = v.index();
      long n = v.size();
      byte[] leaf = TREE.leaf((int) i);
      byte[] r = root(n);
      List<byte[]> p = hashes(v.proof());
      record Probe(String name, long index, long size, byte[] leaf, List<byte[]> proof, byte[] root) {}
      List<Probe> probes = new ArrayList<>(List.of(
          new Probe("index - 1", i - 1, n, leaf, p, r),
          new Probe("index + 1", i + 1, n, leaf, p, r),
          new Probe("index ^ 2", i ^ 2, n, leaf, p, r),
          new Probe("size * 2", i, n * 2, leaf, p, r),
          new Probe("size / 2", i, n / 2, leaf, p, r),
          new Probe("wrong leaf", i, n, Merkle.leafHash("WrongLeaf".getBytes()), p, r),
          new Probe("empty root", i, n, leaf, p, Merkle.emptyRoot()),
          new Probe("random root", i, n, leaf, p, SOME_HASH),
          new Probe("trailing root", i, n, leaf, append(p, r), r),
          new Probe("preceding root", i, n, leaf, prepend(r, p), r),
          new Probe("trailing garbage", i, n, leaf, append(p, new byte[0]), r)));
      for (int k = 0; k < p.size(); k++) {
        List<byte[]> bad = new ArrayList<>(p);
        bad.set(k, ReferenceTree.flip(p.get(k), 0, 3));
        probes.add(new Probe("proof[" + k + "] bit 3", i, n, leaf, bad, r));
      }
      if (!p.isEmpty()) {
        probes.add(new Probe("removed component", i, n, leaf, p.subList(0, p.size() - 1), r));
      }
      for (Probe pr : probes) {
        assertThatThrownBy(() -> Proofs.verifyInclusion(pr.leaf(), pr.index(), pr.size(), pr.proof(), pr.root()))
            .as("inclusion(%d, %d) with %s: got success, want refusal", i, n, pr.name())
            .isInstanceOf(ProofVerificationException.class);
      }
    }
  }

  /** Corruptions of a good consistency proof, after transparency-dev/merkle's corruptConsistencyProof. */
  @Test
  void corruptedPublishedConsistencyProofsAreRefused() {
    for (Rfc6962Vectors.Consistency v : Rfc6962Vectors.CONSISTENCY) {
      if (v.proof().isEmpty()) {
        continue;
      }
      long m = v.from();
      long n = v.to();
      byte[] r1 = root(m);
      byte[] r2 = root(n);
      List<byte[]> p = hashes(v.proof());
      record Probe(String name, long from, long to, List<byte[]> proof, byte[] r1, byte[] r2) {}
      List<Probe> probes = new ArrayList<>(List.of(
          new Probe("from - 1", m - 1, n, p, r1, r2),
          new Probe("from + 1", m + 1, n, p, r1, r2),
          new Probe("from ^ 2", m ^ 2, n, p, r1, r2),
          new Probe("to * 2", m, n * 2, p, r1, r2),
          new Probe("to / 2", m, n / 2, p, r1, r2),
          new Probe("wrong old root", m, n, p, SOME_HASH, r2),
          new Probe("wrong new root", m, n, p, r1, SOME_HASH),
          new Probe("swapped roots", m, n, p, r2, r1),
          new Probe("empty proof", m, n, List.of(), r1, r2),
          new Probe("trailing old root", m, n, append(p, r1), r1, r2),
          new Probe("trailing new root", m, n, append(p, r2), r1, r2),
          new Probe("preceding old root", m, n, prepend(r1, p), r1, r2),
          new Probe("preceding proof[0]", m, n, prepend(p.get(0), p), r1, r2),
          new Probe("truncated proof", m, n, p.subList(0, p.size() - 1), r1, r2)));
      for (int k = 0; k < p.size(); k++) {
        List<byte[]> bad = new ArrayList<>(p);
        bad.set(k, ReferenceTree.flip(p.get(k), 0, 4));
        probes.add(new Probe("proof[" + k + "] bit 4", m, n, bad, r1, r2));
      }
      for (Probe pr : probes) {
        assertThatThrownBy(() -> Proofs.verifyConsistency(pr.from(), pr.to(), pr.proof(), pr.r1(), pr.r2()))
            .as("consistency(%d, %d) with %s: got success, want refusal", m, n, pr.name())
            .isInstanceOf(ProofVerificationException.class);
      }
    }
  }

  @Test
  void aConsistencyProofCommitsToItsOldRootUnlessTheOldSizeIsAPowerOfTwo() {
    for (long to = 2; to <= Rfc6962Vectors.LEAF_INPUTS.size(); to++) {
      ReferenceTree t = ReferenceTree.ofEntries(Rfc6962Vectors.LEAF_INPUTS.subList(0, (int) to));
      for (long from = 1; from < to; from++) {
        List<byte[]> proof = Proofs.consistency(from, to, t);
        byte[] want = root(from);
        var got = Proofs.committedOldRoot(from, to, proof, root(to));
        if (Long.bitCount(from) == 1) {
          assertThat(got).as("committedOldRoot(%d, %d): a power of two", from, to).isEmpty();
        } else {
          assertThat(got).as("committedOldRoot(%d, %d)", from, to).hasValueSatisfying(r -> assertThat(hex(r))
              .isEqualTo(hex(want)));
          assertThat(Proofs.committedOldRoot(from, to, proof, SOME_HASH)).as("another new root").isEmpty();
          List<byte[]> bad = new ArrayList<>(proof);
          bad.set(bad.size() - 1, SOME_HASH);
          assertThat(Proofs.committedOldRoot(from, to, bad, root(to))).as("a changed last hash").isEmpty();
          assertThat(Proofs.committedOldRoot(from, to, proof.subList(1, proof.size()), root(to))).as("short").isEmpty();
        }
      }
    }
  }

  @Test
  void consistencyBoundsAreChecked() {
    byte[] a = root(1);
    byte[] b = root(2);
    record Case(String name, long from, long to, List<byte[]> proof, byte[] r1, byte[] r2, String want) {}
    List<Case> cases = List.of(
        new Case("from 0", 0, 1, List.of(), a, a, "need 0 < from <= to"),
        new Case("from 0 to 0", 0, 0, List.of(), Merkle.emptyRoot(), Merkle.emptyRoot(), "need 0 < from <= to"),
        new Case("negative from", -1, 1, List.of(), a, a, "need 0 < from <= to"),
        new Case("time travel", 2, 1, List.of(), b, a, "need 0 < from <= to"),
        new Case("equal sizes, different roots", 1, 1, List.of(), a, b, "different roots"),
        new Case("equal sizes, non-empty proof", 1, 1, List.of(a), a, a, "has 1 hashes, want 0"),
        new Case("empty proof for growth", 1, 2, List.of(), a, b, "has 0 hashes, want 1"),
        new Case("short root", 1, 2, List.of(a), new byte[31], b, "has 31 bytes, want 32"));
    for (Case c : cases) {
      assertThatThrownBy(() -> Proofs.verifyConsistency(c.from(), c.to(), c.proof(), c.r1(), c.r2()))
          .as(c.name())
          .isInstanceOf(ProofVerificationException.class)
          .hasMessageContaining(c.want());
    }
    assertThatCode(() -> Proofs.verifyConsistency(3, 3, List.of(), root(3), root(3))).doesNotThrowAnyException();
  }

  @Test
  void inclusionBoundsAreChecked() {
    byte[] leaf = TREE.leaf(0);
    record Case(String name, long index, long size, List<byte[]> proof, byte[] leaf, byte[] root, String want) {}
    List<Case> cases = List.of(
        new Case("empty tree", 0, 0, List.of(), leaf, Merkle.emptyRoot(), "not in a tree of size 0"),
        new Case("index = size", 1, 1, List.of(), leaf, leaf, "not in a tree of size 1"),
        new Case("index > size", 2, 1, List.of(), leaf, leaf, "not in a tree of size 1"),
        new Case("negative index", -1, 1, List.of(), leaf, leaf, "not in a tree of size 1"),
        new Case("short leaf", 0, 1, List.of(), new byte[0], leaf, "has 0 bytes, want 32"),
        new Case("short root", 0, 1, List.of(), leaf, new byte[0], "has 0 bytes, want 32"),
        new Case("long proof", 0, 1, List.of(leaf), leaf, leaf, "has 1 hashes, want 0"),
        new Case("wrong root", 0, 1, List.of(), leaf, SOME_HASH, "want " + java.util.Base64.getEncoder().encodeToString(SOME_HASH)));
    for (Case c : cases) {
      assertThatThrownBy(() -> Proofs.verifyInclusion(c.leaf(), c.index(), c.size(), c.proof(), c.root()))
          .as(c.name())
          .isInstanceOf(ProofVerificationException.class)
          .hasMessageContaining(c.want());
    }
  }

  @Test
  void producingProofsOutOfBoundsIsRefused() {
    assertThatThrownBy(() -> Proofs.inclusion(8, 8, TREE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Proofs.inclusion(0, 0, TREE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Proofs.consistency(0, 8, TREE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Proofs.consistency(5, 4, TREE)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void proofLengthsMatchProducedProofs() {
    ReferenceTree t = new ReferenceTree(MerkleTest.randomLeaves(new java.util.Random(1), 70));
    for (int n = 1; n <= 70; n++) {
      for (int i = 0; i < n; i++) {
        assertThat(Proofs.inclusionProofLength(i, n)).as("inclusion length (%d, %d)", i, n)
            .isEqualTo(t.path(i, 0, n).size());
      }
      for (int m = 1; m < n; m++) {
        assertThat(Proofs.consistencyProofLength(m, n)).as("consistency length (%d, %d)", m, n)
            .isEqualTo(t.proof(m, n).size());
      }
    }
  }

  private static List<byte[]> append(List<byte[]> p, byte[] h) {
    List<byte[]> out = new ArrayList<>(p);
    out.add(h);
    return out;
  }

  private static List<byte[]> prepend(byte[] h, List<byte[]> p) {
    List<byte[]> out = new ArrayList<>();
    out.add(h);
    out.addAll(p);
    return out;
  }
}
