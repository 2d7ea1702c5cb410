package org.glassplate.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Cosignature vectors (c2sp.org/tlog-cosignature, Ed25519 cosignature/v1): golden files under
 * {@code src/test/resources/cosignatures}, made by {@code make_cosignatures.py} (Python's
 * {@code cryptography}, written from the spec text, not from this code; see SOURCES.md), and the
 * cosignature lines published in the spec and in transparency-dev/formats, whose keys are not
 * published, so only their layout is checked.
 */
class CosignatureSamplesTest {
  private static final Path DIR = Path.of("src/test/resources/cosignatures");

  record Case(Path file, String want) {}

  @Test
  void everyValidGoldenCosignatureVerifiesWithTheTimeInItsName() throws Exception {
    WitnessKey key = WitnessKey.parse(read("witness.vkey").strip());
    String body = read("checkpoint.txt");
    List<Path> files = list("valid");
    assertThat(files).hasSize(3);
    for (Path f : files) {
      String name = f.getFileName().toString();
      long want = Long.parseLong(name.substring("time_".length(), name.indexOf('.')));
      long got = Cosignature.verify(Files.readString(f, StandardCharsets.UTF_8), key, body);
      assertThat(got).as(name).isEqualTo(want);
    }
  }

  @Test
  void everyErrorGoldenCosignatureIsRefusedWithItsReason() throws Exception {
    WitnessKey key = WitnessKey.parse(read("witness.vkey").strip());
    String body = read("checkpoint.txt");
    int count = 0;
    for (CosignatureVerificationException.Reason reason : CosignatureVerificationException.Reason.values()) {
      List<Path> files = list("error_" + reason.name().toLowerCase(Locale.ROOT));
      assertThat(files).as("golden files for %s", reason).isNotEmpty();
      for (Path f : files) {
        String line = Files.readString(f, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Cosignature.verify(line, key, body))
            .as(f.toString())
            .isInstanceOfSatisfying(CosignatureVerificationException.class, e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.getMessage()).startsWith(reason.words() + ": ");
            });
        count++;
      }
    }
    assertThat(count).isEqualTo(14);
  }

  @Test
  void javaSignerReproducesTheGoldenCosignaturesByteForByte() throws Exception {
    // The same seed as make_cosignatures.py: Ed25519 is deterministic, so two implementations of
    // the spec must give the same line.
    WitnessSigner signer = WitnessSigner.fromSeed("witness.glassplate.test/w1", sha256("glassplate golden witness key"));
    assertThat(signer.key().vkey()).isEqualTo(read("witness.vkey").strip());
    String body = read("checkpoint.txt");
    for (long t : new long[] {0, 1700000000L, Long.MAX_VALUE}) {
      assertThat(signer.cosign(body, t).line() + "\n")
          .as("time %d", t).isEqualTo(read("valid/time_" + t + ".cosig"));
    }
  }

  @Test
  void goldenFilesMatchTheirRecordedDigests() throws Exception {
    String sources = read("SOURCES.md");
    try (Stream<Path> files = Files.walk(DIR)) {
      List<Path> data = files.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("SOURCES.md"))
          .filter(p -> !p.getFileName().toString().endsWith(".py"))
          .toList();
      assertThat(data).hasSize(19);
      for (Path p : data) {
        String hex = java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        assertThat(sources).as("SOURCES.md lists %s", p).contains(hex + "  " + DIR.relativize(p).toString().replace('\\', '/'));
      }
    }
  }

  @Test
  void publishedCosignatureLinesHaveTheLayoutOfTheSpec() throws Exception {
    record Published(String source, String line, String keyId, long timestamp) {}
    List<Published> published = List.of(
        // c2sp.org/tlog-cosignature, the example; its signed message example says "time 1679315147"
        new Published("C2SP tlog-cosignature.md",
            "— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==",
            "8d66cf3f", 1679315147L),
        // transparency-dev/formats note/note_cosigv1_test.go, TestCoSigV1Timestamp "works"
        new Published("transparency-dev/formats",
            "— w ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==",
            "646846b9", 1727964367L));
    for (Published p : published) {
      Cosignature c = Cosignature.parse(p.line());
      assertThat(NoteFormat.hex8(c.keyId())).as(p.source()).isEqualTo(p.keyId());
      assertThat(c.timestamp()).as(p.source()).isEqualTo(p.timestamp());
      assertThat(c.line()).as(p.source()).isEqualTo(p.line());
    }
    // transparency-dev/formats: "wrong type of signature", a plain 68-byte note signature
    assertThatThrownBy(() -> Cosignature.parse(
        "— w eQjRQm6eSKzFoiYalgwCPXu2y3ijtg68is9M46JKxuZB+dRfTmeQeDBoXnvxZx2ugnkyV+MUMLXpWs1hPb/W/4xkNQY="))
        .isInstanceOfSatisfying(CosignatureVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(CosignatureVerificationException.Reason.MALFORMED));
  }

  @Test
  void publishedWitnessVkeyParses() {
    // transparency-dev/formats note_cosigv1_test.go, "native algEd25519CosignatureV1 verifier"
    WitnessKey k = WitnessKey.parse("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2");
    assertThat(k.name()).isEqualTo("remora.n621.de");
    assertThat(NoteFormat.hex8(k.keyId())).isEqualTo("da77ade7");
    assertThat(k.vkey()).isEqualTo("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2");
  }

  @Test
  void witnessKeyRefusesLogKeysAndWrongKeyIds() {
    Ed25519NoteSigner log = Ed25519NoteSigner.fromSeed("log.example", sha256("log"));
    record Bad(String vkey, String want) {}
    WitnessKey good = WitnessSigner.fromSeed("w.example", sha256("w")).key();
    String b64 = good.vkey().substring(good.vkey().lastIndexOf('+') + 1);
    for (Bad b : List.of(
        new Bad(log.verifierKey(), "type 0x01"),
        new Bad("w.example+00000000+" + b64, "does not match"),
        new Bad("w.example+" + NoteFormat.hex8(good.keyId()), "malformed"),
        new Bad("w example+" + NoteFormat.hex8(good.keyId()) + "+" + b64, "malformed"))) {
      assertThatThrownBy(() -> WitnessKey.parse(b.vkey())).as(b.vkey())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(b.want());
    }
    assertThat(WitnessKey.parse(good.vkey())).isEqualTo(good);
  }

  @Test
  void theWitnessKeyIdIsNotTheNoteKeyIdOfTheSameKey() {
    WitnessSigner w = WitnessSigner.fromSeed("w.example", sha256("w"));
    Ed25519NoteSigner sameKeyAsNoteSigner = Ed25519NoteSigner.fromSignerKey(w.signerKey());
    assertThat(w.key().keyId()).isNotEqualTo(sameKeyAsNoteSigner.keyId());
    assertThat(WitnessSigner.fromSignerKey(w.signerKey()).key()).isEqualTo(w.key());
    assertThat(w.toString()).doesNotContain("PRIVATE");
  }

  private static List<Path> list(String sub) throws IOException {
    try (Stream<Path> s = Files.list(DIR.resolve(sub))) {
      return s.sorted().toList();
    }
  }

  private static String read(String name) throws IOException {
    return Files.readString(DIR.resolve(name), StandardCharsets.UTF_8);
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
