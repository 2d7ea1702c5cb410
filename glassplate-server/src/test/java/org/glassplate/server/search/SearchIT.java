package org.glassplate.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassplate.log.Merkle;
import org.glassplate.log.ProofVerificationException;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.CheckpointVerifier;
import org.glassplate.log.tiles.TilePath;
import org.glassplate.log.tiles.Tiles;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.reads.PlateQuery;
import org.glassplate.server.support.AuditEntries;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.RecordedEvents;
import org.glassplate.server.support.TestCallers;
import org.glassplate.server.core.Roles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** R-SRCH-1 to R-SRCH-4 over HTTP, with real accounts, real ingest and the real read store. */
class SearchIT extends SearchTestBase {

  @ParameterizedTest(name = "{0} lookalike={1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      plate   | 7ABC123  | false | 7ABC123 7ABC123
      plate   | 7abc-123 | false | 7ABC123 7ABC123
      plate   | 8ABC123  | false | 8ABC123
      plate   | 8ABC123  | true  | 8ABC123 BABC123 8A8C123
      plate   | 5SAM001  | true  | 5SAM001 SSAM00I
      plate   | ABC      | false | ABC
      plate   | 66X0001  | true  | G6X0001
      plate   | 66X0001  | false | -
      plate   | 22K7177  | true  | Z2K7I77
      pattern | 66X00*   | true  | G6X0001
      pattern | 66X00*   | false | -
      pattern | 7ABC*    | false | 7ABC123 7ABC124 7ABC123
      pattern | 7AB?123  | false | 7ABC123 7ABD123 7ABC123
      pattern | *123     | false | 7ABC123 7ABD123 8ABC123 BABC123 8A8C123 7ABC123
      pattern | *ABC*    | false | 7ABC123 7ABC124 8ABC123 BABC123 ABC XABC1239 7ABC123
      pattern | *ABC*    | true  | 7ABC123 7ABC124 8ABC123 BABC123 8A8C123 ABC XABC1239 7ABC123
      pattern | 7XYZ9?0  | false | 7XYZ900 7XYZ9O0
      pattern | 7XYZ90*  | false | 7XYZ900
      pattern | 7XYZ90*  | true  | 7XYZ900 7XYZ9O0
      pattern | XABC123? | false | XABC1239
      pattern | ?ABC     | false | -
      """)
  void findsTheReadsItShouldAndNoOthers(String kind, String query, boolean lookalike, String want) {
    ObjectNode b = body();
    b.put(kind, query);
    b.put("lookalike", lookalike);
    Answer a = search(b);
    assertEquals(200, a.status(), a.body());
    List<String> wanted = want.equals("-") ? List.of() : List.of(want.split(" "));
    assertEquals(wanted, plates(a.json()));
    PlateQuery q = kind.equals("plate") ? PlateQuery.plate(query, lookalike) : PlateQuery.pattern(query, lookalike);
    assertEquals(expected(q), plates(a.json()), "SQL and the reference semantics agree");
  }

  @Test
  void returnsNewestFirstInPages() {
    ObjectNode b = body();
    b.put("pattern", "*ABC*");
    b.put("pageSize", 3);
    JsonNode first = search(b).json();
    assertEquals(List.of("7ABC123", "7ABC124", "8ABC123"), plates(first));
    assertTrue(first.get("more").asBoolean());
    b.put("page", 3);
    JsonNode third = search(b).json();
    assertEquals(List.of("7ABC123"), plates(third));
    assertFalse(third.get("more").asBoolean());
    b.put("pageSize", 501);
    assertEquals(422, search(b).status());
  }

  @Test
  void searchesByCameraAndByArea() {
    ObjectNode b = body();
    b.put("pattern", "*");
    ArrayNode cams = b.putArray("cameras");
    cams.add(fixture.cameraA());
    JsonNode byCamera = search(b).json();
    assertEquals(List.of("7ABC123", "7ABC124", "BABC123", "7XYZ900", "5SAM001", "ABC"), plates(byCamera).subList(0, 6));
    assertEquals("G6X0001", plates(byCamera).get(6));
    assertEquals(1, byCamera.get("camerasCovered").asInt());

    ObjectNode area = body();
    area.put("pattern", "*");
    ArrayNode box = area.putArray("bbox");
    box.add(37.005).add(-120.03).add(37.02).add(-120.01); // around camera B only
    JsonNode byArea = search(area).json();
    assertEquals(List.of("7ABD123", "8ABC123", "8A8C123", "7XYZ9O0", "SSAM00I", "XABC1239", "7ABC123", "Z2K7I77"),
        plates(byArea));
    assertEquals(1, byArea.get("camerasCovered").asInt());

    ObjectNode everything = body();
    everything.put("pattern", "*");
    Answer refused = search(everything);
    assertEquals(422, refused.status());
    assertEquals("pattern", refused.json().get("error").get("field").asString());
    assertEquals("PATTERN_TOO_BROAD", AuditEntries.last(jdbc, AuditEventTypes.SEARCH_DENIED).get("reasonCode").asString());
  }

  @Test
  void anAllowedSearchIsAuditedWithItsPublicFieldsBeforeResultsAreReturned() {
    ObjectNode b = body();
    b.put("plate", "7ABC123");
    b.put("onBehalfOf", "demo-pd");
    Answer a = search(b);
    assertEquals(200, a.status(), a.body());
    JsonNode answer = a.json();
    assertTrue(answer.has("searchId") && answer.has("auditIndex") && answer.has("results"));
    JsonNode entry = AuditEntries.last(jdbc, AuditEventTypes.SEARCH_PERFORMED);
    assertEquals(answer.get("searchId").asString(), entry.get("searchId").asString());
    assertEquals(AuditEventTypes.SEARCH_PERFORMED.name(), entry.get("type").asString());
    assertEquals("SUCCESS", entry.get("outcome").asString());
    assertEquals("ROBBERY", entry.get("offense").asString());
    assertEquals("STATED", entry.get("reasonCategory").asString());
    assertTrue(entry.get("caseNumberPresent").asBoolean());
    assertEquals(2, entry.get("resultCount").asInt());
    assertEquals(answer.get("camerasCovered").asInt(), entry.get("camerasCovered").asInt());
    assertEquals("PLATE", entry.get("searchKind").asString());
    assertEquals("demo-pd", entry.get("onBehalfOf").asString());
    assertEquals(policies.current().sha256(), entry.get("policySha256").asString());
    assertTrue(entry.get("actor").asString().startsWith("user:"));
    String publicText = entry.toString();
    for (String secret : List.of("7ABC123", "24-001187", "5th and Main")) {
      assertFalse(publicText.contains(secret), "public entry must not contain " + secret);
    }
    JsonNode secrets = AuditEntries.lastPrivate(jdbc, AuditEventTypes.SEARCH_PERFORMED);
    assertEquals("7ABC123", secrets.get("plate").asString());
    assertEquals("24-001187", secrets.get("caseNumber").asString());
    assertTrue(secrets.get("reason").asString().contains("5th and Main"));
    SearchPerformed event = events.of(SearchPerformed.class).stream()
        .filter(e -> e.searchId().toString().equals(answer.get("searchId").asString())).findFirst().orElseThrow();
    assertEquals(answer.get("auditIndex").asLong(), event.auditIndex());
    assertEquals(2, event.resultCount());
  }

  @Test
  void theAnswersAuditIndexIsIncludedInThePublishedTree() throws Exception {
    ObjectNode b = body();
    b.put("pattern", "7XYZ9?0");
    JsonNode answer = search(b).json();
    long index = answer.get("auditIndex").asLong();
    String key = get("/api/v1/audit/key", null).body().trim();

    Checkpoint checkpoint = null;
    for (long deadline = System.nanoTime() + 10_000_000_000L; checkpoint == null; Thread.sleep(50)) {
      Answer a = get("/api/v1/audit/checkpoint", null);
      if (a.status() == 200) {
        Checkpoint c = CheckpointVerifier.verify(a.body(), key, null); // signed by the log's key
        checkpoint = c.size() > index ? c : null;
      }
      assertTrue(System.nanoTime() < deadline, "no signed checkpoint covering index " + index + " within 10 s");
    }
    // The entry as anyone fetches it: from the public entry bundle (c2sp.org/tlog-tiles).
    long tile = index / TilePath.FULL_WIDTH;
    int width = TilePath.widthAt(0, tile, checkpoint.size());
    HttpResponse<byte[]> bundle = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(baseUrl() + "/api/v1/audit/" + TilePath.entryBundle(tile, width))).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, bundle.statusCode());
    byte[] entry = Tiles.decodeEntryBundle(bundle.body(), width).get((int) (index % TilePath.FULL_WIDTH));
    JsonNode publicEntry = JSON.readTree(entry);
    assertEquals(answer.get("searchId").asString(), publicEntry.get("searchId").asString());
    assertEquals(AuditEventTypes.SEARCH_PERFORMED.name(), publicEntry.get("type").asString());

    JsonNode proof = get("/api/v1/audit/proof/inclusion?index=" + index + "&size=" + checkpoint.size(), null).json();
    List<byte[]> hashes = new ArrayList<>();
    proof.get("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asString())));
    Proofs.verifyInclusion(Merkle.leafHash(entry), index, checkpoint.size(), hashes, checkpoint.rootHash());
    byte[] root = checkpoint.rootHash();
    long size = checkpoint.size();
    assertThrows(ProofVerificationException.class, () -> Proofs.verifyInclusion(
        Merkle.leafHash("{\"type\":\"SEARCH_PERFORMED\"}".getBytes(StandardCharsets.UTF_8)), index, size, hashes, root));
  }

  @Test
  void aVagueReasonIsFlaggedNotRefused() {
    ObjectNode b = body();
    b.put("plate", "7ABC123");
    b.put("reason", "investigation");
    Answer a = search(b);
    assertEquals(200, a.status(), a.body());
    assertTrue(a.json().get("flagged").asBoolean());
    assertEquals("VAGUE", AuditEntries.last(jdbc, AuditEventTypes.SEARCH_PERFORMED).get("reasonCategory").asString());
  }

  @ParameterizedTest(name = "missing {0}")
  @CsvSource(delimiter = '|', textBlock = """
      caseNumber | MISSING_CASE_NUMBER
      offense    | MISSING_OFFENSE
      reason     | MISSING_REASON
      """)
  void refusesASearchMissingAField(String field, String reasonCode) {
    ObjectNode b = body();
    b.put("plate", "7ABC123");
    b.remove(field);
    assertRefused(search(b), 422, "INVALID_FIELD", field, reasonCode);
    b.put(field, "   ");
    assertRefused(search(b), 422, "INVALID_FIELD", field, reasonCode);
  }

  @Test
  void refusesAnOffenseNotInThePolicy() {
    ObjectNode b = body();
    b.put("plate", "7ABC123");
    b.put("offense", "JAYWALKING");
    assertRefused(search(b), 422, "UNKNOWN_OFFENSE", "offense", "UNKNOWN_OFFENSE");
  }

  @Test
  void refusesAWindowPastRetention() {
    ObjectNode b = body();
    b.put("plate", "7ABC123");
    b.put("from", now.minus(policies.current().nonHitRetention()).minus(1, ChronoUnit.HOURS).toString());
    assertRefused(search(b), 422, "WINDOW_PAST_RETENTION", "from", "WINDOW_PAST_RETENTION");
    b.remove("from");
    assertRefused(search(b), 422, "INVALID_FIELD", "from", "MISSING_WINDOW");
  }

  /** Issue 13: a window wholly in the future can hold no read: a typing mistake, refused naming the field. */
  @Test
  void refusesAWindowWhollyInTheFuture() {
    ObjectNode b = body();
    b.put("plate", "7ABC123");
    b.put("from", now.plus(Duration.ofDays(1)).toString());
    b.put("to", now.plus(Duration.ofDays(2)).toString());
    Answer a = search(b);
    assertRefused(a, 422, "INVALID_FIELD", "from", "WINDOW_IN_FUTURE");
    assertTrue(a.json().get("error").get("message").asString().contains("wholly in the future"), a.body());
    // a window that starts now or earlier and ends later is a search like any other
    b.put("from", now.minus(Duration.ofHours(2)).toString());
    assertEquals(200, search(b).status());
  }

  /** The vehicle a camera reports is stored and comes back with the read. */
  @Test
  void resultsCarryTheVehicleTheCameraReported() {
    String plate = "9VHKLMN"; // matches none of the other tests' plates and patterns
    String camera = post("/api/v1/cameras", fixture.admin(), "{\"name\":\"Vehicle cam\",\"lat\":38.5,\"lon\":-121.5}")
        .json().get("token").asString();
    Answer ingested = post("/api/v1/reads", camera, """
        {"reads":[{"plate":"%s","state":"CA","capturedAt":"%s","vehicle":{"make":"Honda","color":"blue","type":"minivan"}}]}"""
        .formatted(plate, now.minus(Duration.ofMinutes(3))));
    assertEquals(1, ingested.json().get("accepted").asInt(), ingested.body());
    ObjectNode b = body();
    b.put("plate", plate);
    Answer a = search(b);
    assertEquals(200, a.status(), a.body());
    JsonNode vehicle = a.json().get("results").get(0).get("vehicle");
    assertEquals("Honda", vehicle.get("make").asString());
    assertEquals("blue", vehicle.get("color").asString());
    assertEquals("minivan", vehicle.get("type").asString());
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(strings = {"ICE detainer", "assist H.S.I.", "immigration hold", "abortion clinic visit"})
  void refusesProhibitedPurposes(String reason) {
    ObjectNode b = body();
    b.put("plate", "7ABC123");
    b.put("reason", reason);
    JsonNode entry = assertRefused(search(b), 403, "PROHIBITED_PURPOSE", "reason", "PROHIBITED_PURPOSE");
    assertTrue(List.of("IMMIGRATION", "REPRODUCTIVE_OR_GENDER_AFFIRMING_CARE")
        .contains(entry.get("reasonCategory").asString()));
    assertFalse(entry.toString().toLowerCase().contains(reason.toLowerCase()), "the reason stays private");
    assertEquals(reason, AuditEntries.lastPrivate(jdbc, AuditEventTypes.SEARCH_DENIED).get("reason").asString());
    SearchDenied denied = events.of(SearchDenied.class).get(events.of(SearchDenied.class).size() - 1);
    assertEquals("PROHIBITED_PURPOSE", denied.reasonCode());
  }

  @ParameterizedTest(name = "\"{0}\" is allowed")
  @ValueSource(strings = {"ice cream truck theft", "witness saw ADHSX on a sticker of the suspect vehicle"})
  void allowsReasonsThatOnlyLookProhibited(String reason) {
    ObjectNode b = body();
    b.put("plate", "7ABC123");
    b.put("reason", reason);
    Answer a = search(b);
    assertEquals(200, a.status(), a.body());
  }

  @Test
  void refusesWithoutCurrentTraining() {
    ObjectNode b = body();
    b.put("plate", "7ABC123");
    Answer a = post("/api/v1/searches", fixture.trainee(), b.toString());
    assertEquals(403, a.status(), a.body());
    assertEquals("TRAINING_REQUIRED", a.json().get("error").get("code").asString());
    assertEquals("TRAINING_REQUIRED", AuditEntries.last(jdbc, AuditEventTypes.SEARCH_DENIED).get("reasonCode").asString());
  }

  @Test
  void refusesASearchOnBehalfOfAFederalAgency() {
    ObjectNode b = body();
    b.put("plate", "7ABC123");
    b.put("onBehalfOf", "FBI Sacramento field office");
    JsonNode entry = assertRefused(search(b), 403, "LEGAL_FLOOR", "onBehalfOf", "LEGAL_FLOOR");
    assertEquals("FEDERAL", entry.get("onBehalfOfKind").asString());
    b.put("onBehalfOf", "Sacramento Police Department");
    assertRefused(search(b), 403, "NOT_SHARED", "onBehalfOf", "NOT_SHARED");
  }

  @Test
  void onlyInvestigatorsSearch() {
    ObjectNode b = body();
    b.put("plate", "7ABC123");
    assertEquals(403, post("/api/v1/searches", fixture.admin(), b.toString()).status());
    assertEquals(401, post("/api/v1/searches", null, b.toString()).status());
  }

}
