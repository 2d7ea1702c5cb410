package org.glassplate.log.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.Ed25519NoteSigner;
import org.glassplate.log.note.WitnessSigner;
import org.glassplate.log.tiles.MemoryTileLog;
import org.glassplate.log.tiles.Tiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LogVerifier over a {@link LogSource} without HTTP, as a server's own self-audit would use it. */
class LogVerifierTest {
  private static final String ORIGIN = "self.test/log";
  private final Ed25519NoteSigner key = Ed25519NoteSigner.fromSeed(ORIGIN, new byte[32]);

  @TempDir Path dir;

  @Test
  void verifiesALogReadWithoutHttp() throws Exception {
    MemoryTileLog log = log(3000);
    VerifiedLog v = new LogVerifier(source(log, Map.of()), 3).verify(new KnownLogs(dir.resolve("pins")), null, w -> {});
    assertThat(v.checkpoint()).isEqualTo(new Checkpoint(ORIGIN, 3000, log.root()));
    assertThat(v.firstUse()).isTrue();
    assertThat(new String(v.checkpointNote(), StandardCharsets.UTF_8)).startsWith(ORIGIN + "\n3000\n");
  }

  @Test
  void reportsTheSmallestBadIndexWhateverOrderTilesAreCheckedIn() {
    MemoryTileLog log = log(3000);
    List<byte[]> late = entries(log, 2560, 256);
    late.set(5, "x".getBytes(StandardCharsets.UTF_8));
    List<byte[]> early = entries(log, 512, 256);
    early.set(77, "y".getBytes(StandardCharsets.UTF_8));
    Map<String, byte[]> tampered = Map.of(
        "tile/entries/010", Tiles.encodeEntryBundle(late),
        "tile/entries/002", Tiles.encodeEntryBundle(early));
    for (int parallelism : new int[] {1, 2, 8}) {
      assertThatThrownBy(() -> new LogVerifier(source(log, tampered), parallelism)
              .verify(new KnownLogs(dir.resolve("pins" + parallelism)), null, w -> {}))
          .isInstanceOfSatisfying(LogVerificationException.class, e -> {
            assertThat(e.index()).as("parallelism %d", parallelism).hasValue(512 + 77);
            assertThat(e.failLine()).startsWith("FAIL index=589: the entry hashes to ");
          });
    }
  }

  @Test
  void truncatedEntryIsNamed() {
    MemoryTileLog log = log(300);
    byte[] bundle = log.get("tile/entries/001.p/44");
    byte[] cut = java.util.Arrays.copyOf(bundle, bundle.length - 3);
    assertThatThrownBy(() -> new LogVerifier(source(log, Map.of("tile/entries/001.p/44", cut)), 2)
            .verify(new KnownLogs(dir.resolve("pins")), null, w -> {}))
        .isInstanceOfSatisfying(LogVerificationException.class, e -> assertThat(e.failLine())
            .startsWith("FAIL index=299: entry 299 in tile/entries/001.p/44 claims "));
  }

  @Test
  void quorumCountsOnlyTheGivenWitnessesValidCosignatures() throws Exception {
    MemoryTileLog log = log(300);
    String body = new Checkpoint(ORIGIN, log.size(), log.root()).body();
    WitnessSigner a = WitnessSigner.fromSeed("witness.test/a", filled(1));
    WitnessSigner b = WitnessSigner.fromSeed("witness.test/b", filled(2));
    WitnessSigner stranger = WitnessSigner.fromSeed("witness.test/stranger", filled(3));
    String note = key.sign(body) + a.cosign(body, 1_700_000_000L).line() + "\n"
        + stranger.cosign(body, 1_700_000_001L).line() + "\n";
    LogSource source = source(log, Map.of("checkpoint", note.getBytes(StandardCharsets.UTF_8)));

    VerifiedLog v = new LogVerifier(source, 2).verify(new KnownLogs(dir.resolve("pins")), null,
        new WitnessQuorum(List.of(a.key(), b.key()), 1), w -> {});
    assertThat(v.cosignatures()).containsExactly(new WitnessCosignature(a.key(), 1_700_000_000L));

    assertThatThrownBy(() -> new LogVerifier(source, 2).verify(new KnownLogs(dir.resolve("pins")), null,
            new WitnessQuorum(List.of(b.key(), a.key()), 2), w -> {}))
        .isInstanceOfSatisfying(LogVerificationException.class, e -> {
          assertThat(e.index()).isEmpty();
          assertThat(e.getMessage()).isEqualTo("witness quorum not met: 1 of the 2 witnesses cosigned the checkpoint of size 300,"
              + " want at least 2; not cosigned by " + b.key().vkey() + " (no cosignature line)");
        });
  }

  @Test
  void noWitnessesIgnoresCosignatureLines() throws Exception {
    MemoryTileLog log = log(10);
    String body = new Checkpoint(ORIGIN, log.size(), log.root()).body();
    String note = key.sign(body) + WitnessSigner.fromSeed("w", filled(1)).cosign(body, 1).line() + "\n";
    VerifiedLog v = new LogVerifier(source(log, Map.of("checkpoint", note.getBytes(StandardCharsets.UTF_8))), 1)
        .verify(new KnownLogs(dir.resolve("pins")), null, w -> {});
    assertThat(v.cosignatures()).isEmpty();
  }

  private static byte[] filled(int n) {
    byte[] s = new byte[32];
    java.util.Arrays.fill(s, (byte) n);
    return s;
  }

  private LogSource source(MemoryTileLog log, Map<String, byte[]> overrides) {
    Map<String, byte[]> r = new HashMap<>(overrides);
    r.putIfAbsent("key", key.verifierKey().getBytes(StandardCharsets.UTF_8));
    r.putIfAbsent("checkpoint", key.sign(new Checkpoint(ORIGIN, log.size(), log.root()).body()).getBytes(StandardCharsets.UTF_8));
    return path -> r.containsKey(path) ? r.get(path) : log.get(path);
  }

  private static MemoryTileLog log(int n) {
    MemoryTileLog log = new MemoryTileLog();
    for (int i = 0; i < n; i++) {
      log.append(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }
    return log;
  }

  private static List<byte[]> entries(MemoryTileLog log, int from, int count) {
    List<byte[]> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      out.add(log.entry(i));
    }
    return out;
  }
}
