package org.glassplate.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.Cosignature;
import org.glassplate.log.note.Ed25519NoteSigner;
import org.glassplate.log.note.WitnessKey;
import org.glassplate.log.tiles.MemoryTileLog;
import org.glassplate.log.witness.AddCheckpointRequest;
import org.glassplate.server.core.Agency;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * This node as a witness (issue 15, R-AUD-5), driven over HTTP exactly as c2sp.org/tlog-witness
 * says, by synthetic logs made here with glassplate-log's own classes (an in-memory Merkle tree,
 * a test log key, signed checkpoints, real consistency proofs). Every test has a log of its own,
 * so the witness's state for one never depends on another test or on their order.
 */
class NodeWitnessIT extends IntegrationTest {
  private static final String PATH = "/api/v1/witness/add-checkpoint";

  /** A log this node witnesses: its origin and key, and its honest tree. */
  record TestLog(Ed25519NoteSigner key, MemoryTileLog tree) {
    static TestLog named(String test) {
      String origin = "log.glassplate.test/" + test;
      return new TestLog(Ed25519NoteSigner.fromSeed(origin, sha256(origin)), new MemoryTileLog());
    }

    String origin() {
      return key.name();
    }

    TestLog grow(long size) {
      grow(tree, size, "honest");
      return this;
    }

    static void grow(MemoryTileLog t, long size, String prefix) {
      while (t.size() < size) {
        t.append((prefix + " entry " + t.size()).getBytes(StandardCharsets.UTF_8));
      }
    }

    /** The checkpoint of {@code t} (this tree or a fork of it), signed by this log's key. */
    String signed(MemoryTileLog t) {
      return key.sign(body(t));
    }

    String signed() {
      return signed(tree);
    }

    String body(MemoryTileLog t) {
      return new Checkpoint(origin(), t.size(), t.root()).body();
    }

    List<byte[]> proof(long from) {
      return from == 0 || from == tree.size() ? List.of() : Proofs.consistency(from, tree.size(), tree.hashReader());
    }
  }

  static final TestLog GROWTH = TestLog.named("growth");
  static final TestLog CONFLICT = TestLog.named("conflict");
  static final TestLog SIGNATURE = TestLog.named("signature");
  static final TestLog BAD_PROOF = TestLog.named("bad-proof");
  static final TestLog FORK_SAME_SIZE = TestLog.named("fork-same-size");
  static final TestLog FORK_GROWN = TestLog.named("fork-grown");
  static final TestLog RESTART = TestLog.named("restart");
  static final List<TestLog> WITNESSED = List.of(GROWTH, CONFLICT, SIGNATURE, BAD_PROOF, FORK_SAME_SIZE, FORK_GROWN,
      RESTART);

  @DynamicPropertySource
  static void witnessedLogs(DynamicPropertyRegistry r) {
    for (int i = 0; i < WITNESSED.size(); i++) {
      String vkey = WITNESSED.get(i).key().verifierKey();
      r.add("glassplate.witness.logs[" + i + "]", () -> vkey);
    }
  }

  @Autowired
  NodeWitness witness;

  @Autowired
  AuditLog auditLog;

  @Value("${glassplate.data-dir}")
  Path dataDir;

  @Autowired
  WitnessSettings witnessSettings;

  @Autowired
  AuditSettings auditSettings;

  @Autowired
  Agency agency;

  @Autowired
  AuditRecorder recorder;

  @Autowired
  org.springframework.beans.factory.ObjectProvider<AgreementWitnessing> agreements;

  /** Posts a request body as is. */
  Answer addCheckpoint(String body) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + PATH))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
  }

  Answer addCheckpoint(long old, List<byte[]> proof, String note) {
    return addCheckpoint(new AddCheckpointRequest(old, proof, note).text());
  }

  WitnessKey key() {
    Answer a = get("/api/v1/witness/key", null);
    assertThat(a.status()).isEqualTo(200);
    return WitnessKey.parse(a.body().strip());
  }

  /** Asserts a 200 whose body is one cosignature/v1 line by this node's key on {@code body}, made now. */
  void assertCosigned(Answer a, String body) throws Exception {
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.body()).endsWith("\n");
    assertThat(a.body().strip()).doesNotContain("\n");
    long time = Cosignature.verify(a.body(), key(), body);
    assertThat(Instant.ofEpochSecond(time)).isBetween(clock.instant().minusSeconds(60), clock.instant().plusSeconds(1));
  }

  /** The audit entries of {@code type} about {@code log}'s origin, in recording order. */
  List<JsonNode> auditedAbout(AuditEventType type, TestLog log) {
    return audited(type).stream().filter(e -> e.path("origin").asString().equals(log.origin())).toList();
  }

  @Test
  void servesItsOwnCosignerKeyOfType04WhichIsNotTheLogsKey() {
    Answer a = get("/api/v1/witness/key", null);

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    String vkey = a.body().strip();
    // <name>+<key ID>+base64(type || key); a name has no '+', base64 may
    byte[] typed = Base64.getDecoder().decode(vkey.split("\\+", 3)[2]);
    assertThat(typed).hasSize(33);
    assertThat(typed[0]).isEqualTo((byte) 0x04);
    assertThat(WitnessKey.parse(vkey)).isEqualTo(witness.key());
    // not this node's log key, whether as a vkey or as the raw Ed25519 key under it
    String logKey = auditLog.verifierKey();
    assertThat(vkey).isNotEqualTo(logKey);
    byte[] logRaw = Base64.getDecoder().decode(logKey.split("\\+", 3)[2]);
    assertThat(java.util.Arrays.copyOfRange(logRaw, 1, logRaw.length)).isNotEqualTo(witness.key().publicKey());
  }

  @Test
  void cosignsTheFirstCheckpointAndThenConsistentGrowthWithTheTimeLineItSigned() throws Exception {
    GROWTH.grow(5);
    assertCosigned(addCheckpoint(0, List.of(), GROWTH.signed()), GROWTH.body(GROWTH.tree()));
    GROWTH.grow(13);
    assertCosigned(addCheckpoint(5, GROWTH.proof(5), GROWTH.signed()), GROWTH.body(GROWTH.tree()));

    // the signature covers the time line: the same line on another time is refused
    Answer again = addCheckpoint(13, List.of(), GROWTH.signed());
    assertCosigned(again, GROWTH.body(GROWTH.tree()));
    long time = Cosignature.verify(again.body(), key(), GROWTH.body(GROWTH.tree()));
    Cosignature c = Cosignature.parse(again.body());
    Cosignature moved = new Cosignature(c.name(), c.keyId(), time + 1, c.signature());
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> Cosignature.verify(moved.line(), key(), GROWTH.body(GROWTH.tree())))
        .isInstanceOf(org.glassplate.log.note.CosignatureVerificationException.class);
    assertThat(auditedAbout(AuditTypes.WITNESSED_LOG_FORKED, GROWTH)).isEmpty();
    assertThat(auditedAbout(AuditTypes.WITNESSED_LOG_BAD_PROOF, GROWTH)).isEmpty();
  }

  @Test
  void answersAWrongOldSizeWith409AndTheSizeItKnows() throws Exception {
    CONFLICT.grow(4);
    assertCosigned(addCheckpoint(0, List.of(), CONFLICT.signed()), CONFLICT.body(CONFLICT.tree()));
    CONFLICT.grow(9);
    for (long old : new long[] {0, 3, 5}) {
      Answer a = addCheckpoint(old, old == 0 ? List.of() : CONFLICT.proof(old), CONFLICT.signed());
      assertThat(a.status()).as("old %d", old).isEqualTo(409);
      assertThat(a.headers().firstValue("Content-Type")).hasValue("text/x.tlog.size");
      assertThat(a.body()).isEqualTo("4\n");
    }
    // an old size above the checkpoint's: 400
    assertThat(addCheckpoint(10, List.of(), CONFLICT.signed()).status()).isEqualTo(400);
    // and with the size it knows, the growth is cosigned
    assertCosigned(addCheckpoint(4, CONFLICT.proof(4), CONFLICT.signed()), CONFLICT.body(CONFLICT.tree()));
  }

  @Test
  void refusesAnUnknownLogABadLogSignatureAndMalformedBodies() throws Exception {
    SIGNATURE.grow(3);
    TestLog stranger = TestLog.named("not-witnessed").grow(3);
    Answer unknown = addCheckpoint(0, List.of(), stranger.signed());
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).startsWith("unknown log: ");

    // the witnessed origin, signed by another key
    Ed25519NoteSigner impostor = Ed25519NoteSigner.fromSeed(SIGNATURE.origin(), sha256("impostor"));
    Answer forged = addCheckpoint(0, List.of(), impostor.sign(SIGNATURE.body(SIGNATURE.tree())));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.body()).startsWith("bad signature: ");
    // the log's own signature on another body
    String note = SIGNATURE.signed();
    Answer tampered = addCheckpoint(0, List.of(), note.replace("\n3\n", "\n4\n"));
    assertThat(tampered.status()).isEqualTo(403);

    assertThat(addCheckpoint("old 0\n" + note).status()).isEqualTo(400);
    assertThat(addCheckpoint("old 00\n\n" + note).status()).isEqualTo(400);
    assertThat(addCheckpoint("old 0\nnot base64\n\n" + note).status()).isEqualTo(400);
    Answer tooLarge = addCheckpoint("old 0\n" + "A".repeat(NodeWitness.MAX_BODY) + "\n\n" + note);
    assertThat(tooLarge.status()).isEqualTo(413);

    // none of that moved the witness: the honest checkpoint is still the first it cosigns
    assertCosigned(addCheckpoint(0, List.of(), note), SIGNATURE.body(SIGNATURE.tree()));
    assertThat(auditedAbout(AuditTypes.WITNESSED_LOG_BAD_PROOF, SIGNATURE)).isEmpty();
  }

  @Test
  void refusesABadConsistencyProofWith422AuditsItOnceAndGoesOnWitnessingTheLog() throws Exception {
    BAD_PROOF.grow(6);
    String cosigned = BAD_PROOF.signed();
    assertCosigned(addCheckpoint(0, List.of(), cosigned), BAD_PROOF.body(BAD_PROOF.tree()));
    BAD_PROOF.grow(11);
    List<byte[]> garbage = new ArrayList<>(BAD_PROOF.proof(6));
    garbage.set(garbage.size() - 1, sha256("garbage"));
    String presented = BAD_PROOF.signed();

    Answer a = addCheckpoint(6, garbage, presented);
    assertThat(a.status()).isEqualTo(422);
    assertThat(a.body()).startsWith("bad proof: ");
    assertThat(auditedAbout(AuditTypes.WITNESSED_LOG_BAD_PROOF, BAD_PROOF)).singleElement().satisfies(e -> {
      assertThat(e.path("outcome").asString()).isEqualTo("DENIED");
      assertThat(e.path("reasonCode").asString()).isEqualTo("BAD_PROOF");
      assertThat(e.path("cosignedSize").asLong()).isEqualTo(6);
      assertThat(e.path("cosignedCheckpoint").asString()).isEqualTo(cosigned);
      assertThat(e.path("presentedCheckpoint").asString()).isEqualTo(presented);
      assertThat(e.path("witnessKey").asString()).isEqualTo(witness.key().vkey());
    });
    // the same garbage again is refused but not audited again: anyone can send it
    assertThat(addCheckpoint(6, garbage, presented).status()).isEqualTo(422);
    assertThat(auditedAbout(AuditTypes.WITNESSED_LOG_BAD_PROOF, BAD_PROOF)).hasSize(1);
    assertThat(auditedAbout(AuditTypes.WITNESSED_LOG_FORKED, BAD_PROOF)).isEmpty();
    // a proof proves nothing about the log: the honest proof is still cosigned
    assertCosigned(addCheckpoint(6, BAD_PROOF.proof(6), presented), BAD_PROOF.body(BAD_PROOF.tree()));
  }

  @Test
  void aDifferentRootAtTheCosignedSizeIsAForkRefusedAuditedKeptShownAndTheLogRefusedAfterwards() throws Exception {
    FORK_SAME_SIZE.grow(7);
    String cosigned = FORK_SAME_SIZE.signed();
    assertCosigned(addCheckpoint(0, List.of(), cosigned), FORK_SAME_SIZE.body(FORK_SAME_SIZE.tree()));
    MemoryTileLog fork = new MemoryTileLog();
    TestLog.grow(fork, 7, "rewritten");
    String presented = FORK_SAME_SIZE.signed(fork);

    Answer a = addCheckpoint(7, List.of(), presented);
    assertThat(a.status()).isEqualTo(409);
    assertThat(a.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(a.body()).startsWith("fork detected: ");

    assertForkAuditedKeptAndShown(FORK_SAME_SIZE, "FORK_DETECTED", cosigned, presented);
  }

  @Test
  void aLargerCheckpointInconsistentWithTheCosignedOneIsAForkRefusedAuditedKeptShownAndTheLogRefusedAfterwards()
      throws Exception {
    FORK_GROWN.grow(5); // not a power of two, so the proof names the old root it grows from
    String cosigned = FORK_GROWN.signed();
    assertCosigned(addCheckpoint(0, List.of(), cosigned), FORK_GROWN.body(FORK_GROWN.tree()));
    // the log rewritten from its start and regrown, with an honest proof of its own rewritten tree
    MemoryTileLog fork = new MemoryTileLog();
    TestLog.grow(fork, 12, "rewritten");
    String presented = FORK_GROWN.signed(fork);

    Answer a = addCheckpoint(5, Proofs.consistency(5, 12, fork.hashReader()), presented);
    assertThat(a.status()).isEqualTo(422);
    assertThat(a.body()).startsWith("inconsistent checkpoint: ");

    assertForkAuditedKeptAndShown(FORK_GROWN, "INCONSISTENT_CHECKPOINT", cosigned, presented);
  }

  void assertForkAuditedKeptAndShown(TestLog log, String reason, String cosigned, String presented) throws Exception {
    assertThat(auditedAbout(AuditTypes.WITNESSED_LOG_FORKED, log)).singleElement().satisfies(e -> {
      assertThat(e.path("outcome").asString()).isEqualTo("DENIED");
      assertThat(e.path("reasonCode").asString()).isEqualTo(reason);
      assertThat(e.path("cosignedCheckpoint").asString()).isEqualTo(cosigned);
      assertThat(e.path("presentedCheckpoint").asString()).isEqualTo(presented);
    });
    // both signed checkpoints kept as evidence, in the witness's files
    List<Path> evidence;
    try (Stream<Path> files = Files.walk(dataDir.resolve("witness/forks"))) {
      evidence = files.filter(f -> f.getFileName().toString().endsWith("-fork.txt"))
          .filter(f -> f.getParent().getFileName().toString().equals(log.origin().replace("/", "%2F")))
          .toList();
    }
    assertThat(evidence).singleElement().satisfies(f -> assertThat(Files.readString(f))
        .contains(cosigned).contains(presented));

    // the log is refused from now on, even its honest growth, and that is not audited again
    log.grow(log.tree().size() + 3);
    long cosignedSize = Long.parseLong(cosigned.split("\n")[1]);
    Answer later = addCheckpoint(cosignedSize, log.proof(cosignedSize), log.signed());
    assertThat(later.status()).isEqualTo(409);
    assertThat(later.body()).startsWith("log forked: ");
    assertThat(auditedAbout(AuditTypes.WITNESSED_LOG_FORKED, log)).hasSize(1);

    // shown on the public transparency page and its JSON, once the entry is in a signed checkpoint
    AuditRestartIT.await("the fork of " + log.origin() + " on /transparency.json", () ->
        forksShown(log).size() == 1);
    JsonNode shown = forksShown(log).get(0);
    assertThat(shown.path("outcome").asString()).isEqualTo(reason);
    assertThat(shown.path("cosignedCheckpoint").asString()).isEqualTo(cosigned);
    assertThat(shown.path("presentedCheckpoint").asString()).isEqualTo(presented);
    Answer page = get("/transparency", null);
    assertThat(page.status()).isEqualTo(200);
    String html = page.body();
    assertThat(html).contains("id=\"witness-forks\"").contains("Critical finding");
    int start = html.indexOf("id=\"witness-forks\"");
    String block = html.substring(start, html.indexOf("</div>", start));
    assertThat(block).contains("<code>" + log.origin() + "</code>")
        .contains(reason.toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
        .contains(Checkpoint.parse(cosigned.substring(0, cosigned.indexOf("\n\n") + 1)).rootBase64())
        .contains(Checkpoint.parse(presented.substring(0, presented.indexOf("\n\n") + 1)).rootBase64());
  }

  List<JsonNode> forksShown(TestLog log) {
    List<JsonNode> out = new ArrayList<>();
    get("/transparency.json", null).json().path("audit").path("witnessing").path("forks").forEach(f -> {
      if (f.path("origin").asString().equals(log.origin())) {
        out.add(f);
      }
    });
    return out;
  }

  @Test
  void aNewWitnessOnTheSameDataDirectoryKeepsItsKeyAndState() throws Exception {
    RESTART.grow(3);
    assertCosigned(addCheckpoint(0, List.of(), RESTART.signed()), RESTART.body(RESTART.tree()));
    NodeWitness restarted = new NodeWitness(witnessSettings, auditSettings, agency, recorder, clock, agreements, dataDir);

    assertThat(restarted.key()).isEqualTo(witness.key());
    assertThat(restarted.keyCreatedNow()).isFalse();
    RESTART.grow(8);
    org.glassplate.log.witness.Answer stale = restarted.addCheckpoint(
        new AddCheckpointRequest(0, List.of(), RESTART.signed()).text().getBytes(StandardCharsets.UTF_8));
    assertThat(stale.body()).isEqualTo("3\n");
    assertThat(restarted.addCheckpoint(new AddCheckpointRequest(3, RESTART.proof(3), RESTART.signed()).text()
        .getBytes(StandardCharsets.UTF_8)).outcome()).isEqualTo(org.glassplate.log.witness.Answer.Outcome.COSIGNED);
  }

  @Test
  void onlyAddCheckpointAndTheKeyArePublic() {
    record Case(String method, String path, int want) {}
    for (Case c : List.of(
        new Case("GET", PATH, 401),
        new Case("PUT", PATH, 401),
        new Case("POST", "/api/v1/witness/key", 401),
        new Case("GET", "/api/v1/witness/forks", 401),
        new Case("GET", "/api/v1/witness", 401),
        new Case("POST", "/api/v1/witness/add-checkpoint/", 401),
        new Case("GET", "/api/v1/accounts", 401),
        new Case("POST", "/api/v1/searches", 401))) {
      Answer a = send(HttpRequest.newBuilder(URI.create(baseUrl() + c.path()))
          .header("Content-Type", "application/json")
          .method(c.method(), HttpRequest.BodyPublishers.ofString("{}")).build());
      assertThat(a.status()).as("%s %s", c.method(), c.path()).isEqualTo(c.want());
      assertThat(a.json().path("error").path("code").asString()).as("%s %s", c.method(), c.path())
          .isEqualTo("UNAUTHENTICATED");
    }
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
