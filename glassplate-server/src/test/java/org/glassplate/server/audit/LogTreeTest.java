package org.glassplate.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.glassplate.log.Merkle;
import org.glassplate.log.Proofs;
import org.glassplate.log.tiles.MemoryTileLog;
import org.glassplate.log.tiles.TileHashReader;
import org.glassplate.log.tiles.TilePath;
import org.junit.jupiter.api.Test;

/**
 * The sequencer's in-memory right edge ({@link LogTree}) and the stored-tile reader ({@link TileStore})
 * against the library's reference tile layout ({@link MemoryTileLog}): same tiles after every batch,
 * same root, same proofs, also after resuming from the stored tiles.
 */
class LogTreeTest {

  static long key(int level, long index) {
    return ((long) level << 56) | index;
  }

  /** A tile store over a map instead of the database. */
  static TileStore storeOver(Map<Long, byte[]> tiles) {
    return new TileStore(null, new AuditSettings("localhost", null, java.time.Duration.ofSeconds(1), 4096,
        java.time.Duration.ofSeconds(5), 64, null)) {
      @Override
      byte[] readStored(int level, long index) {
        return tiles.get(key(level, index));
      }
    };
  }

  @Test
  void tilesWrittenBatchByBatchAreTheReferenceTilesAndSurviveResuming() {
    Random random = new Random(42);
    MemoryTileLog reference = new MemoryTileLog();
    Map<Long, byte[]> stored = new HashMap<>();
    LogTree tree = LogTree.empty();
    int batchNo = 0;
    while (reference.size() < 70_000) {
      int batch = 1 + random.nextInt(batchNo % 5 == 0 ? 5000 : 300);
      for (int i = 0; i < batch; i++) {
        byte[] entry = new byte[1 + random.nextInt(40)];
        random.nextBytes(entry);
        reference.append(entry);
        tree.append(Merkle.leafHash(entry));
      }
      for (LogTree.Tile t : tree.takeChangedTiles()) {
        byte[] before = stored.get(key(t.level(), t.index()));
        if (before != null) {
          assertThat(before).as("tile %d/%d was full", t.level(), t.index()).hasSizeLessThan(256 * 32);
          assertThat(Arrays.copyOf(t.hashes(), before.length)).as("a tile only grows").isEqualTo(before);
        }
        stored.put(key(t.level(), t.index()), t.hashes());
      }
      long size = reference.size();
      assertThat(tree.size()).isEqualTo(size);
      assertThat(tree.root()).isEqualTo(reference.root());
      for (TilePath p : TilePath.hashTiles(size)) {
        assertThat(stored.get(key(p.level(), p.index()))).as(p.path())
            .isEqualTo(reference.hashTile(p.level(), p.index(), p.width()));
      }
      if (++batchNo % 7 == 0) {
        // As after a restart: from the stored tiles only.
        tree = LogTree.resume(size, storeOver(stored).reader(size), (l, i) -> stored.get(key(l, i)));
        assertThat(tree.root()).isEqualTo(reference.root());
      }
    }
    assertThat(TilePath.hashTiles(reference.size())).anyMatch(p -> p.level() == 2);
  }

  @Test
  void theStoredTileReaderGivesTheReferenceRootsAndProofsAtEverySize() {
    Random random = new Random(7);
    MemoryTileLog reference = new MemoryTileLog();
    for (int i = 0; i < 66_000; i++) {
      byte[] entry = new byte[8];
      random.nextBytes(entry);
      reference.append(entry);
    }
    long last = reference.size();
    Map<Long, byte[]> stored = new HashMap<>();
    for (TilePath p : TilePath.hashTiles(last)) {
      stored.put(key(p.level(), p.index()), reference.hashTile(p.level(), p.index(), p.width()));
    }
    TileStore store = storeOver(stored);
    for (long size : List.of(1L, 2L, 3L, 255L, 256L, 257L, 511L, 512L, 4097L, 65_535L, 65_536L, 65_537L, last)) {
      TileHashReader expected = new TileHashReader(size, reference::hashTile);
      assertThat(Proofs.root(size, store.reader(size))).as("root at %d", size).isEqualTo(Proofs.root(size, expected));
      for (int k = 0; k < 20; k++) {
        long index = (long) (random.nextDouble() * size);
        assertThat(Proofs.inclusion(index, size, store.reader(size)))
            .as("inclusion of %d in %d", index, size)
            .usingElementComparator(Arrays::compare)
            .containsExactlyElementsOf(Proofs.inclusion(index, size, expected));
        long from = 1 + (long) (random.nextDouble() * size);
        assertThat(Proofs.consistency(from, size, store.reader(size)))
            .as("consistency %d..%d", from, size)
            .usingElementComparator(Arrays::compare)
            .containsExactlyElementsOf(Proofs.consistency(from, size, expected));
      }
    }
  }
}
