package org.glassplate.server.sharing;

import static org.glassplate.server.support.ServerProcesses.awaitHealthy;
import static org.glassplate.server.support.ServerProcesses.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.glassplate.log.Merkle;
import org.glassplate.log.ProofVerificationException;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.CheckpointVerifier;
import org.glassplate.log.tiles.TilePath;
import org.glassplate.log.tiles.Tiles;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.core.Roles;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.policy.PolicyProposals;
import org.glassplate.server.policy.SharingAgreement;
import org.glassplate.server.support.AuditEntries;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.PolicyChanges;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 14's acceptance test, two nodes on loopback: node A is this test's application (agency
 * {@code demo-pd}); node B ({@code valley-pd}) is the packaged jar started as its own process with its own
 * data directory ({@code demo}, so with administrators and cameras of its own). The nodes exchange their
 * federation keys over {@code GET /api/v1/sharing/key}; each side's agreement goes in through its own
 * two-administrator policy flow (B's over its HTTP API). A's investigator then searches with
 * {@code partners}: B answers inside its scope and logs the query with A's agency; A's own entry names
 * B's audit index, which verifies by an inclusion proof against B's signed checkpoint; outside B's scope
 * (a camera, a window past B's retention, an offense B does not share for) and after the agreement's
 * expiry B refuses with its code; once B is stopped it is UNREACHABLE, never dropped from the answer.
 */
class TwoNodeFederationIT extends IntegrationTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Path JAR = Path.of("target", "glassplate.jar").toAbsolutePath();
  private static final String B_ID = "valley-pd";
  private static final String PLATE = "7TWO001";
  private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

  static Path bData;
  static Process b;
  static int bPort;
  static JsonNode bCredentials;

  @Autowired
  AccountSeeder seeder;

  @Autowired
  Policies policies;

  @Autowired
  PolicyProposals proposals;

  @Autowired
  FederationClient client;

  @BeforeAll
  static void startNodeB() throws Exception {
    bData = Files.createTempDirectory("glassplate-node-b");
    // B's own agency: the launcher keeps an existing glassplate.properties
    Files.writeString(bData.resolve("glassplate.properties"), """
        glassplate.agency.id=valley-pd
        glassplate.agency.name=Valley Police Department
        glassplate.agency.state=CA
        glassplate.agency.time-zone=America/Los_Angeles
        """);
    bPort = freePort();
    Path log = Path.of("target", "two-node-b-" + bPort + ".log");
    b = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx384m", "-jar",
        JAR.toString(), "demo", "--port", Integer.toString(bPort), "--data", bData.toString(), "--rate", "0.5",
        "--history-days", "0")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    awaitHealthy(bPort, Duration.ofSeconds(240));
    Path creds = bData.resolve("demo-credentials.json");
    for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); !Files.exists(creds);
        Thread.sleep(200)) {
      assertTrue(System.nanoTime() < deadline, "node B wrote no demo-credentials.json");
    }
    bCredentials = JSON.readTree(Files.readString(creds));
  }

  @AfterAll
  static void stopNodeB() throws Exception {
    if (b != null && b.isAlive()) {
      b.destroy();
      if (!b.waitFor(60, TimeUnit.SECONDS)) {
        b.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    if (bData != null) {
      try (Stream<Path> files = Files.walk(bData)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  // ---- node B over HTTP ----

  static String bUrl() {
    return "http://127.0.0.1:" + bPort;
  }

  static Answer onB(String method, String path, String token, String json) {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(bUrl() + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      r.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return send(r.build());
  }

  static String bUserToken(String username) {
    for (JsonNode u : bCredentials.get("users")) {
      if (u.get("username").asString().equals(username)) {
        return u.get("apiToken").asString();
      }
    }
    throw new AssertionError("node B has no demo user " + username);
  }

  /** B's policy changed through B's own flow: admin proposes, admin2 approves. */
  static void changeBPolicy(java.util.function.UnaryOperator<String> edit) {
    String doc = onB("GET", "/api/v1/policy", null, null).json().get("document").asString();
    String next = edit.apply(doc);
    assertFalse(next.equals(doc), "the edit changes B's policy");
    ObjectNode proposal = JSON.createObjectNode();
    proposal.put("document", next);
    proposal.put("governingBodyReference", "Valley City Council Resolution 2026-14");
    proposal.put("note", "agreement with demo-pd");
    Answer proposed = onB("POST", "/api/v1/policy/proposals", bUserToken("admin"), proposal.toString());
    assertEquals(201, proposed.status(), proposed.body());
    Answer approved = onB("POST", "/api/v1/policy/proposals/" + proposed.json().get("id").asLong() + "/approvals",
        bUserToken("admin2"), "{\"note\":\"second administrator\"}");
    assertEquals(200, approved.status(), approved.body());
    assertTrue(approved.json().get("activated").asBoolean(), approved.body());
  }

  /** B's log entry at {@code index}, as anyone fetches it, verified by an inclusion proof against B's checkpoint. */
  static JsonNode provenEntryOfB(long index) throws Exception {
    String key = onB("GET", "/api/v1/audit/key", null, null).body().trim();
    Checkpoint checkpoint = null;
    for (long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos(); checkpoint == null; Thread.sleep(100)) {
      Answer a = onB("GET", "/api/v1/audit/checkpoint", null, null);
      if (a.status() == 200) {
        Checkpoint c = CheckpointVerifier.verify(a.body(), key, null); // signed by B's log key
        checkpoint = c.size() > index ? c : null;
      }
      assertTrue(System.nanoTime() < deadline, "B signed no checkpoint covering index " + index + " within 15 s");
    }
    long tile = index / TilePath.FULL_WIDTH;
    int width = TilePath.widthAt(0, tile, checkpoint.size());
    HttpResponse<byte[]> bundle = HTTP.send(HttpRequest.newBuilder(
            URI.create(bUrl() + "/api/v1/audit/" + TilePath.entryBundle(tile, width))).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, bundle.statusCode());
    byte[] entry = Tiles.decodeEntryBundle(bundle.body(), width).get((int) (index % TilePath.FULL_WIDTH));
    JsonNode proof = onB("GET", "/api/v1/audit/proof/inclusion?index=" + index + "&size=" + checkpoint.size(), null,
        null).json();
    List<byte[]> hashes = new ArrayList<>();
    proof.get("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asString())));
    Proofs.verifyInclusion(Merkle.leafHash(entry), index, checkpoint.size(), hashes, checkpoint.rootHash());
    byte[] root = checkpoint.rootHash();
    long size = checkpoint.size();
    byte[] other = entry.clone();
    other[other.length - 2] ^= 1;
    assertThrows(ProofVerificationException.class, () -> Proofs.verifyInclusion(Merkle.leafHash(other), index, size,
        hashes, root), "the proof holds for that entry only");
    return JSON.readTree(entry);
  }

  // ---- node A ----

  String agreementOnA(String bKey) {
    return "    - id: " + B_ID + "\n"
        + "      name: Valley Police Department\n"
        + "      state: CA\n"
        + "      kind: local\n"
        + "      url: " + bUrl() + "\n"
        + "      publicKey: " + bKey + "\n"
        + "      direction: they-answer\n"
        + "      scope:\n"
        + "        cameras: all\n"
        + "        reads: all\n"
        + "        lookback: P30D\n"
        + "        offenses: [ROBBERY, HOMICIDE]\n"
        + "      starts: 2020-01-01\n"
        + "      expires: 2099-01-01\n"
        + "      reference: MOU valley-pd 2026-1\n";
  }

  static String agreementOnB(String aUrl, String aKey, long camera, String expires) {
    return "    - id: demo-pd\n"
        + "      name: Glassplate Police Department\n"
        + "      state: CA\n"
        + "      kind: local\n"
        + "      url: " + aUrl + "\n"
        + "      publicKey: " + aKey + "\n"
        + "      direction: we-answer\n"
        + "      scope:\n"
        + "        cameras: [" + camera + "]\n"
        + "        reads: all\n"
        + "        lookback: P7D\n"
        + "        offenses: [ROBBERY, STOLEN_VEHICLE]\n"
        + "      starts: 2020-01-01\n"
        + "      expires: " + expires + "\n"
        + "      reference: MOU demo-pd 2026-1\n";
  }

  ObjectNode searchBody(String offense, Instant from) {
    ObjectNode b = JSON.createObjectNode();
    b.put("plate", PLATE);
    b.put("from", from.toString());
    b.put("to", clock.instant().plus(Duration.ofMinutes(1)).toString());
    b.put("caseNumber", "2026-TWO-1");
    b.put("offense", offense);
    b.put("reason", "armed robbery at the credit union on Main, suspect vehicle left toward Valley");
    b.put("partners", true);
    return b;
  }

  JsonNode partner(JsonNode answer, String agency) {
    for (JsonNode p : answer.get("partners")) {
      if (p.get("agency").asString().equals(agency)) {
        return p;
      }
    }
    throw new AssertionError("no partner " + agency + " in " + answer.get("partners"));
  }

  @Test
  void aSearchWithPartnersIsAnsweredByNodeBInsideItsScopeAndProvenInItsLog() throws Exception {
    // ---- keys exchanged over the public key endpoints
    JsonNode aKey = get("/api/v1/sharing/key", null).json();
    JsonNode bKey = onB("GET", "/api/v1/sharing/key", null, null).json();
    assertEquals("demo-pd", aKey.get("agency").asString());
    assertEquals(B_ID, bKey.get("agency").asString());

    // ---- B's reads of the plate: one at a camera the agreement covers, one at a camera it does not
    JsonNode cams = bCredentials.get("cameras");
    assertTrue(cams.size() >= 2, "node B's demo has two cameras at least");
    long inScope = cams.get(0).get("id").asLong();
    long outOfScope = cams.get(1).get("id").asLong();
    Instant now = Instant.now();
    for (int i = 0; i < 2; i++) {
      Answer ingested = onB("POST", "/api/v1/reads", cams.get(i).get("token").asString(),
          "{\"reads\":[{\"plate\":\"" + PLATE + "\",\"state\":\"CA\",\"capturedAt\":\"" + now.minus(Duration.ofHours(1 + i))
              + "\",\"vehicle\":{\"make\":\"Honda\",\"color\":\"grey\",\"type\":\"sedan\"}}]}");
      assertEquals(200, ingested.status(), ingested.body());
      assertEquals(1, ingested.json().get("accepted").asInt(), ingested.body());
    }

    // ---- the agreements, each through its own node's two-administrator flow; B keeps reads 7 days only
    changeBPolicy(doc -> FederationSearchIT.withAgreement(doc, agreementOnB(baseUrl(),
        aKey.get("publicKey").asString(), inScope, "2099-01-01")).replace("  nonHit: P30D\n", "  nonHit: P7D\n"));
    PolicyChanges.apply(policies, proposals, doc -> FederationSearchIT.withAgreement(doc,
        agreementOnA(bKey.get("publicKey").asString())));

    // ---- A's investigator searches with partners; A has a read of the plate too
    String investigator = seeder.seed(AccountSeeder.Spec.of("two-ivy", "Ivy Twonode", Roles.INVESTIGATOR)).apiToken();
    String admin = seeder.seed(AccountSeeder.Spec.of("two-ada", "Ada Twonode", Roles.ADMINISTRATOR)).apiToken();
    JsonNode aCam = post("/api/v1/cameras", admin, "{\"name\":\"Two-node cam\",\"lat\":37.2,\"lon\":-120.2}").json();
    assertEquals(200, post("/api/v1/reads", aCam.get("token").asString(), "{\"reads\":[{\"plate\":\"" + PLATE
        + "\",\"state\":\"CA\",\"capturedAt\":\"" + now.minus(Duration.ofMinutes(30)) + "\"}]}").status());

    Answer searched = post("/api/v1/searches", investigator, searchBody("ROBBERY",
        clock.instant().minus(Duration.ofDays(1))).toString());
    assertEquals(200, searched.status(), searched.body());
    JsonNode answer = searched.json();
    JsonNode fromB = partner(answer, B_ID);
    assertEquals("OK", fromB.get("status").asString(), fromB.toString());
    assertEquals(1, fromB.get("count").asInt(), "B answers only the read at the camera its agreement covers");
    assertNull(fromB.get("code"));
    long bIndex = fromB.get("auditIndex").asLong();
    List<JsonNode> results = new ArrayList<>();
    answer.get("results").forEach(results::add);
    assertEquals(List.of("demo-pd", B_ID), results.stream().map(r -> r.get("agency").asString()).toList());
    JsonNode bRead = results.get(1);
    assertEquals(PLATE, bRead.get("plate").asString());
    assertEquals(inScope, bRead.get("cameraId").asLong());
    assertEquals("Honda", bRead.get("vehicle").get("make").asString());

    // ---- B's log has the partner query, with A's agency, at the index A was given: proven against B's checkpoint
    JsonNode bEntry = provenEntryOfB(bIndex);
    assertEquals("PARTNER_QUERY", bEntry.get("type").asString());
    assertEquals("demo-pd", bEntry.get("requestingAgency").asString());
    assertEquals(B_ID, bEntry.get("agency").asString());
    assertTrue(bEntry.get("actor").asString().startsWith("demo-pd/user:"), bEntry.toString());
    assertEquals("ROBBERY", bEntry.get("offense").asString());
    assertEquals(1, bEntry.get("resultCount").asInt());
    assertFalse(bEntry.toString().contains(PLATE) || bEntry.toString().contains("Ivy")
        || bEntry.toString().contains("2026-TWO-1"), bEntry.toString());

    // ---- A's own entries: the search names the partners it will ask; the fan-out names B's audit index
    JsonNode performed = AuditEntries.last(jdbc, org.glassplate.server.search.SearchAuditTypes.SEARCH_PERFORMED);
    assertEquals(answer.get("searchId").asString(), performed.get("searchId").asString());
    assertEquals(List.of(B_ID), JSON.convertValue(performed.get("partnersAsked"), List.class));
    JsonNode sent = AuditEntries.last(jdbc, SharingAuditTypes.PARTNER_SEARCH_SENT);
    assertEquals(803, sent.get("typeCode").asInt());
    assertEquals(answer.get("searchId").asString(), sent.get("searchId").asString());
    assertEquals(answer.get("auditIndex").asLong(), sent.get("searchAuditIndex").asLong());
    JsonNode named = sent.get("partners").get(0);
    assertEquals(B_ID, named.get("agency").asString());
    assertEquals("OK", named.get("status").asString());
    assertEquals(bIndex, named.get("auditIndex").asLong(), "A's entry names B's audit index");
    assertEquals(1, named.get("count").asInt());
    assertFalse(sent.toString().contains(PLATE) || sent.toString().contains("2026-TWO-1"), sent.toString());
    assertEquals(sent.get("commitment").asString(), JSON.readTree(jdbc.sql(
            "SELECT convert_from(entry, 'UTF8') FROM audit_entry WHERE idx = :i")
        .param("i", answer.get("partnersAuditIndex").asLong()).query(String.class).single())
        .get("commitment").asString(), "the answer's partnersAuditIndex is that entry's index in A's log");

    // ---- outside B's scope: an offense B does not share for, a window past B's retention, a camera it does not cover
    JsonNode homicide = partner(post("/api/v1/searches", investigator, searchBody("HOMICIDE",
        clock.instant().minus(Duration.ofDays(1))).toString()).json(), B_ID);
    assertEquals("REFUSED", homicide.get("status").asString(), homicide.toString());
    assertEquals("OUTSIDE_SCOPE", homicide.get("code").asString());
    assertEquals("offense", homicide.get("field").asString());
    assertEquals(0, homicide.get("count").asInt());
    assertNull(homicide.get("auditIndex"));

    Answer old = post("/api/v1/searches", investigator, searchBody("ROBBERY",
        clock.instant().minus(Duration.ofDays(10))).toString());
    assertEquals(200, old.status(), "ten days is inside A's own retention: " + old.body());
    JsonNode pastRetention = partner(old.json(), B_ID);
    assertEquals("REFUSED", pastRetention.get("status").asString(), pastRetention.toString());
    assertEquals("WINDOW_PAST_RETENTION", pastRetention.get("code").asString());
    assertEquals("from", pastRetention.get("field").asString());
    JsonNode refusedSent = AuditEntries.last(jdbc, SharingAuditTypes.PARTNER_SEARCH_SENT).get("partners").get(0);
    assertEquals("WINDOW_PAST_RETENTION", refusedSent.get("code").asString(), "A records B's refusal too");

    // a camera of B's that the agreement does not cover, asked by A's node itself (a search's cameras are A's own)
    SharingAgreement withB = policies.current().sharing().stream().filter(x -> x.id().equals(B_ID)).findFirst()
        .orElseThrow();
    FederationResult camera = client.search(withB, new PartnerQuery("demo-pd",
        new PartnerQuery.Requester("user:1", "Ivy Twonode"), PLATE, false, clock.instant().minus(Duration.ofDays(1)),
        clock.instant().plusSeconds(60), List.of(outOfScope), "2026-TWO-1", "ROBBERY",
        "armed robbery at the credit union on Main, suspect vehicle left toward Valley", null));
    assertEquals(FederationResult.Status.REFUSED, camera.status(), camera.toString());
    assertEquals("OUTSIDE_SCOPE", camera.code());
    assertEquals("cameras", camera.field());

    // ---- a list of agencies: one without an agreement is answered NO_AGREEMENT, never dropped
    ObjectNode listed = searchBody("ROBBERY", clock.instant().minus(Duration.ofDays(1)));
    listed.putArray("partners").add(B_ID).add("nowhere-pd");
    JsonNode both = post("/api/v1/searches", investigator, listed.toString()).json();
    assertEquals(2, both.get("partners").size(), both.toString());
    assertEquals("OK", partner(both, B_ID).get("status").asString());
    assertEquals("REFUSED", partner(both, "nowhere-pd").get("status").asString());
    assertEquals("NO_AGREEMENT", partner(both, "nowhere-pd").get("code").asString());

    // ---- the agreement expires on B (B runs on the real clock: B's administrators bring the expiry to today)
    String today = LocalDate.now(ZONE).toString();
    changeBPolicy(doc -> doc.replace("      expires: 2099-01-01\n      reference: MOU demo-pd 2026-1\n",
        "      expires: " + today + "\n      reference: MOU demo-pd 2026-1\n"));
    JsonNode expired = partner(post("/api/v1/searches", investigator, searchBody("ROBBERY",
        clock.instant().minus(Duration.ofDays(1))).toString()).json(), B_ID);
    assertEquals("REFUSED", expired.get("status").asString(), expired.toString());
    assertEquals("AGREEMENT_EXPIRED", expired.get("code").asString());

    // ---- B stopped: UNREACHABLE, still in the answer, and A's local read still returned
    b.destroy();
    assertTrue(b.waitFor(60, TimeUnit.SECONDS), "node B stops on SIGTERM");
    Answer unreachable = post("/api/v1/searches", investigator, searchBody("ROBBERY",
        clock.instant().minus(Duration.ofDays(1))).toString());
    assertEquals(200, unreachable.status(), unreachable.body());
    JsonNode gone = partner(unreachable.json(), B_ID);
    assertEquals("UNREACHABLE", gone.get("status").asString(), gone.toString());
    assertEquals(0, gone.get("count").asInt());
    assertEquals(1, unreachable.json().get("results").size());
    assertEquals("demo-pd", unreachable.json().get("results").get(0).get("agency").asString());
    assertNotNull(unreachable.json().get("partnersAuditIndex"));
    assertEquals("UNREACHABLE", AuditEntries.last(jdbc, SharingAuditTypes.PARTNER_SEARCH_SENT).get("partners").get(0)
        .get("status").asString());
  }
}
