package org.glassplate.log.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassplate.log.Merkle;
import org.glassplate.log.MerkleAccumulator;
import org.glassplate.log.Proofs;
import org.glassplate.log.ReferenceTree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proofs and roots computed from tiles equal those computed from every node of the tree. */
class TileHashReaderTest {
  private static final int SIZE = 70_000; // three tile levels, partial tiles at each
  private static MemoryTileLog log;
  private static ReferenceTree reference;

  @BeforeAll
  static void build() {
    log = new MemoryTileLog();
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < SIZE; i++) {
      byte[] e = ("{\"entry\":" + i + "}").getBytes(StandardCharsets.UTF_8);
      log.append(e);
      leaves.add(Merkle.leafHash(e));
    }
    reference = new ReferenceTree(leaves);
  }

  @Test
  void rootsFromTilesMatchAtManySizes() {
    Random rnd = new Random(5);
    List<Long> sizes = new ArrayList<>(List.of(1L, 2L, 255L, 256L, 257L, 511L, 512L, 65_535L, 65_536L, 65_537L, (long) SIZE));
    for (int k = 0; k < 20; k++) {
      sizes.add(1L + rnd.nextInt(SIZE));
    }
    for (long size : sizes) {
      TileHashReader r = new TileHashReader(size, log::hashTile);
      MerkleAccumulator acc = MerkleAccumulator.resume(size, reference);
      assertThat(Proofs.root(size, r)).as("root at size %d", size).isEqualTo(acc.root());
    }
  }

  @Test
  void proofsFromTilesMatchProofsFromAllNodes() {
    Random rnd = new Random(6);
    TileHashReader tiles = new TileHashReader(SIZE, log::hashTile);
    for (int k = 0; k < 200; k++) {
      long i = k < 4 ? new long[] {0, 255, 256, SIZE - 1}[k] : rnd.nextInt(SIZE);
      assertThat(Proofs.inclusion(i, SIZE, tiles)).as("inclusion(%d)", i)
          .containsExactlyElementsOf(Proofs.inclusion(i, SIZE, reference));
      long m = 1 + rnd.nextInt(SIZE);
      assertThat(Proofs.consistency(m, SIZE, tiles)).as("consistency(%d)", m)
          .containsExactlyElementsOf(Proofs.consistency(m, SIZE, reference));
    }
  }

  @Test
  void eachTileIsFetchedOnceWithTheWidthTheSizeImplies() {
    List<String> fetched = new ArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    TileHashReader r = new TileHashReader(SIZE, (level, index, width) -> {
      calls.incrementAndGet();
      fetched.add(TilePath.hashTile(level, index, width % 256));
      return log.hashTile(level, index, width);
    });
    Proofs.root(SIZE, r);
    Proofs.root(SIZE, r);
    // 70,000 = 65,536 + 17 * 256 + 112: the root needs one hash of the level-2 partial tile,
    // the level-1 partial tile (17 hashes, tile 1 of that level) and the level-0 partial tile
    // (112 hashes, tile 273); each is fetched once.
    assertThat(fetched).containsExactlyInAnyOrder("tile/2/000.p/1", "tile/1/001.p/17", "tile/0/273.p/112");
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void incompleteNodesAndShortTilesAreRefused() {
    TileHashReader r = new TileHashReader(300, log::hashTile);
    assertThatThrownBy(() -> r.nodeHash(9, 0)).hasMessageContaining("not a complete subtree");
    assertThatThrownBy(() -> r.nodeHash(0, 300)).hasMessageContaining("not a complete subtree");
    TileHashReader shortTiles = new TileHashReader(300, (l, i, w) -> new byte[32]);
    assertThatThrownBy(() -> shortTiles.nodeHash(0, 0)).hasMessageContaining("got 32 bytes, want 8192");
  }

  @Test
  void memoryLogServesEveryTileAndBundleOfItsSize() {
    for (TilePath t : TilePath.hashTiles(SIZE)) {
      assertThat(log.get(t.path())).as(t.path()).hasSize(t.width() * 32);
    }
    for (TilePath t : TilePath.entryBundles(SIZE)) {
      List<byte[]> entries = Tiles.decodeEntryBundle(log.get(t.path()), t.width());
      assertThat(Merkle.leafHash(entries.get(0))).isEqualTo(reference.leaf((int) (t.index() * 256)));
    }
    assertThat(log.get("tile/0/x001/018")).isNull();
    assertThat(log.get("tile/0/x001/017")).isNull();
    assertThat(log.get("tile/0/x001/017.p/113")).isNull();
    assertThat(log.get("not/a/tile")).isNull();
  }
}
