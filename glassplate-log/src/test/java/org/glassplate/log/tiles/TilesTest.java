package org.glassplate.log.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.glassplate.log.Merkle;
import org.junit.jupiter.api.Test;

class TilesTest {

  @Test
  void entryBundleIsBigEndianLengthPrefixedEntries() {
    byte[] got = Tiles.encodeEntryBundle(List.of(new byte[0], new byte[] {1, 2, 3}, new byte[300]));
    String hex = HexFormat.of().formatHex(got);
    assertThat(hex).startsWith("0000" + "0003010203" + "012c");
    assertThat(got).hasSize(2 + 5 + 302);
    List<byte[]> back = Tiles.decodeEntryBundle(got, 3);
    assertThat(back.get(1)).containsExactly(1, 2, 3);
    assertThat(back.get(2)).hasSize(300);
  }

  @Test
  void entryBundleDecodingIsStrict() {
    byte[] good = Tiles.encodeEntryBundle(List.of(new byte[] {9, 9}, new byte[] {7}));
    record Case(String name, byte[] bundle, int width, String want) {}
    List<Case> cases = List.of(
        new Case("truncated entry", java.util.Arrays.copyOf(good, good.length - 1), 2, "claims 1 bytes, only 0 remain"),
        new Case("truncated prefix", new byte[] {0}, 1, "truncated length prefix"),
        new Case("trailing byte", append(good, (byte) 0), 2, "truncated length prefix"),
        new Case("one entry too many", good, 1, "got 2 entries, want 1"),
        new Case("one entry too few", good, 3, "got 2 entries, want 3"));
    for (Case c : cases) {
      assertThatThrownBy(() -> Tiles.decodeEntryBundle(c.bundle(), c.width()))
          .as(c.name()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(c.want());
    }
    assertThatThrownBy(() -> Tiles.encodeEntryBundle(List.of(new byte[65536]))).hasMessageContaining("at most 65535");
  }

  @Test
  void hashTileIsConcatenatedHashesAndDecodesStrictly() {
    Random rnd = new Random(3);
    List<byte[]> hashes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      byte[] h = new byte[32];
      rnd.nextBytes(h);
      hashes.add(h);
    }
    byte[] tile = Tiles.encodeHashTile(hashes);
    assertThat(tile).hasSize(160);
    assertThat(Tiles.decodeHashTile(tile, 5)).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(hashes);
    assertThatThrownBy(() -> Tiles.decodeHashTile(tile, 4)).hasMessageContaining("got 160 bytes, want 128");
    assertThatThrownBy(() -> Tiles.decodeHashTile(java.util.Arrays.copyOf(tile, 161), 5)).hasMessageContaining("got 161 bytes, want 160");
    assertThatThrownBy(() -> Tiles.decodeHashTile(new byte[0], 0)).hasMessageContaining("out of range");
    assertThatThrownBy(() -> Tiles.encodeHashTile(List.of(new byte[31]))).hasMessageContaining("want 32");
  }

  @Test
  void tileRootIsTheRootOfItsHashes() {
    Random rnd = new Random(4);
    List<byte[]> hashes = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      byte[] h = new byte[32];
      rnd.nextBytes(h);
      hashes.add(h);
    }
    assertThat(Tiles.tileRoot(Tiles.encodeHashTile(hashes))).isEqualTo(Merkle.rootOf(hashes));
  }

  private static byte[] append(byte[] b, byte x) {
    byte[] c = java.util.Arrays.copyOf(b, b.length + 1);
    c[b.length] = x;
    return c;
  }
}
