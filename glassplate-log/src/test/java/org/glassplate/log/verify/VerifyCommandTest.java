package org.glassplate.log.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.glassplate.log.Merkle;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.Ed25519NoteSigner;
import org.glassplate.log.note.WitnessSigner;
import org.glassplate.log.tiles.MemoryTileLog;
import org.glassplate.log.tiles.TilePath;
import org.glassplate.log.tiles.Tiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit verify} against a log served by a local HttpServer: an honest log passes, and
 * each kind of tampering fails naming the first bad index, or the log-wide reason.
 */
class VerifyCommandTest {
  private static final int SIZE = 1000; // 3 full tiles + a partial one of 232; level-1 tile of 3

  private final Ed25519NoteSigner key = Ed25519NoteSigner.fromSeed(TestLogServer.ORIGIN, seed(1));
  private TestLogServer server;
  private List<byte[]> entries;

  @TempDir Path dir;

  @BeforeEach
  void start() throws IOException {
    entries = new ArrayList<>();
    for (int i = 0; i < SIZE; i++) {
      entries.add(entry(i));
    }
    server = new TestLogServer(logOf(entries), key);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void honestLogVerifiesAndPrintsSizeAndRoot() {
    Result r = verify();
    assertThat(r.code).as("exit code; out: %s err: %s", r.out, r.err).isZero();
    assertThat(r.lastLine()).isEqualTo("OK size=1000 root=" + b64(Merkle.rootOf(leafHashes(entries))));
  }

  @Test
  void gzipCompressedAnswersAreInflated() {
    server.gzip(true);
    assertThat(verify().lastLine()).isEqualTo("OK size=1000 root=" + b64(Merkle.rootOf(leafHashes(entries))));
  }

  @Test
  void firstUsePinsTheKeyWithAWarningAndLaterUseDoesNot() throws IOException {
    Result first = verify();
    assertThat(first.err).contains("WARNING: first use of log \"" + TestLogServer.ORIGIN + "\"");
    assertThat(Files.readString(pins())).isEqualTo(TestLogServer.ORIGIN + " " + key.verifierKey() + "\n");
    Result second = verify();
    assertThat(second.code).isZero();
    assertThat(second.err).doesNotContain("WARNING");
  }

  @Test
  void changedEntryIsNamedByItsIndex() {
    List<byte[]> tampered = new ArrayList<>(entries);
    tampered.set(300, "{\"type\":\"search\",\"reason\":\"rewritten\"}".getBytes(StandardCharsets.UTF_8));
    serveBundlesOf(tampered, SIZE);
    Result r = verify();
    assertThat(r.code).isEqualTo(1);
    assertThat(r.lastLine()).startsWith("FAIL index=300: the entry hashes to ");
  }

  @Test
  void deletedEntryIsNamedByItsIndex() {
    // The row is gone; the server serves what is left, so every later entry moves up by one.
    List<byte[]> tampered = new ArrayList<>(entries);
    tampered.remove(500);
    serveBundlesOf(tampered, SIZE);
    Result r = verify();
    assertThat(r.code).isEqualTo(1);
    assertThat(r.lastLine()).startsWith("FAIL index=500: ");
  }

  @Test
  void deletedLastEntryIsMissingFromTheShortBundle() {
    List<byte[]> tampered = new ArrayList<>(entries.subList(0, SIZE - 1));
    serveBundlesOf(tampered, SIZE);
    Result r = verify();
    assertThat(r.lastLine()).isEqualTo("FAIL index=999: entry missing: tile/entries/003.p/232 holds 231 entries, want 232");
  }

  @Test
  void entryRewrittenTogetherWithItsTileLeafIsCaughtByTheTileAbove() {
    // The tamperer also fixes the level-0 tile, but not the level-1 tile nor the signed root.
    List<byte[]> tampered = new ArrayList<>(entries);
    tampered.set(300, "{\"rewritten\":true}".getBytes(StandardCharsets.UTF_8));
    MemoryTileLog forged = logOf(tampered);
    server.override("tile/entries/001", forged.get("tile/entries/001"));
    server.override("tile/0/001", forged.get("tile/0/001"));
    Result r = verify();
    assertThat(r.lastLine()).startsWith("FAIL index=256: hash 1 of tile/1/000.p/3 is ");
  }

  @Test
  void wholeForgedTreeWithTheOldSignatureFailsTheRoot() {
    List<byte[]> tampered = new ArrayList<>(entries);
    tampered.set(7, "{\"rewritten\":true}".getBytes(StandardCharsets.UTF_8));
    MemoryTileLog forged = logOf(tampered);
    String checkpoint = key.sign(new Checkpoint(TestLogServer.ORIGIN, SIZE, Merkle.rootOf(leafHashes(entries))).body());
    server.serve(forged, key);
    server.serveCheckpoint(checkpoint);
    Result r = verify();
    assertThat(r.lastLine()).startsWith("FAIL: the root recomputed from all 1000 entries is ");
  }

  @Test
  void missingTileIsNamedByItsFirstIndex() {
    server.override("tile/0/002", null);
    assertThat(verify().lastLine()).isEqualTo("FAIL index=512: tile/0/002 is not served (HTTP 404)");
  }

  @Test
  void rollbackBelowTheSavedCheckpointFails() throws IOException {
    Path saved = dir.resolve("trusted.checkpoint");
    assertThat(verify("--save-checkpoint", saved.toString()).code).isZero();
    // The database is restored from an older copy: 600 entries, honestly re-signed.
    server.serve(logOf(entries.subList(0, 600)), key);
    Result r = verify("--trusted-checkpoint", saved.toString());
    assertThat(r.code).isEqualTo(1);
    assertThat(r.lastLine()).isEqualTo("FAIL: rollback: the log's checkpoint has size 600, smaller than the trusted checkpoint's size 1000");
  }

  @Test
  void restoredAndRegrownLogIsNotConsistentWithTheSavedCheckpoint() throws IOException {
    Path saved = dir.resolve("trusted.checkpoint");
    assertThat(verify("--save-checkpoint", saved.toString()).code).isZero();
    List<byte[]> regrown = new ArrayList<>(entries.subList(0, 600));
    for (int i = 600; i < 1300; i++) {
      regrown.add(("{\"other\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }
    server.serve(logOf(regrown), key);
    Result r = verify("--trusted-checkpoint", saved.toString());
    assertThat(r.code).isEqualTo(1);
    assertThat(r.lastLine()).startsWith("FAIL: not consistent with the trusted checkpoint of size 1000");
  }

  @Test
  void grownLogIsConsistentWithTheSavedCheckpoint() throws IOException {
    Path saved = dir.resolve("trusted.checkpoint");
    assertThat(verify("--save-checkpoint", saved.toString()).code).isZero();
    List<byte[]> grown = new ArrayList<>(entries);
    for (int i = SIZE; i < 70_000; i++) {
      grown.add(entry(i));
    }
    server.serve(logOf(grown), key);
    Result r = verify("--trusted-checkpoint", saved.toString(), "--save-checkpoint", saved.toString());
    assertThat(r.code).as("out %s err %s", r.out, r.err).isZero();
    assertThat(r.lastLine()).startsWith("OK size=70000 ");
    assertThat(Files.readString(saved)).contains("\n70000\n");
    assertThat(verify("--trusted-checkpoint", saved.toString()).code).isZero();
  }

  @Test
  void servedConsistencyProofThatDoesNotVerifyFails() throws IOException {
    Path saved = dir.resolve("trusted.checkpoint");
    verify("--save-checkpoint", saved.toString());
    List<byte[]> grown = new ArrayList<>(entries);
    grown.add(entry(SIZE));
    server.serve(logOf(grown), key);
    server.overrideConsistencyProof(q -> TestLogServer.consistencyJson(SIZE, SIZE + 1, List.of(new byte[32], new byte[32])));
    Result r = verify("--trusted-checkpoint", saved.toString());
    assertThat(r.lastLine()).startsWith("FAIL: the consistency proof the log serves from 1000 to 1001 does not verify: ");
    server.overrideConsistencyProof(q -> "{\"from\":1000,\"to\":1001,\"hashes\":[\"not base64\"]}".getBytes(StandardCharsets.UTF_8));
    assertThat(verify("--trusted-checkpoint", saved.toString()).lastLine())
        .startsWith("FAIL: the log's consistency proof answer is malformed: ");
  }

  @Test
  void differentKeyForAPinnedOriginFails() {
    assertThat(verify().code).isZero();
    Ed25519NoteSigner other = Ed25519NoteSigner.fromSeed(TestLogServer.ORIGIN, seed(2));
    server.serve(logOf(entries), other);
    Result r = verify();
    assertThat(r.code).isEqualTo(1);
    assertThat(r.lastLine()).startsWith("FAIL: the log's verifier key changed: pinned " + key.verifierKey());
  }

  @Test
  void checkpointNotSignedByTheServedKeyFails() {
    Ed25519NoteSigner other = Ed25519NoteSigner.fromSeed(TestLogServer.ORIGIN, seed(2));
    server.serveCheckpoint(other.sign(new Checkpoint(TestLogServer.ORIGIN, SIZE, Merkle.rootOf(leafHashes(entries))).body()));
    Result r = verify();
    assertThat(r.code).isEqualTo(1);
    assertThat(r.lastLine()).startsWith("FAIL: checkpoint refused: unknown key only: ");
  }

  @Test
  void badSignatureFails() {
    String good = key.sign(new Checkpoint(TestLogServer.ORIGIN, SIZE, Merkle.rootOf(leafHashes(entries))).body());
    server.serveCheckpoint(good.replace("\n1000\n", "\n1001\n"));
    assertThat(verify().lastLine()).startsWith("FAIL: checkpoint refused: bad signature: ");
  }

  @Test
  void emptyLogVerifies() {
    server.serve(new MemoryTileLog(), key);
    assertThat(verify().lastLine()).isEqualTo("OK size=0 root=" + b64(Merkle.emptyRoot()));
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run().code).isEqualTo(2);
    assertThat(run("verify", "ftp://x").code).isEqualTo(2);
    assertThat(run("verify", server.baseUrl(), "--bogus").code).isEqualTo(2);
    assertThat(run("verify", server.baseUrl(), "--trusted-checkpoint", dir.resolve("absent").toString()).code).isEqualTo(2);
    assertThat(run("--help").code).isZero();
  }

  @Test
  void unreachableLogFails() throws IOException {
    String base = server.baseUrl();
    server.close();
    Result r = run("audit", "verify", base, "--pin-file", pins().toString());
    assertThat(r.code).isEqualTo(1);
    assertThat(r.lastLine()).startsWith("FAIL: cannot read the log at " + base);
  }

  @Test
  void localProofFromRecomputedTilesMatchesTheServersProof() throws Exception {
    // The verifier's local consistency check uses the same algorithm as the server's answer.
    MemoryTileLog log = logOf(entries);
    assertThat(Proofs.consistency(600, SIZE, log.hashReader()))
        .containsExactlyElementsOf(Proofs.consistency(600, SIZE, new org.glassplate.log.ReferenceTree(leafHashes(entries))));
  }

  // --- helpers

  private Result verify(String... extra) {
    List<String> args = new ArrayList<>(List.of("audit", "verify", server.baseUrl(), "--pin-file", pins().toString()));
    args.addAll(Arrays.asList(extra));
    return run(args.toArray(new String[0]));
  }

  private Path pins() {
    return dir.resolve("known-logs");
  }

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Result(int code, String out, String err) {
    String lastLine() {
      String[] lines = out.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  /** Serves entry bundles made from {@code stored} at the paths a tree of {@code size} has. */
  @Test
  void checkpointCosignedByTheWitnessesMeetsTheQuorum() {
    WitnessSigner w1 = WitnessSigner.fromSeed("witness.test/w1", seed(11));
    WitnessSigner w2 = WitnessSigner.fromSeed("witness.test/w2", seed(12));
    server.serveCheckpoint(cosigned(w1, w2));
    Result r = verify("--witness", w1.key().vkey(), w2.key().vkey());
    assertThat(r.code).as("out %s err %s", r.out, r.err).isZero();
    assertThat(r.lastLine()).startsWith("OK size=1000 ");
    assertThat(r.err).contains("cosigned by " + w1.key().vkey()).contains("cosigned by " + w2.key().vkey());
    assertThat(verify("--witness", w1.key().vkey(), "--witness", w2.key().vkey(), "--quorum", "2").code).isZero();
  }

  @Test
  void missingCosignatureFailsWithoutQuorumAndNamesTheWitness() {
    WitnessSigner w1 = WitnessSigner.fromSeed("witness.test/w1", seed(11));
    WitnessSigner w2 = WitnessSigner.fromSeed("witness.test/w2", seed(12));
    server.serveCheckpoint(cosigned(w1));
    Result r = verify("--witness", w1.key().vkey(), w2.key().vkey());
    assertThat(r.code).isEqualTo(1);
    assertThat(r.lastLine()).isEqualTo("FAIL: witness quorum not met: 1 of the 2 witnesses cosigned the checkpoint of size 1000,"
        + " want at least 2; not cosigned by " + w2.key().vkey() + " (no cosignature line)");
    assertThat(verify("--witness", w1.key().vkey(), w2.key().vkey(), "--quorum", "1").code).isZero();
  }

  @Test
  void uncosignedCheckpointFailsWithAWitness() {
    WitnessSigner w1 = WitnessSigner.fromSeed("witness.test/w1", seed(11));
    Result r = verify("--witness", w1.key().vkey(), "--quorum", "1");
    assertThat(r.code).isEqualTo(1);
    assertThat(r.lastLine()).startsWith("FAIL: witness quorum not met: 0 of the 1 witnesses cosigned");
  }

  @Test
  void cosignatureOfAnotherCheckpointDoesNotCount() {
    WitnessSigner w1 = WitnessSigner.fromSeed("witness.test/w1", seed(11));
    // The witness cosigned the log at size 999; the log serves size 1000 with that line copied over.
    String older = new Checkpoint(TestLogServer.ORIGIN, SIZE - 1, Merkle.rootOf(leafHashes(entries.subList(0, SIZE - 1)))).body();
    String line = w1.cosign(older, 1_750_000_000L).line();
    server.serveCheckpoint(signedNow() + line + "\n");
    Result r = verify("--witness", w1.key().vkey());
    assertThat(r.code).isEqualTo(1);
    assertThat(r.lastLine()).startsWith("FAIL: witness quorum not met: 0 of the 1 witnesses cosigned the checkpoint of size 1000")
        .contains("(bad signature: signature by witness.test/w1+");
  }

  @Test
  void logKeySignatureIsNotACosignature() {
    // The log's own key as a "witness": its note signature is type 0x01, so its key ID differs.
    WitnessSigner sameKey = WitnessSigner.fromSeed(TestLogServer.ORIGIN, seed(1));
    Result r = verify("--witness", sameKey.key().vkey());
    assertThat(r.code).isEqualTo(1);
    assertThat(r.lastLine()).contains("not cosigned by " + sameKey.key().vkey() + " (no cosignature line)");
  }

  @Test
  void witnessUsageErrorsExitWithTwo() {
    WitnessSigner w1 = WitnessSigner.fromSeed("witness.test/w1", seed(11));
    assertThat(verify("--witness").code).isEqualTo(2);
    assertThat(verify("--witness", "not+a+key").code).isEqualTo(2);
    assertThat(verify("--quorum", "1").code).isEqualTo(2);
    assertThat(verify("--witness", w1.key().vkey(), "--quorum", "2").code).isEqualTo(2);
    assertThat(verify("--witness", w1.key().vkey(), "--quorum", "0").code).isEqualTo(2);
    // A log's note key (type 0x01) is not a witness key.
    Result r = verify("--witness", key.verifierKey());
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("want 0x04");
  }

  private String signedNow() {
    return key.sign(new Checkpoint(TestLogServer.ORIGIN, SIZE, Merkle.rootOf(leafHashes(entries))).body());
  }

  private String cosigned(WitnessSigner... witnesses) {
    String body = new Checkpoint(TestLogServer.ORIGIN, SIZE, Merkle.rootOf(leafHashes(entries))).body();
    StringBuilder note = new StringBuilder(signedNow());
    for (WitnessSigner w : witnesses) {
      note.append(w.cosign(body, 1_750_000_000L).line()).append('\n');
    }
    return note.toString();
  }

  private void serveBundlesOf(List<byte[]> stored, long size) {
    for (TilePath t : TilePath.entryBundles(size)) {
      int from = (int) Math.min(stored.size(), t.index() * 256);
      int to = (int) Math.min(stored.size(), t.index() * 256 + t.width());
      server.override(t.path(), Tiles.encodeEntryBundle(stored.subList(from, to)));
    }
  }

  private static MemoryTileLog logOf(List<byte[]> entries) {
    MemoryTileLog log = new MemoryTileLog();
    entries.forEach(log::append);
    return log;
  }

  private static List<byte[]> leafHashes(List<byte[]> entries) {
    return entries.stream().map(Merkle::leafHash).toList();
  }

  private static byte[] entry(int i) {
    return ("{\"type\":\"search\",\"time\":\"2025-06-01T00:00:00Z\",\"index\":" + i + "}").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] seed(int n) {
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) n);
    return s;
  }

  private static String b64(byte[] b) {
    return java.util.Base64.getEncoder().encodeToString(b);
  }
}
