package org.glassplate.log.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.Cosignature;
import org.glassplate.log.note.Ed25519NoteSigner;
import org.glassplate.log.note.WitnessSigner;
import org.glassplate.log.tiles.MemoryTileLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The add-checkpoint protocol of c2sp.org/tlog-witness, on real trees and real proofs. */
class WitnessTest {
  static final String ORIGIN = "glassplate.test/glassplate/agency-1";
  static final long NOW = 1_700_000_000L;
  static final Ed25519NoteSigner LOG = Ed25519NoteSigner.fromSeed(ORIGIN, sha256("log key"));
  static final Ed25519NoteSigner IMPOSTOR = Ed25519NoteSigner.fromSeed(ORIGIN, sha256("not the log key"));
  static final WitnessSigner WITNESS = WitnessSigner.fromSeed("witness.glassplate.test/w1", sha256("witness key"));

  @TempDir
  Path dir;
  FileWitnessStore store;
  Witness witness;
  MemoryTileLog honest;

  @BeforeEach
  void setUp() throws IOException {
    store = new FileWitnessStore(dir);
    witness = newWitness();
    honest = new MemoryTileLog();
  }

  Witness newWitness() {
    return new Witness(WITNESS, List.of(LOG.verifierKey()), store, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
  }

  @Test
  void cosignsTheFirstCheckpointWithOldSizeZero() throws Exception {
    grow(honest, 3, "a");
    String note = signed(honest);
    Answer a = witness.addCheckpoint(request(0, List.of(), note));

    assertThat(a.outcome()).isEqualTo(Answer.Outcome.COSIGNED);
    assertThat(WitnessCommand.status(a.outcome())).isEqualTo(200);
    assertThat(a.body()).startsWith("— witness.glassplate.test/w1 ").endsWith("\n");
    assertThat(a.body().strip()).doesNotContain("\n");
    String body = new Checkpoint(ORIGIN, 3, honest.root()).body();
    assertThat(Cosignature.verify(a.body(), WITNESS.key(), body)).isEqualTo(NOW);
    assertThat(store.latest(ORIGIN).orElseThrow().note()).isEqualTo(note);
  }

  @Test
  void cosignsGrowthWithAValidConsistencyProof() throws Exception {
    grow(honest, 3, "a");
    assertCosigned(witness.addCheckpoint(request(0, List.of(), signed(honest))));
    grow(honest, 14, "a");
    Answer a = witness.addCheckpoint(request(3, Proofs.consistency(3, 14, honest.hashReader()), signed(honest)));

    assertCosigned(a);
    assertThat(a.knownSize()).isEqualTo(14);
    assertThat(store.latest(ORIGIN).orElseThrow().checkpoint().size()).isEqualTo(14);
    // the same checkpoint again, with an empty proof, is cosigned again
    assertCosigned(witness.addCheckpoint(request(14, List.of(), signed(honest))));
  }

  @Test
  void witnessesTheLogsItsSupplierNamesAtEachRequest() throws Exception {
    java.util.concurrent.atomic.AtomicReference<List<String>> keys = new java.util.concurrent.atomic.AtomicReference<>(
        List.of());
    Witness w = new Witness(WITNESS, keys::get, store, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    grow(honest, 3, "a");
    String note = signed(honest);

    assertThat(w.addCheckpoint(request(0, List.of(), note)).outcome()).isEqualTo(Answer.Outcome.UNKNOWN_LOG);
    assertThat(w.origins()).isEmpty();
    keys.set(List.of(LOG.verifierKey()));
    assertCosigned(w.addCheckpoint(request(0, List.of(), note)));
    assertThat(w.origins()).containsExactly(ORIGIN);
    keys.set(List.of());
    assertThat(w.addCheckpoint(request(3, List.of(), note)).outcome()).isEqualTo(Answer.Outcome.UNKNOWN_LOG);
  }

  @Test
  void answersTheSizeItKnowsWhenTheOldSizeIsWrong() throws Exception {
    grow(honest, 5, "a");
    assertCosigned(witness.addCheckpoint(request(0, List.of(), signed(honest))));
    grow(honest, 9, "a");
    for (long old : new long[] {0, 4, 6}) {
      Answer a = witness.addCheckpoint(request(old, Proofs.consistency(5, 9, honest.hashReader()), signed(honest)));
      assertThat(a.outcome()).as("old %d", old).isEqualTo(Answer.Outcome.SIZE_CONFLICT);
      assertThat(WitnessCommand.status(a.outcome())).isEqualTo(409);
      assertThat(a.body()).isEqualTo("5\n");
    }
    assertThat(store.latest(ORIGIN).orElseThrow().checkpoint().size()).isEqualTo(5);
  }

  @Test
  void refusesACheckpointNotSignedByTheLogsKey() throws Exception {
    grow(honest, 3, "a");
    String forged = IMPOSTOR.sign(new Checkpoint(ORIGIN, 3, honest.root()).body());
    Answer a = witness.addCheckpoint(request(0, List.of(), forged));

    assertThat(a.outcome()).isEqualTo(Answer.Outcome.BAD_SIGNATURE);
    assertThat(WitnessCommand.status(a.outcome())).isEqualTo(403);
    assertThat(a.body()).startsWith("bad signature: ");
    assertThat(store.latest(ORIGIN)).isEmpty();
  }

  @Test
  void refusesAnUnknownLogMalformedRequestsAndAnOldSizeAboveTheCheckpoint() throws Exception {
    grow(honest, 3, "a");
    Ed25519NoteSigner other = Ed25519NoteSigner.fromSeed("other.example/log", sha256("other"));
    record Case(String request, Answer.Outcome want, int status) {}
    String note = signed(honest);
    for (Case c : List.of(
        new Case(requestText(0, List.of(), other.sign(new Checkpoint("other.example/log", 3, honest.root()).body())),
            Answer.Outcome.UNKNOWN_LOG, 404),
        new Case(requestText(4, List.of(), note), Answer.Outcome.OLD_SIZE_TOO_LARGE, 400),
        new Case("old 00\n\n" + note, Answer.Outcome.MALFORMED, 400),
        new Case("old -1\n\n" + note, Answer.Outcome.MALFORMED, 400),
        new Case("old 0\n" + note, Answer.Outcome.MALFORMED, 400),
        new Case("old 0\nnot base64\n\n" + note, Answer.Outcome.MALFORMED, 400),
        new Case("old 0\n\n" + note.replace("\n3\n", "\n03\n"), Answer.Outcome.BAD_SIGNATURE, 403),
        new Case(requestText(0, List.of(new byte[32]), note), Answer.Outcome.BAD_PROOF, 422))) {
      Answer a = witness.addCheckpoint(c.request().getBytes(StandardCharsets.UTF_8));
      assertThat(a.outcome()).as(c.request()).isEqualTo(c.want());
      assertThat(WitnessCommand.status(a.outcome())).isEqualTo(c.status());
    }
    assertThat(witness.addCheckpoint(("old 0\n" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n".repeat(64) + "\n" + note)
        .getBytes(StandardCharsets.UTF_8)).outcome()).isEqualTo(Answer.Outcome.MALFORMED);
    assertThat(store.latest(ORIGIN)).isEmpty();
  }

  @Test
  void refusesAnInconsistentProofAndKeepsBothSignedCheckpoints() throws Exception {
    grow(honest, 4, "a");
    String cosigned = signed(honest);
    assertCosigned(witness.addCheckpoint(request(0, List.of(), cosigned)));
    MemoryTileLog fork = new MemoryTileLog();
    grow(fork, 10, "b"); // another history, signed by the log's own key
    String forkNote = signed(fork);
    Answer a = witness.addCheckpoint(request(4, Proofs.consistency(4, 10, fork.hashReader()), forkNote));

    assertThat(a.outcome()).isEqualTo(Answer.Outcome.BAD_PROOF);
    assertThat(WitnessCommand.status(a.outcome())).isEqualTo(422);
    assertThat(store.latest(ORIGIN).orElseThrow().note()).isEqualTo(cosigned);
    List<Path> evidence = evidenceFiles(FileWitnessStore.BAD_PROOF_SUFFIX);
    assertThat(evidence).hasSize(1);
    assertThat(Files.readString(evidence.get(0))).contains(cosigned).contains(forkNote).contains("old 4\n");
    // Not a proof of a fork (anyone can send a bad proof with a published checkpoint): the
    // witness keeps witnessing the log, and the forked tree never gets a cosignature.
    assertThat(witness.addCheckpoint(request(4, Proofs.consistency(4, 10, fork.hashReader()), forkNote)).outcome())
        .isEqualTo(Answer.Outcome.BAD_PROOF);
    grow(honest, 10, "a");
    assertCosigned(witness.addCheckpoint(request(4, Proofs.consistency(4, 10, honest.hashReader()), signed(honest))));
  }

  @Test
  void aForkIsKeptAsEvidenceAndTheLogIsRefusedFromThenOnEvenAfterARestart() throws Exception {
    grow(honest, 6, "a");
    String cosigned = signed(honest);
    assertCosigned(witness.addCheckpoint(request(0, List.of(), cosigned)));
    MemoryTileLog fork = new MemoryTileLog();
    grow(fork, 6, "b");
    String forkNote = signed(fork); // the same size, another root, both signed by the log

    Answer a = witness.addCheckpoint(request(6, List.of(), forkNote));
    assertThat(a.outcome()).isEqualTo(Answer.Outcome.FORK_DETECTED);
    assertThat(WitnessCommand.status(a.outcome())).isEqualTo(409);
    List<Path> evidence = evidenceFiles(FileWitnessStore.FORK_SUFFIX);
    assertThat(evidence).hasSize(1);
    assertThat(Files.readString(evidence.get(0))).contains(cosigned).contains(forkNote).contains("reason fork");
    assertThat(witness.forks()).containsExactlyElementsOf(evidence);
    assertThat(store.latest(ORIGIN).orElseThrow().note()).isEqualTo(cosigned);

    grow(honest, 8, "a");
    AddCheckpointRequest honestGrowth = new AddCheckpointRequest(6, Proofs.consistency(6, 8, honest.hashReader()), signed(honest));
    Answer later = witness.addCheckpoint(honestGrowth);
    assertThat(later.outcome()).isEqualTo(Answer.Outcome.LOG_FORKED);
    assertThat(later.body()).contains(evidence.get(0).getFileName().toString());

    Witness restarted = new Witness(WITNESS, List.of(LOG.verifierKey()), new FileWitnessStore(dir), Clock.systemUTC());
    assertThat(restarted.addCheckpoint(honestGrowth).outcome()).isEqualTo(Answer.Outcome.LOG_FORKED);
    assertThat(restarted.forks()).hasSize(1);
  }

  @Test
  void aLargerCheckpointWhoseProofLeadsFromAnotherCosignedRootIsAProvenFork() throws Exception {
    grow(honest, 6, "a"); // not a power of two: the proof commits to the old root
    String cosigned = signed(honest);
    assertCosigned(witness.addCheckpoint(request(0, List.of(), cosigned)));
    MemoryTileLog fork = new MemoryTileLog();
    grow(fork, 11, "b"); // the log rewritten and regrown, its honest proof from its own size 6
    String forkNote = signed(fork);

    Answer a = witness.addCheckpoint(request(6, Proofs.consistency(6, 11, fork.hashReader()), forkNote));
    assertThat(a.outcome()).isEqualTo(Answer.Outcome.INCONSISTENT_CHECKPOINT);
    assertThat(WitnessCommand.status(a.outcome())).isEqualTo(422);
    List<Path> evidence = evidenceFiles(FileWitnessStore.FORK_SUFFIX);
    assertThat(evidence).hasSize(1);
    assertThat(Files.readString(evidence.get(0))).contains(cosigned).contains(forkNote)
        .contains("reason fork: the proof leads to the signed root of size 11 from root " + b64Root(fork, 6));
    assertThat(store.latest(ORIGIN).orElseThrow().note()).isEqualTo(cosigned);
    // a proven fork: the honest tree is refused from then on too
    grow(honest, 11, "a");
    assertThat(witness.addCheckpoint(request(6, Proofs.consistency(6, 11, honest.hashReader()), signed(honest)))
        .outcome()).isEqualTo(Answer.Outcome.LOG_FORKED);
  }

  @Test
  void garbageWithALargerSignedCheckpointIsABadProofNotAFork() throws Exception {
    grow(honest, 6, "a");
    assertCosigned(witness.addCheckpoint(request(0, List.of(), signed(honest))));
    grow(honest, 11, "a");
    List<byte[]> proof = new java.util.ArrayList<>(Proofs.consistency(6, 11, honest.hashReader()));
    proof.set(proof.size() - 1, sha256("garbage"));

    assertThat(witness.addCheckpoint(request(6, proof, signed(honest))).outcome()).isEqualTo(Answer.Outcome.BAD_PROOF);
    assertThat(evidenceFiles(FileWitnessStore.FORK_SUFFIX)).isEmpty();
    assertCosigned(witness.addCheckpoint(request(6, Proofs.consistency(6, 11, honest.hashReader()), signed(honest))));
  }

  @Test
  void aForkIsDetectedWhateverOldSizeTheLogClaims() throws Exception {
    grow(honest, 6, "a");
    assertCosigned(witness.addCheckpoint(request(0, List.of(), signed(honest))));
    MemoryTileLog fork = new MemoryTileLog();
    grow(fork, 6, "b");
    assertThat(witness.addCheckpoint(request(0, List.of(), signed(fork))).outcome())
        .isEqualTo(Answer.Outcome.FORK_DETECTED);
  }

  @Test
  void stateSurvivesANewWitnessOnTheSameDirectory() throws Exception {
    grow(honest, 3, "a");
    assertCosigned(witness.addCheckpoint(request(0, List.of(), signed(honest))));
    Witness restarted = new Witness(WITNESS, List.of(LOG.verifierKey()), new FileWitnessStore(dir), Clock.systemUTC());
    grow(honest, 5, "a");
    assertThat(restarted.addCheckpoint(request(0, List.of(), signed(honest))).body()).isEqualTo("3\n");
    assertCosigned(restarted.addCheckpoint(request(3, Proofs.consistency(3, 5, honest.hashReader()), signed(honest))));
  }

  /**
   * Requests published in FiloSottile/litetlog (internal/witness/witness_test.go TestRace and
   * cmd/litewitness/testdata/litewitness.txt): a sigsum log's signed checkpoints, with its key,
   * and consistency proofs, answered there as here.
   */
  @Test
  void answersLitetlogsPublishedRequestsAsLitewitnessDoes() throws Exception {
    String origin = "sigsum.org/v1/tree/4d6d8825a6bb689d459628312889dfbb0bcd41b5211d9e1ce768b0ff0309e562";
    byte[] pk = HexFormat.of().parseHex("ffdc2d4d98e4124d3feaf788c0c2f9abfd796083d1f0495437f302ec79cf100f");
    byte[] typed = new byte[33];
    typed[0] = 1;
    System.arraycopy(pk, 0, typed, 1, 32);
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    d.update((origin + "\n").getBytes(StandardCharsets.UTF_8));
    String keyId = HexFormat.of().formatHex(d.digest(typed), 0, 4);
    String vkey = origin + "+" + keyId + "+" + Base64.getEncoder().encodeToString(typed);
    Witness w = new Witness(WITNESS, List.of(vkey), store, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    String size1 = origin + "\n1\nKgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— " + origin
        + " UgIom7fPZTqpxWWhyjWduBvTvGVqsokMbqTArsQilegKoFBJQjUFAmQ0+YeSPM3wfUQMFSzVnnNuWRTYrajXpNUbIQY=\n";
    String size3 = origin + "\n3\nRcCI1Nk56ZcSmIEfIn0SleqtV7uvrlXNccFx595Iwl0=\n\n— " + origin
        + " UgIom2VbtIcdFbwFAy1n7s6IkAxIY6J/GQOTuZF2ORV39d75cbAj2aQYwyJre36kezNobZs4SUUdrcawfAB8WVrx6go=\n";
    String size5 = origin + "\n5\nQrtXrQZCCvpIgsSmOsah7HdICzMLLyDfxToMql9WTjY=\n\n— " + origin
        + " UgIomw/EOJmWi0i1FQsOj+etB7F8IccFam/jgd6wzRns4QPVmyEZtdvl1U2KEmLOZ/ASRcWJi0tW90dJWAShei7sDww=\n";
    String p1 = "KgEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
    String p2 = "KgIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
    record Case(String request, Answer.Outcome want) {}
    for (Case c : List.of(
        new Case("old 0\n\n" + size1, Answer.Outcome.COSIGNED),
        new Case("old 1\n" + p1 + p2 + "\n" + flipLastSignatureByte(size3), Answer.Outcome.BAD_SIGNATURE),
        new Case("old 1\n\n" + size3, Answer.Outcome.BAD_PROOF),
        new Case("old 1\n" + p1 + p2.replace("AAA=", "AAE=") + "\n" + size3, Answer.Outcome.BAD_PROOF),
        new Case("old 1\n" + p1 + p2 + "\n" + size3, Answer.Outcome.COSIGNED),
        new Case("old 1\n" + p1 + b64("f9f50357e93def4078237b8aaea24ce1a3f5965a0f64ff26bebd99e30470d8b2")
            + b64("2a04000000000000000000000000000000000000000000000000000000000000") + "\n" + size5,
            Answer.Outcome.SIZE_CONFLICT),
        new Case("old 3\n" + p2 + b64("2a03000000000000000000000000000000000000000000000000000000000000")
            + b64("c2088815d65f60dbfa594d4e96504ab169cb6084bf0c132ab7c521fd2e0eba41")
            + b64("2a04000000000000000000000000000000000000000000000000000000000000") + "\n" + size5,
            Answer.Outcome.COSIGNED))) {
      Answer a = w.addCheckpoint(c.request().getBytes(StandardCharsets.UTF_8));
      assertThat(a.outcome()).as(c.request()).isEqualTo(c.want());
    }
    assertThat(store.latest(origin).orElseThrow().checkpoint().size()).isEqualTo(5);
  }

  private static String flipLastSignatureByte(String note) {
    int i = note.lastIndexOf(' ') + 1;
    byte[] sig = Base64.getDecoder().decode(note.substring(i).strip());
    sig[sig.length - 1] ^= 1;
    return note.substring(0, i) + Base64.getEncoder().encodeToString(sig) + "\n";
  }

  private static String b64Root(MemoryTileLog log, long size) {
    return Base64.getEncoder().encodeToString(Proofs.root(size, log.hashReader()));
  }

  private static String b64(String hex) {
    return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex)) + "\n";
  }

  private List<Path> evidenceFiles(String suffix) throws IOException {
    try (var s = Files.walk(dir.resolve("forks"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static void assertCosigned(Answer a) {
    assertThat(a.outcome()).as(a.body()).isEqualTo(Answer.Outcome.COSIGNED);
  }

  static void grow(MemoryTileLog log, long size, String prefix) {
    while (log.size() < size) {
      log.append((prefix + " entry " + log.size()).getBytes(StandardCharsets.UTF_8));
    }
  }

  static String signed(MemoryTileLog log) {
    return LOG.sign(new Checkpoint(ORIGIN, log.size(), log.root()).body());
  }

  static byte[] request(long old, List<byte[]> proof, String note) {
    return new AddCheckpointRequest(old, proof, note).text().getBytes(StandardCharsets.UTF_8);
  }

  static String requestText(long old, List<byte[]> proof, String note) {
    return new AddCheckpointRequest(old, proof, note).text();
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
