package org.glassplate.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.CheckpointVerificationException;
import org.glassplate.log.note.CheckpointVerifier;
import org.glassplate.log.note.Ed25519NoteSigner;
import org.glassplate.log.note.NoteVerifier;
import org.glassplate.log.tiles.TilePath;
import org.glassplate.log.tiles.Tiles;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of every parser of untrusted input: whatever the bytes, each either
 * accepts or refuses with its declared exception, never anything else, and never accepts a
 * checkpoint whose signed text was changed.
 */
class ParsersFuzzTest {
  private static final int ROUNDS = 10_000;
  private static final Ed25519NoteSigner KEY = Ed25519NoteSigner.fromSeed("fuzz.test/log", new byte[32]);

  @Test
  void checkpointVerifierOnlyAcceptsTheSignedTextOrRefusesWithAReason() {
    Random rnd = new Random(11);
    String body = new Checkpoint("fuzz.test/log", 1234, Merkle.leafHash(new byte[] {1})).body();
    byte[] good = KEY.sign(body).getBytes(StandardCharsets.UTF_8);
    int accepted = 0;
    // Each round verifies an Ed25519 signature; fewer rounds keep the suite fast.
    for (int i = 0; i < ROUNDS / 5; i++) {
      byte[] m = mutate(rnd, good);
      try {
        Checkpoint c = CheckpointVerifier.verify(m, KEY.verifierKey(), "fuzz.test/log");
        assertThat(c.body()).as("accepted mutation must carry the signed text").isEqualTo(body);
        accepted++;
      } catch (CheckpointVerificationException e) {
        assertThat(e.reason()).isNotNull();
      }
    }
    // Mutations of the signature block that keep the text (duplicated lines, say) may pass.
    assertThat(accepted).isLessThan(ROUNDS / 5);
  }

  @Test
  void noteVerifierKeyParserOnlyThrowsIllegalArgument() {
    Random rnd = new Random(12);
    byte[] good = KEY.verifierKey().getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < ROUNDS; i++) {
      String s = new String(mutate(rnd, good), StandardCharsets.UTF_8);
      try {
        NoteVerifier v = new NoteVerifier(s);
        assertThat(v.verifierKey()).isEqualTo(KEY.verifierKey());
      } catch (IllegalArgumentException expected) {
        // refused
      }
    }
  }

  @Test
  void tilePathParserOnlyThrowsIllegalArgumentAndRoundTrips() {
    Random rnd = new Random(13);
    List<byte[]> seeds = new ArrayList<>();
    for (String p : List.of("tile/1/x001/x234/067.p/8", "tile/entries/x003/906.p/64", "tile/0/000", "tile/63/x999/999")) {
      seeds.add(p.getBytes(StandardCharsets.UTF_8));
    }
    for (int i = 0; i < ROUNDS; i++) {
      String s = new String(mutate(rnd, seeds.get(rnd.nextInt(seeds.size()))), StandardCharsets.UTF_8);
      try {
        TilePath t = TilePath.parse(s);
        assertThat(t.path()).isEqualTo(s.startsWith("/") ? s.substring(1) : s);
      } catch (IllegalArgumentException expected) {
        // refused
      }
    }
  }

  @Test
  void entryBundleDecoderOnlyThrowsIllegalArgument() {
    Random rnd = new Random(14);
    byte[] good = Tiles.encodeEntryBundle(List.of(new byte[] {1, 2, 3}, new byte[0], new byte[300]));
    for (int i = 0; i < ROUNDS; i++) {
      byte[] m = mutate(rnd, good);
      try {
        List<byte[]> entries = Tiles.decodeEntryBundle(m);
        assertThat(Tiles.encodeEntryBundle(entries)).isEqualTo(m);
      } catch (IllegalArgumentException expected) {
        // refused
      }
    }
  }

  private static final byte[] INTERESTING = {'\n', ' ', '+', '-', '0', 'x', '/', '.', 'p', '=', (byte) 0xff, 0};

  /** One to three random edits: flip, insert, delete, duplicate a slice, or truncate. */
  private static byte[] mutate(Random rnd, byte[] in) {
    byte[] b = in.clone();
    for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
      if (b.length == 0) {
        return new byte[] {(byte) rnd.nextInt()};
      }
      int at = rnd.nextInt(b.length);
      switch (rnd.nextInt(5)) {
        case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
        case 1 -> b = splice(b, at, 0, new byte[] {INTERESTING[rnd.nextInt(INTERESTING.length)]});
        case 2 -> b = splice(b, at, 1, new byte[0]);
        case 3 -> {
          int len = Math.min(b.length - at, 1 + rnd.nextInt(40));
          byte[] slice = java.util.Arrays.copyOfRange(b, at, at + len);
          b = splice(b, rnd.nextInt(b.length), 0, slice);
        }
        default -> b = java.util.Arrays.copyOf(b, at);
      }
    }
    return b;
  }

  private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    byte[] out = new byte[b.length - remove + insert.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
    return out;
  }
}
