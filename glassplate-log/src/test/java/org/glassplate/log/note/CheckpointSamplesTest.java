package org.glassplate.log.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden checkpoint files (sigstore-java style): every file in {@code samples/valid} verifies, and
 * every file in {@code samples/error_<reason>} is refused with that reason, whose words the
 * message contains. See {@link CheckpointSamples} for how they are made.
 */
class CheckpointSamplesTest {
  private static String verifierKey;
  private static String origin;

  @BeforeAll
  static void readKey() throws IOException {
    if (Boolean.getBoolean("glassplate.regenerateSamples")) {
      CheckpointSamples.write();
    }
    verifierKey = Files.readString(CheckpointSamples.DIR.resolve("key.vkey")).strip();
    origin = Files.readString(CheckpointSamples.DIR.resolve("origin.txt")).strip();
  }

  @Test
  void samplesOnDiskAreTheGeneratorsOutput() throws IOException {
    Map<String, byte[]> want = CheckpointSamples.generate();
    List<String> onDisk = new ArrayList<>();
    try (Stream<Path> files = Files.walk(CheckpointSamples.DIR)) {
      files.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("README.md"))
          .forEach(p -> onDisk.add(CheckpointSamples.DIR.relativize(p).toString().replace('\\', '/')));
    }
    assertThat(onDisk).as("sample files (regenerate with -Dglassplate.regenerateSamples=true)")
        .containsExactlyInAnyOrderElementsOf(want.keySet());
    for (Map.Entry<String, byte[]> e : want.entrySet()) {
      assertThat(Files.readAllBytes(CheckpointSamples.DIR.resolve(e.getKey())))
          .as("%s differs from the generator's output", e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void everyValidSampleVerifies() throws IOException {
    List<Path> samples = list(CheckpointSamples.DIR.resolve("valid"));
    assertThat(samples).hasSizeGreaterThan(5);
    for (Path p : samples) {
      byte[] note = Files.readAllBytes(p);
      assertThatCode(() -> CheckpointVerifier.verify(note, verifierKey, origin))
          .as("valid sample %s", p.getFileName()).doesNotThrowAnyException();
    }
  }

  @Test
  void everyErrorSampleIsRefusedWithItsReason() throws IOException {
    List<Path> dirs;
    try (Stream<Path> s = Files.list(CheckpointSamples.DIR)) {
      dirs = s.filter(Files::isDirectory).filter(d -> d.getFileName().toString().startsWith("error_")).sorted().toList();
    }
    assertThat(dirs).hasSizeGreaterThan(10);
    for (Path dir : dirs) {
      String reason = dir.getFileName().toString().substring("error_".length());
      CheckpointVerificationException.Reason want =
          CheckpointVerificationException.Reason.valueOf(reason.toUpperCase(Locale.ROOT));
      List<Path> samples = list(dir);
      assertThat(samples).as("samples in %s", dir.getFileName()).isNotEmpty();
      for (Path p : samples) {
        byte[] note = Files.readAllBytes(p);
        assertThatThrownBy(() -> CheckpointVerifier.verify(note, verifierKey, origin))
            .as("%s/%s", dir.getFileName(), p.getFileName())
            .isInstanceOfSatisfying(CheckpointVerificationException.class, e -> {
              assertThat(e.reason()).as("%s/%s: got %s want %s (%s)", dir.getFileName(), p.getFileName(),
                  e.reason(), want, e.getMessage()).isEqualTo(want);
              assertThat(e.getMessage()).contains(reason.replace('_', ' '));
            });
      }
    }
  }

  @Test
  void validSamplesParseToWhatWasSigned() throws Exception {
    Checkpoint c = CheckpointVerifier.verify(
        Files.readString(CheckpointSamples.DIR.resolve("valid/c2sp_example_size_and_root.checkpoint"), StandardCharsets.UTF_8),
        verifierKey, origin);
    assertThat(c.size()).isEqualTo(20852163);
    assertThat(c.rootBase64()).isEqualTo("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
    Checkpoint ext = CheckpointVerifier.verify(
        Files.readAllBytes(CheckpointSamples.DIR.resolve("valid/extension_lines.checkpoint")), verifierKey, null);
    assertThat(ext.extensions()).containsExactly("extension one", "extension two");
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
