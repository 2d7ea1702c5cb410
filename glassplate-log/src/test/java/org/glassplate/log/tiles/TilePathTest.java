package org.glassplate.log.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TilePathTest {

  @Test
  void pathsFollowTheSpecsExamples() {
    // c2sp.org/tlog-tiles: "index 1234067 will be encoded as x001/x234/067".
    record Case(String got, String want) {}
    List<Case> cases = List.of(
        new Case(TilePath.hashTile(1, 1234067, 8), "tile/1/x001/x234/067.p/8"),
        new Case(TilePath.hashTile(0, 1234, 5), "tile/0/x001/234.p/5"),
        new Case(TilePath.hashTile(0, 0, 0), "tile/0/000"),
        new Case(TilePath.hashTile(0, 0, 256), "tile/0/000"),
        new Case(TilePath.hashTile(2, 5, 0), "tile/2/005"),
        new Case(TilePath.hashTile(63, 999, 255), "tile/63/999.p/255"),
        new Case(TilePath.hashTile(0, 1000, 0), "tile/0/x001/000"),
        new Case(TilePath.hashTile(0, 1_000_000, 1), "tile/0/x001/x000/000.p/1"),
        new Case(TilePath.entryBundle(1234067, 0), "tile/entries/x001/x234/067"),
        new Case(TilePath.entryBundle(3906, 64), "tile/entries/x003/906.p/64"));
    for (Case c : cases) {
      assertThat(c.got()).as("got %s want %s", c.got(), c.want()).isEqualTo(c.want());
    }
  }

  @Test
  void parseReadsBackEveryCanonicalPath() {
    List<TilePath> paths = List.of(
        new TilePath(false, 1, 1234067, 8),
        new TilePath(false, 0, 0, 256),
        new TilePath(false, 63, Long.MAX_VALUE / 256, 256),
        new TilePath(true, 0, 1234067, 256),
        new TilePath(true, 0, 7, 1));
    for (TilePath p : paths) {
      assertThat(TilePath.parse(p.path())).as("parse(%s)", p.path()).isEqualTo(p);
      assertThat(TilePath.parse("/" + p.path())).isEqualTo(p);
    }
  }

  @Test
  void parseRefusesEveryNonCanonicalPath() {
    List<String> bad = List.of(
        "", "tile", "tile/", "tile/0", "tile/0/", "tiles/0/000", "tile/0/00", "tile/0/0000", "tile/0/1",
        "tile/00/000", "tile/01/000", "tile/64/000", "tile/-1/000", "tile/+1/000", "tile/a/000",
        "tile/0/x000/001", "tile/0/001/002", "tile/0/x001", "tile/0/x001/x002", "tile/0/y001/002",
        "tile/0/000.p/0", "tile/0/000.p/256", "tile/0/000.p/08", "tile/0/000.p/", "tile/0/000.p",
        "tile/0/000/.p/5", "tile/0/000.p/5/", "tile/0/000.q/5", "tile/0/０００", "tile/entries/x001",
        "tile/entry/000", "tile/0/000/", "tile/0/x009/x223/x372/x036/x854/x775/x808/000",
        "tile/0/x009/x223/x372/x036/x854/x775/808");
    for (String p : bad) {
      assertThatThrownBy(() -> TilePath.parse(p)).as("parse(%s)", p).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void treeOfSeventyThousandHasTheTilesTheSpecLists() {
    // tlog-tiles: "a tree of size 70,000 will be represented by 273 full level 0 tiles, one
    // partial level 0 tile of width 112, one full level 1 tile, one partial level 1 tile of
    // width 17, and one partial level 2 tile of width 1."
    Map<String, Integer> got = new TreeMap<>();
    for (TilePath t : TilePath.hashTiles(70_000)) {
      got.merge(t.level() + (t.partial() ? ".p/" + t.width() : " full"), 1, Integer::sum);
    }
    assertThat(got).isEqualTo(Map.of("0 full", 273, "0.p/112", 1, "1 full", 1, "1.p/17", 1, "2.p/1", 1));
  }

  @Test
  void treeOf256HasOneFullTileAndOnePartialAbove() {
    // tlog-tiles: "a tree of size 256 will be represented by a full level 0 tile and a partial
    // level 1 tile of width 1."
    assertThat(TilePath.hashTiles(256)).containsExactly(new TilePath(false, 0, 0, 256), new TilePath(false, 1, 0, 1));
    assertThat(TilePath.hashTiles(0)).isEmpty();
    assertThat(TilePath.entryBundles(513)).containsExactly(
        new TilePath(true, 0, 0, 256), new TilePath(true, 0, 1, 256), new TilePath(true, 0, 2, 1));
  }

  @Test
  void widthAtSaysFullPartialOrAbsent() {
    assertThat(TilePath.widthAt(0, 272, 70_000)).isEqualTo(256);
    assertThat(TilePath.widthAt(0, 273, 70_000)).isEqualTo(112);
    assertThat(TilePath.widthAt(0, 274, 70_000)).isZero();
    assertThat(TilePath.widthAt(1, 1, 70_000)).isEqualTo(17);
    assertThat(TilePath.widthAt(2, 0, 70_000)).isEqualTo(1);
    assertThat(TilePath.widthAt(3, 0, 70_000)).isZero();
  }
}
