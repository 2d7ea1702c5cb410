package org.glassplate.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.glassplate.log.Merkle;
import org.glassplate.log.ProofVerificationException;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.CheckpointVerificationException;
import org.glassplate.log.note.CheckpointVerifier;
import org.glassplate.log.note.Ed25519NoteSigner;
import org.glassplate.log.tiles.TilePath;
import org.glassplate.log.tiles.Tiles;
import org.glassplate.log.verify.VerifyCommand;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.TestCallers;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Roles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The audit log over real HTTP against real PostgreSQL (issue 3): signed checkpoints, proofs, tiles,
 * redaction, the auditor's opening, failing closed.
 */
@Import(TestCallers.class)
class AuditLogIT extends IntegrationTest {
  static final AuditEventType PROBE = new AuditEventType(199, "TEST_PROBE");
  static final String ORIGIN = "localhost/glassplate/demo-pd";
  /** An auditor with no training recorded: opening shows plate data, so it is refused (R-ACC-3). */
  static final String UNTRAINED_AUDITOR = TestCallers.token(901, Roles.AUDITOR);
  static final String INVESTIGATOR = TestCallers.token(902, Roles.INVESTIGATOR);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired
  AuditRecorder recorder;

  @Autowired
  Cameras cameras;

  @Autowired
  TransactionTemplate tx;

  @Autowired
  org.glassplate.server.accounts.AccountSeeder seeder;

  /** A trained auditor, seeded once per database (the context is shared). */
  private static final java.util.Map<String, org.glassplate.server.accounts.AccountSeeder.SeededUser> AUDITORS =
      new java.util.concurrent.ConcurrentHashMap<>();

  org.glassplate.server.accounts.AccountSeeder.SeededUser auditor() {
    String db = jdbc.sql("SELECT current_database()").query(String.class).single();
    return AUDITORS.computeIfAbsent(db, k -> seeder.seed(org.glassplate.server.accounts.AccountSeeder.Spec.of(
        "audit-log-auditor", "Audrey Auditor", Roles.AUDITOR)));
  }

  @Value("${glassplate.data-dir}")
  Path dataDir;

  // ---- helpers ----

  String key() {
    Answer a = get("/api/v1/audit/key", null);
    assertThat(a.status()).isEqualTo(200);
    return a.body().trim();
  }

  /** Waits for a signed checkpoint of at least {@code size} entries, verified with the served key. */
  Checkpoint checkpointAtLeast(long size) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      Answer a = get("/api/v1/audit/checkpoint", null);
      if (a.status() == 200) {
        Checkpoint c = CheckpointVerifier.verify(a.body(), key(), ORIGIN);
        if (c.size() >= size) {
          return c;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no checkpoint of size " + size + " within 10 s; last answer " + a.status() + " " + a.body());
      }
      Thread.sleep(50);
    }
  }

  long probe() {
    return recorder.recordAndSequence(AuditEvent.of(PROBE, Caller.system()).with("marker", UUID.randomUUID().toString()).build());
  }

  byte[] entryAt(long index) {
    return jdbc.sql("SELECT entry FROM audit_entry WHERE idx = :i").param("i", index).query(byte[].class).single();
  }

  record Bytes(int status, byte[] body, java.net.http.HttpHeaders headers) {
  }

  Bytes fetch(String path) throws Exception {
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    return new Bytes(r.statusCode(), r.body(), r.headers());
  }

  static List<byte[]> hashes(byte[] tile) {
    return Tiles.decodeHashTile(tile, tile.length / Merkle.HASH_SIZE);
  }

  // ---- key, start, checkpoint ----

  @Test
  void createsTheSignerKeyOnFirstStartForTheOwnerOnlyAndAuditsItsCreationAndTheStart() throws Exception {
    Path file = dataDir.resolve("audit-signer.key");
    assertThat(file).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    Ed25519NoteSigner signer = Ed25519NoteSigner.fromSignerKey(Files.readString(file).trim());
    assertThat(signer.verifierKey()).isEqualTo(key());
    assertThat(signer.name()).isEqualTo(ORIGIN);

    JsonNode created = lastAudited(AuditEventTypes.LOG_KEY_CREATED);
    assertThat(created.path("verifierKey").stringValue()).isEqualTo(key());
    assertThat(created.path("typeCode").intValue()).isEqualTo(AuditEventTypes.LOG_KEY_CREATED.code());
    assertThat(created.path("actor").stringValue()).isEqualTo("system");
    assertThat(created.toString()).doesNotContain("PRIVATE+KEY");
    JsonNode started = lastAudited(AuditEventTypes.SERVER_STARTED);
    assertThat(started.path("typeCode").intValue()).isEqualTo(AuditEventTypes.SERVER_STARTED.code());
    assertThat(started.path("origin").stringValue()).isEqualTo(ORIGIN);
  }

  @Test
  void servesACheckpointSignedByTheServedKeyForTheAgencysOrigin() throws Exception {
    checkpointAtLeast(probe() + 1); // a checkpoint signed before the first entry would have size 0
    Answer a = get("/api/v1/audit/checkpoint", null);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(a.headers().firstValue("Cache-Control").orElse("")).contains("no-cache");
    Checkpoint c = CheckpointVerifier.verify(a.body(), key(), ORIGIN);
    assertThat(c.origin()).isEqualTo(ORIGIN);
    assertThat(c.size()).isPositive();
    String otherKey = Ed25519NoteSigner.generate(ORIGIN).verifierKey();
    assertThatThrownBy(() -> CheckpointVerifier.verify(a.body(), otherKey, ORIGIN))
        .isInstanceOf(CheckpointVerificationException.class);
  }

  @Test
  void everySignedCheckpointIsKeptAndEachCoversMoreEntries() throws Exception {
    Checkpoint before = checkpointAtLeast(probe() + 1);
    Checkpoint after = checkpointAtLeast(probe() + 1);
    List<Long> sizes = jdbc.sql("SELECT size FROM audit_checkpoint ORDER BY signed_at, size").query(Long.class).list();
    assertThat(sizes).contains(before.size(), after.size()).isSorted();
    String stored = jdbc.sql("SELECT note FROM audit_checkpoint WHERE size = :s").param("s", after.size())
        .query(String.class).single();
    assertThat(CheckpointVerifier.verify(stored, key(), ORIGIN).rootBase64()).isEqualTo(after.rootBase64());
  }

  // ---- proofs ----

  @Test
  void recordAndSequenceGivesAnIndexWhoseInclusionProofVerifiesAgainstTheServedCheckpoint() throws Exception {
    String marker = UUID.randomUUID().toString();
    long index = recorder.recordAndSequence(AuditEvent.of(PROBE, Caller.system()).with("marker", marker).build());
    // Durable with its index as soon as the call returns.
    byte[] entry = entryAt(index);
    assertThat(new String(entry, StandardCharsets.UTF_8)).contains(marker);

    Checkpoint c = checkpointAtLeast(index + 1);
    JsonNode proof = get("/api/v1/audit/proof/inclusion?index=" + index + "&size=" + c.size(), null).json();
    assertThat(proof.path("index").longValue()).isEqualTo(index);
    assertThat(proof.path("size").longValue()).isEqualTo(c.size());
    List<byte[]> hashes = new ArrayList<>();
    proof.path("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.stringValue())));

    Proofs.verifyInclusion(Merkle.leafHash(entry), index, c.size(), hashes, c.rootHash());
    byte[] otherLeaf = Merkle.leafHash("{}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> Proofs.verifyInclusion(otherLeaf, index, c.size(), hashes, c.rootHash()))
        .isInstanceOf(ProofVerificationException.class);
    // Without size: the latest signed tree.
    JsonNode latest = get("/api/v1/audit/proof/inclusion?index=" + index, null).json();
    assertThat(latest.path("size").longValue()).isGreaterThanOrEqualTo(c.size());
  }

  @Test
  void consistencyProofBetweenTwoSignedCheckpointsVerifies() throws Exception {
    Checkpoint older = checkpointAtLeast(probe() + 1);
    probe();
    probe();
    Checkpoint newer = checkpointAtLeast(probe() + 1);
    JsonNode proof = get("/api/v1/audit/proof/consistency?from=" + older.size() + "&to=" + newer.size(), null).json();
    assertThat(proof.path("from").longValue()).isEqualTo(older.size());
    assertThat(proof.path("to").longValue()).isEqualTo(newer.size());
    List<byte[]> hashes = new ArrayList<>();
    proof.path("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.stringValue())));
    Proofs.verifyConsistency(older.size(), newer.size(), hashes, older.rootHash(), newer.rootHash());
    assertThatThrownBy(() -> Proofs.verifyConsistency(older.size(), newer.size(), hashes, newer.rootHash(), newer.rootHash()))
        .isInstanceOf(ProofVerificationException.class);
  }

  @Test
  void proofsRefuseBadBoundsWith400NamingTheParameter() throws Exception {
    long size = checkpointAtLeast(probe() + 1).size();
    assertBad("/api/v1/audit/proof/inclusion?index=-1&size=" + size, "index");
    assertBad("/api/v1/audit/proof/inclusion?index=" + size + "&size=" + size, "index");
    assertBad("/api/v1/audit/proof/inclusion?index=0&size=" + (size + 1_000_000), "size");
    assertBad("/api/v1/audit/proof/inclusion?index=0&size=0", "size");
    assertBad("/api/v1/audit/proof/inclusion?index=abc", "index");
    assertBad("/api/v1/audit/proof/inclusion?size=1", "index");
    assertBad("/api/v1/audit/proof/consistency?from=0&to=" + size, "from");
    assertBad("/api/v1/audit/proof/consistency?from=" + size + "&to=1", "from");
    assertBad("/api/v1/audit/proof/consistency?from=1&to=" + (size + 1_000_000), "to");
    assertBad("/api/v1/audit/entries?count=1001", "count");
    assertBad("/api/v1/audit/entries?start=-1", "start");
    assertBad("/api/v1/audit/entries?order=sideways", "order");
  }

  private void assertBad(String path, String field) {
    Answer a = get(path, null);
    assertThat(a.status()).as(path).isEqualTo(400);
    assertThat(a.json().path("error").path("field").stringValue()).as(path).isEqualTo(field);
  }

  // ---- tiles and entries ----

  @Test
  void servesFullTilesImmutablePartialTilesAndEntryBundlesThatDecodeToTheEntries() throws Exception {
    tx.executeWithoutResult(s -> {
      for (int i = 0; i < 300; i++) {
        recorder.record(AuditEvent.of(PROBE, Caller.system()).with("n", i).build());
      }
    });
    long size = checkpointAtLeast(probe() + 1).size();
    if (size % 256 == 0) {
      size = checkpointAtLeast(probe() + 1).size();
    }
    assertThat(size).isGreaterThan(300);

    Bytes full = fetch("/api/v1/audit/" + TilePath.hashTile(0, 0, 0));
    assertThat(full.status()).isEqualTo(200);
    assertThat(full.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/octet-stream");
    assertThat(full.headers().firstValue("Cache-Control").orElse(""))
        .contains("public").contains("max-age=31536000").contains("immutable");
    assertThat(full.body()).hasSize(256 * 32);
    List<byte[]> level0 = hashes(full.body());
    for (int i = 0; i < 256; i += 37) {
      assertThat(level0.get(i)).as("leaf %d", i).isEqualTo(Merkle.leafHash(entryAt(i)));
    }

    Bytes bundle = fetch("/api/v1/audit/" + TilePath.entryBundle(0, 0));
    assertThat(bundle.status()).isEqualTo(200);
    assertThat(bundle.headers().firstValue("Cache-Control").orElse("")).contains("immutable");
    List<byte[]> entries = Tiles.decodeEntryBundle(bundle.body(), 256);
    JsonNode publicEntries = get("/api/v1/audit/entries?start=0&count=256", null).json().path("entries");
    assertThat(publicEntries.size()).isEqualTo(256);
    for (int i = 0; i < 256; i++) {
      assertThat(Merkle.leafHash(entries.get(i))).as("entry %d", i).isEqualTo(level0.get(i));
      assertThat(JSON.readTree(entries.get(i))).as("entry %d", i).isEqualTo(publicEntries.get(i).path("entry"));
      assertThat(publicEntries.get(i).path("index").longValue()).isEqualTo(i);
    }

    long last = size / 256;
    int width = (int) (size % 256);
    Bytes partial = fetch("/api/v1/audit/" + TilePath.hashTile(0, last, width));
    assertThat(partial.status()).isEqualTo(200);
    assertThat(partial.body()).hasSize(width * 32);
    assertThat(partial.headers().firstValue("Cache-Control").orElse("")).doesNotContain("immutable");
    assertThat(hashes(partial.body()).get(width - 1)).isEqualTo(Merkle.leafHash(entryAt(size - 1)));
    Bytes narrower = fetch("/api/v1/audit/" + TilePath.hashTile(0, last, 1));
    assertThat(narrower.status()).isEqualTo(200);
    assertThat(narrower.body()).isEqualTo(java.util.Arrays.copyOf(partial.body(), 32));
    Bytes partialBundle = fetch("/api/v1/audit/" + TilePath.entryBundle(last, width));
    assertThat(Tiles.decodeEntryBundle(partialBundle.body(), width).get(width - 1)).isEqualTo(entryAt(size - 1));
    // Level 1 holds the roots of full level-0 tiles.
    Bytes level1 = fetch("/api/v1/audit/" + TilePath.hashTile(1, 0, 1));
    assertThat(level1.status()).isEqualTo(200);
    assertThat(level1.body()).isEqualTo(Tiles.tileRoot(full.body()));

    // Nothing beyond the signed tree, and only canonical paths.
    assertThat(fetch("/api/v1/audit/" + TilePath.hashTile(0, last, 0)).status()).isEqualTo(404);
    assertThat(fetch("/api/v1/audit/" + TilePath.hashTile(0, last + 1, 1)).status()).isEqualTo(404);
    assertThat(fetch("/api/v1/audit/" + TilePath.hashTile(0, last, 255)).status()).isEqualTo(width == 255 ? 200 : 404);
    assertThat(fetch("/api/v1/audit/" + TilePath.entryBundle(last + 1, 1)).status()).isEqualTo(404);
    assertThat(fetch("/api/v1/audit/tile/0/0").status()).isEqualTo(404);
    assertThat(fetch("/api/v1/audit/tile/0/x000/000").status()).isEqualTo(404);
    assertThat(fetch("/api/v1/audit/tile/9/000").status()).isEqualTo(404);
  }

  @Test
  void listsEntriesOldestOrNewestFirstWithinTheSignedTree() throws Exception {
    long size = checkpointAtLeast(probe() + 1).size();
    JsonNode asc = get("/api/v1/audit/entries?start=0&count=3", null).json();
    assertThat(asc.path("size").longValue()).isGreaterThanOrEqualTo(size);
    assertThat(asc.path("entries").get(0).path("index").longValue()).isZero();
    assertThat(asc.path("entries").get(2).path("index").longValue()).isEqualTo(2);
    JsonNode desc = get("/api/v1/audit/entries?order=desc&count=2", null).json();
    long top = desc.path("size").longValue() - 1;
    assertThat(desc.path("entries").get(0).path("index").longValue()).isEqualTo(top);
    assertThat(desc.path("entries").get(1).path("index").longValue()).isEqualTo(top - 1);
    JsonNode beyond = get("/api/v1/audit/entries?start=" + (size + 1_000_000), null).json();
    assertThat(beyond.path("entries").size()).isZero();
  }

  // ---- redaction and opening ----

  static final String PLATE = "7SCRT42";
  static final String NAME = "Jane Q. Example";
  static final String CASE_NUMBER = "CASE-2026-004217";
  static final String REASON = "following the secret tip about the blue van";
  static final String ADDRESS = "203.0.113.77";

  long secretEvent() {
    Caller person = new Caller(Caller.Kind.USER, 777, "user:777", Set.of(Roles.INVESTIGATOR), ADDRESS);
    return recorder.recordAndSequence(AuditEvent.of(PROBE, person)
        .with("offense", "459")
        .with("caseNumberPresent", true)
        .secret("plate", PLATE)
        .secret("actorName", NAME)
        .secret("caseNumber", CASE_NUMBER)
        .secret("reason", REASON)
        .build());
  }

  @Test
  void publicEntriesAndEntryBundlesCarryNoPlateNameCaseNumberReasonOrAddress() throws Exception {
    Camera.WithToken cam = cameras.register("Redaction cam", 36.7, -119.7, null);
    Answer ingest = post("/api/v1/reads", cam.token(), """
        {"reads":[{"plate":"%s","state":"CA","capturedAt":"%s"}]}""".formatted(PLATE, clock.instant()));
    assertThat(ingest.status()).isEqualTo(200);
    long index = secretEvent();
    long size = checkpointAtLeast(index + 1).size();

    StringBuilder published = new StringBuilder();
    for (long start = 0; start < size; start += 1000) {
      published.append(get("/api/v1/audit/entries?start=" + start + "&count=1000", null).body());
    }
    for (TilePath p : TilePath.entryBundles(size)) {
      published.append(new String(fetch("/api/v1/audit/" + p.path()).body(), StandardCharsets.UTF_8));
    }
    String all = published.toString();
    assertThat(all).contains("\"commitment\"").contains("user:777");
    for (String secret : List.of(PLATE, NAME, CASE_NUMBER, REASON, ADDRESS, "127.0.0.1", "Redaction cam")) {
      assertThat(all).as("published entries").doesNotContain(secret);
    }
    JsonNode entry = JSON.readTree(entryAt(index));
    assertThat(entry.path("offense").stringValue()).isEqualTo("459");
    assertThat(entry.path("caseNumberPresent").booleanValue()).isTrue();
  }

  @Test
  void anAuditorOpensAnEntryWhoseFieldsRecomputeToItsCommitmentAndTheOpeningIsAudited() throws Exception {
    long index = secretEvent();
    JsonNode published = JSON.readTree(entryAt(index));

    Answer a = get("/api/v1/audit/entries/" + index + "/opening", auditor().apiToken());

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    JsonNode o = a.json();
    byte[] salt = Base64.getDecoder().decode(o.path("salt").stringValue());
    String privateFields = o.path("privateFields").stringValue();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(salt);
    sha.update(privateFields.getBytes(StandardCharsets.UTF_8));
    String recomputed = Base64.getEncoder().encodeToString(sha.digest());
    assertThat(recomputed).isEqualTo(published.path("commitment").stringValue())
        .isEqualTo(o.path("commitment").stringValue());
    assertThat(o.path("entry")).isEqualTo(published);
    JsonNode fields = JSON.readTree(privateFields);
    assertThat(fields.path("plate").stringValue()).isEqualTo(PLATE);
    assertThat(fields.path("actorName").stringValue()).isEqualTo(NAME);
    assertThat(fields.path("caseNumber").stringValue()).isEqualTo(CASE_NUMBER);
    assertThat(fields.path("reason").stringValue()).isEqualTo(REASON);
    assertThat(fields.path("sourceAddress").stringValue()).isEqualTo(ADDRESS);

    long openingIndex = o.path("openingAuditIndex").longValue();
    JsonNode opening = JSON.readTree(entryAt(openingIndex));
    assertThat(opening.path("type").stringValue()).isEqualTo(AuditEventTypes.AUDIT_ENTRY_OPENED.name());
    assertThat(opening.path("typeCode").intValue()).isEqualTo(AuditEventTypes.AUDIT_ENTRY_OPENED.code());
    assertThat(opening.path("openedIndex").longValue()).isEqualTo(index);
    assertThat(opening.path("actor").stringValue()).isEqualTo("user:" + auditor().id());
    assertThat(opening.path("roles").get(0).stringValue()).isEqualTo(Roles.AUDITOR);
  }

  @Test
  void openingIsForAuditorsOnly() {
    long index = secretEvent();
    long openingsBefore = audited(AuditEventTypes.AUDIT_ENTRY_OPENED).size();
    String path = "/api/v1/audit/entries/" + index + "/opening";
    Answer investigator = get(path, INVESTIGATOR);
    assertThat(investigator.status()).isEqualTo(403);
    assertThat(investigator.json().path("error").path("code").stringValue()).isEqualTo("FORBIDDEN");
    Answer anonymous = get(path, null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.json().path("error").path("code").stringValue()).isEqualTo("UNAUTHENTICATED");
    Answer camera = get(path, cameras.register("Opening cam", 36.7, -119.7, null).token());
    assertThat(camera.status()).isEqualTo(403);
    assertThat(get(path, "gpt_nobody").status()).isEqualTo(401);
    assertThat(investigator.body() + anonymous.body() + camera.body()).doesNotContain(PLATE).doesNotContain("salt");
    assertThat(audited(AuditEventTypes.AUDIT_ENTRY_OPENED)).hasSize((int) openingsBefore);
    assertThat(get("/api/v1/audit/entries/99999999/opening", auditor().apiToken()).status()).isEqualTo(404);
  }

  @Test
  void openingShowsPlateDataSoAnAuditorWithoutCurrentTrainingIsRefusedAndTheRefusalIsAudited() {
    long index = secretEvent();
    int openingsBefore = audited(AuditEventTypes.AUDIT_ENTRY_OPENED).size();
    int refusalsBefore = audited(AuditEventTypes.AUDIT_ENTRY_OPENING_REFUSED).size();

    Answer a = get("/api/v1/audit/entries/" + index + "/opening", UNTRAINED_AUDITOR);

    assertThat(a.status()).as(a.body()).isEqualTo(403);
    assertThat(a.json().path("error").path("code").stringValue()).isEqualTo("TRAINING_REQUIRED");
    assertThat(a.body()).doesNotContain(PLATE).doesNotContain("salt");
    assertThat(audited(AuditEventTypes.AUDIT_ENTRY_OPENED)).hasSize(openingsBefore);
    List<JsonNode> refusals = audited(AuditEventTypes.AUDIT_ENTRY_OPENING_REFUSED);
    assertThat(refusals).hasSize(refusalsBefore + 1);
    JsonNode e = refusals.get(refusals.size() - 1);
    assertThat(e.path("actor").stringValue()).isEqualTo("user:901");
    assertThat(e.path("outcome").stringValue()).isEqualTo("DENIED");
    assertThat(e.path("reasonCode").stringValue()).isEqualTo("TRAINING_REQUIRED");
    assertThat(e.path("openedIndex").longValue()).isEqualTo(index);
  }

  @Test
  void publicEndpointsNeedNoLoginButRefuseCameraTokens() throws Exception {
    checkpointAtLeast(probe() + 1);
    String camera = cameras.register("Public cam", 36.7, -119.7, null).token();
    for (String path : List.of("/api/v1/audit/checkpoint", "/api/v1/audit/key", "/api/v1/audit/entries",
        "/api/v1/audit/proof/inclusion?index=0", "/api/v1/audit/" + TilePath.entryBundle(0, 1),
        "/api/v1/audit/" + TilePath.hashTile(0, 0, 1))) {
      assertThat(get(path, null).status()).as(path).isEqualTo(200);
      assertThat(get(path, INVESTIGATOR).status()).as(path).isEqualTo(200);
      assertThat(get(path, camera).status()).as(path).isEqualTo(403);
    }
  }

  // ---- the outside verifier against this server ----

  @TempDir
  Path tmp;

  record Run(int exit, String out, String err) {
    String last() {
      String[] lines = out.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  Run verify(String... options) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("audit", "verify", baseUrl(), "--pin-file", tmp.resolve("known-logs").toString()));
    args.addAll(List.of(options));
    int exit = VerifyCommand.run(args.toArray(String[]::new), new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
        new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Some audited activity: ingest batches (one entry each) and a credential refusal. */
  long activity() throws Exception {
    String token = cameras.register("Activity cam", 36.7, -119.7, null).token();
    for (int i = 0; i < 3; i++) {
      assertThat(post("/api/v1/reads", token, """
          {"reads":[{"plate":"1ACT00%d","state":"CA","capturedAt":"%s"}]}""".formatted(i, clock.instant())).status())
          .isEqualTo(200);
    }
    assertThat(post("/api/v1/reads", "gpc_wrong", "{\"reads\":[]}").status()).isEqualTo(401);
    return checkpointAtLeast(probe() + 1).size();
  }

  /** Runs SQL as a database superuser who turned the append-only triggers off for this transaction. */
  void asRogueAdmin(String sql, Object... params) {
    tx.executeWithoutResult(s -> {
      jdbc.sql("SET LOCAL session_replication_role = replica").update();
      var spec = jdbc.sql(sql);
      for (int i = 0; i < params.length; i++) {
        spec = spec.param(i + 1, params[i]);
      }
      spec.update();
    });
  }

  record Row(long idx, byte[] entry, int typeCode, long pendingId, java.sql.Timestamp recordedAt, java.sql.Timestamp sequencedAt) {
  }

  Row row(long idx) {
    return jdbc.sql("SELECT idx, entry, type_code, pending_id, recorded_at, sequenced_at FROM audit_entry WHERE idx = ?")
        .param(idx).query(Row.class).single();
  }

  void restore(Row r) {
    asRogueAdmin("DELETE FROM audit_entry WHERE idx = ?", r.idx());
    asRogueAdmin("INSERT INTO audit_entry (idx, entry, type_code, pending_id, recorded_at, sequenced_at) VALUES (?, ?, ?, ?, ?, ?)",
        r.idx(), r.entry(), r.typeCode(), r.pendingId(), r.recordedAt(), r.sequencedAt());
  }

  long ingestEntryIndex() {
    return jdbc.sql("""
        SELECT max(idx) FROM audit_entry WHERE convert_from(entry, 'UTF8')::jsonb ->> 'type' = 'READS_INGESTED'""")
        .query(Long.class).single();
  }

  @Test
  void anIntactLogVerifiesAndGrowsConsistentlyWithTheSavedCheckpoint() throws Exception {
    activity();
    Path saved = tmp.resolve("trusted.checkpoint");
    Run first = verify("--save-checkpoint", saved.toString());
    assertThat(first.exit()).as(first.out() + first.err()).isZero();
    assertThat(first.last()).matches("OK size=\\d+ root=[A-Za-z0-9+/=]{44}");
    assertThat(first.err()).contains("first use");
    long firstSize = CheckpointVerifier.verify(Files.readString(saved), key(), ORIGIN).size();

    long grown = activity();
    assertThat(grown).isGreaterThan(firstSize);
    Run second = verify("--trusted-checkpoint", saved.toString());
    assertThat(second.exit()).as(second.out() + second.err()).isZero();
    long secondSize = Long.parseLong(second.last().replaceAll("OK size=(\\d+) .*", "$1"));
    assertThat(secondSize).isGreaterThanOrEqualTo(grown).isGreaterThan(firstSize);
    assertThat(second.err()).doesNotContain("first use");
  }

  @Test
  void theAppendOnlyTriggersRefuseChangesFromTheApplicationsOwnConnection() throws Exception {
    long index = ingestEntryIndexAfterActivity();
    assertThatThrownBy(() -> jdbc.sql("UPDATE audit_entry SET entry = '\\x7b7d' WHERE idx = ?").param(index).update())
        .rootCause().hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_entry WHERE idx = ?").param(index).update())
        .rootCause().hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_entry").update()).rootCause().hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_checkpoint").update()).rootCause().hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("UPDATE audit_tile SET hashes = substring(hashes FROM 33) WHERE level = 0 AND idx = 0").update())
        .rootCause().hasMessageContaining("grow");
  }

  long ingestEntryIndexAfterActivity() throws Exception {
    activity();
    return ingestEntryIndex();
  }

  @Test
  void verifyFailsNamingAnEntryChangedWithSql() throws Exception {
    long index = ingestEntryIndexAfterActivity();
    Row original = row(index);
    String forged = new String(original.entry(), StandardCharsets.UTF_8).replace("\"accepted\":1", "\"accepted\":0");
    assertThat(forged).isNotEqualTo(new String(original.entry(), StandardCharsets.UTF_8));
    asRogueAdmin("UPDATE audit_entry SET entry = ? WHERE idx = ?", forged.getBytes(StandardCharsets.UTF_8), index);
    assertVerifyFailsAtUntilRestored(index, original);
  }

  @Test
  void verifyFailsNamingAnEntryDeletedWithSql() throws Exception {
    activity();
    long index = ingestEntryIndex() - 1;
    Row original = row(index);
    asRogueAdmin("DELETE FROM audit_entry WHERE idx = ?", index);
    assertVerifyFailsAtUntilRestored(index, original);
  }

  /** {@code audit verify} exits 1 naming {@code index}; with the row put back, it passes again. */
  private void assertVerifyFailsAtUntilRestored(long index, Row original) throws Exception {
    try {
      Run run = verify();
      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
      assertThat(run.last()).startsWith("FAIL index=" + index + ":");
    } finally {
      restore(original);
    }
    assertThat(verify().exit()).isZero();
  }

  @Test
  void verifyNamesTheFirstWhenOneEntryIsChangedAndAnotherDeleted() throws Exception {
    activity();
    long changed = ingestEntryIndex() - 2;
    long deleted = changed + 1;
    Row changedRow = row(changed);
    Row deletedRow = row(deleted);
    asRogueAdmin("UPDATE audit_entry SET entry = ? WHERE idx = ?", "{\"type\":\"NOTHING_TO_SEE\"}".getBytes(StandardCharsets.UTF_8), changed);
    asRogueAdmin("DELETE FROM audit_entry WHERE idx = ?", deleted);
    try {
      Run run = verify();
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.last()).startsWith("FAIL index=" + changed + ":");
      // With the first one repaired, the next run names the deleted one.
      restore(changedRow);
      Run again = verify();
      assertThat(again.exit()).isEqualTo(1);
      assertThat(again.last()).startsWith("FAIL index=" + deleted + ":");
    } finally {
      restore(changedRow);
      restore(deletedRow);
    }
    assertThat(verify().exit()).isZero();
  }

  // ---- failing closed ----

  @Test
  void ingestAnswers503AndStoresNothingWhenTheAuditLogCannotBeWritten() throws Exception {
    String token = cameras.register("Fail-closed cam", 36.7, -119.7, null).token();
    post("/api/v1/reads", token, "{\"reads\":[]}"); // the credential is now cached: only the ingest's own audit fails
    long ingestedBefore = audited(AuditEventTypes.READS_INGESTED).size();
    jdbc.sql("""
        CREATE FUNCTION test_audit_unwritable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit storage is unwritable (test)'; END $$""").update();
    jdbc.sql("""
        CREATE TRIGGER test_audit_unwritable BEFORE INSERT ON audit_pending
        FOR EACH ROW EXECUTE FUNCTION test_audit_unwritable()""").update();
    try {
      Answer a = post("/api/v1/reads", token, """
          {"reads":[{"plate":"9FAIL99","state":"CA","capturedAt":"%s"}]}""".formatted(clock.instant()));
      assertThat(a.status()).as(a.body()).isEqualTo(503);
      assertThat(a.json().path("error").path("code").stringValue()).isEqualTo("AUDIT_UNAVAILABLE");
      assertThat(a.body()).doesNotContain("9FAIL99");
      assertThatThrownBy(this::probe).isInstanceOf(AuditUnavailable.class);
    } finally {
      jdbc.sql("DROP TRIGGER test_audit_unwritable ON audit_pending").update();
      jdbc.sql("DROP FUNCTION test_audit_unwritable()").update();
    }
    assertThat(jdbc.sql("SELECT count(*) FROM plate_read WHERE plate = '9FAIL99'").query(Long.class).single()).isZero();
    assertThat(audited(AuditEventTypes.READS_INGESTED)).hasSize((int) ingestedBefore);

    Answer again = post("/api/v1/reads", token, """
        {"reads":[{"plate":"9FAIL99","state":"CA","capturedAt":"%s"}]}""".formatted(clock.instant()));
    assertThat(again.status()).isEqualTo(200);
    assertThat(audited(AuditEventTypes.READS_INGESTED)).hasSize((int) ingestedBefore + 1);
  }
}
