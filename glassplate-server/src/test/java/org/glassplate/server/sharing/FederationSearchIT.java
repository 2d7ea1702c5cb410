package org.glassplate.server.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.core.Roles;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.policy.PolicyProposals;
import org.glassplate.server.sharing.signing.ContentDigest;
import org.glassplate.server.sharing.signing.Ed25519Keys;
import org.glassplate.server.sharing.signing.HttpSigner;
import org.glassplate.server.sharing.signing.RequestMessage;
import org.glassplate.server.sharing.signing.SignatureHeaders;
import org.glassplate.server.sharing.signing.SignatureParameters;
import org.glassplate.server.support.AuditEntries;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.PolicyChanges;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14, the data owner's side of a node-to-node search (R-SHR-2, R-SHR-3): a fictitious partner,
 * partner-pd, holds a key pair whose public half is in this node's agreement with it, and signs its
 * queries as a partner node would (RFC 9421, Ed25519). Each refusal is asserted with its audit entry.
 */
class FederationSearchIT extends IntegrationTest {
  static final String PARTNER = "partner-pd";
  static final String PLATE = "7FED001";
  static final KeyPair PARTNER_KEYS = generate();

  record Fixture(String url, long cameraA, long cameraB) {
  }

  static Fixture fixture;

  @Autowired
  AccountSeeder seeder;

  @Autowired
  Policies policies;

  @Autowired
  PolicyProposals proposals;

  @Autowired
  javax.sql.DataSource dataSource;

  @Autowired
  FederationKey ownKey;

  @BeforeEach
  void seedOnce() throws Exception {
    String url;
    try (var c = dataSource.getConnection()) {
      url = c.getMetaData().getURL();
    }
    if (fixture != null && fixture.url().equals(url)) {
      return;
    }
    String admin = seeder.seed(AccountSeeder.Spec.of("fed-ada", "Ada Federation", Roles.ADMINISTRATOR)).apiToken();
    JsonNode a = post("/api/v1/cameras", admin, "{\"name\":\"Fed cam A\",\"lat\":37.101,\"lon\":-120.101}").json();
    JsonNode b = post("/api/v1/cameras", admin, "{\"name\":\"Fed cam B\",\"lat\":37.110,\"lon\":-120.120}").json();
    Instant now = clock.instant();
    ingest(a.get("token").asString(), "{\"plate\":\"" + PLATE + "\",\"state\":\"CA\",\"capturedAt\":\""
        + now.minus(Duration.ofHours(1)) + "\",\"vehicle\":{\"make\":\"Toyota\",\"color\":\"blue\",\"type\":\"sedan\"}}");
    ingest(b.get("token").asString(), "{\"plate\":\"" + PLATE + "\",\"state\":\"CA\",\"capturedAt\":\""
        + now.minus(Duration.ofHours(2)) + "\"}");
    fixture = new Fixture(url, a.get("camera").get("id").asLong(), b.get("camera").get("id").asLong());
  }

  private void ingest(String token, String read) {
    JsonNode result = post("/api/v1/reads", token, "{\"reads\":[" + read + "]}").json();
    assertEquals(0, result.get("rejected").size(), result.toString());
  }

  // ---- agreements ----

  static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String publicKey(KeyPair keys) {
    return Base64.getEncoder().encodeToString(Ed25519Keys.raw(keys.getPublic()));
  }

  /** An agreement with partner-pd; {@code cameras} is "all" or a YAML list. */
  String agreement(String state, String kind, String direction, String cameras, String reads, String lookback,
      LocalDate expires) {
    return "    - id: " + PARTNER + "\n"
        + "      name: Partner Police Department\n"
        + "      state: " + state + "\n"
        + "      kind: " + kind + "\n"
        + "      url: http://127.0.0.1:" + port + "\n"
        + "      publicKey: " + publicKey(PARTNER_KEYS) + "\n"
        + "      direction: " + direction + "\n"
        + "      scope:\n"
        + "        cameras: " + cameras + "\n"
        + "        reads: " + reads + "\n"
        + "        lookback: " + lookback + "\n"
        + "        offenses: [ROBBERY, STOLEN_VEHICLE]\n"
        + "      starts: 2020-01-01\n"
        + "      expires: " + expires + "\n"
        + "      reference: MOU partner-pd 2026-1\n";
  }

  String agreement() {
    return agreement("CA", "local", "both", "[" + fixture.cameraA() + ", " + fixture.cameraB() + "]", "all", "P2D",
        LocalDate.of(2099, 1, 1));
  }

  void install(String entry) {
    PolicyChanges.apply(policies, proposals, doc -> withAgreement(doc, entry));
  }

  static String withAgreement(String doc, String entry) {
    assertTrue(doc.contains("\n  agreements: []\n"), "the test starts from a policy without agreements");
    return doc.replace("\n  agreements: []\n", "\n  agreements:\n" + entry);
  }

  // ---- requests ----

  FederationClient client() {
    return FederationClient.signingAs(PARTNER, PARTNER_KEYS.getPrivate(), clock, Duration.ofSeconds(10));
  }

  PartnerQuery query() {
    Instant now = clock.instant();
    return new PartnerQuery(PARTNER, new PartnerQuery.Requester("user:4", "Ivy Investigator"), PLATE, false,
        now.minus(Duration.ofDays(1)), now.plus(Duration.ofMinutes(1)), null, "2026-0001", "ROBBERY",
        "armed robbery at the bank on 5th, suspect vehicle seen leaving", null);
  }

  PartnerQuery with(PartnerQuery q, List<Long> cameras, Instant from, String offense, String onBehalfOf) {
    return new PartnerQuery(q.requestingAgency(), q.requester(), q.plate(), q.lookalike(), from == null ? q.from() : from,
        q.to(), cameras, q.caseNumber(), offense == null ? q.offense() : offense, q.reason(), onBehalfOf);
  }

  URI base() {
    return URI.create(baseUrl());
  }

  byte[] body(PartnerQuery q) {
    return JSON.writeValueAsBytes(q);
  }

  /**
   * A request as a partner node would send it, with what is signed and what is sent apart so that a test
   * can alter one: the signature covers {@code signedTarget} and the digest of {@code signedBody}.
   */
  HttpRequest signed(String keyId, PrivateKey key, URI signedTarget, byte[] signedBody, URI sentTarget,
      byte[] sentBody) {
    Instant created = clock.instant();
    String digest = ContentDigest.sha256(signedBody);
    RequestMessage m = new RequestMessage("POST", signedTarget, Map.of("Content-Digest", List.of(digest)), signedBody);
    SignatureHeaders h = new HttpSigner(key).sign(m, "gp",
        SignatureParameters.forFederation(keyId, created, created.plusSeconds(60), FederationClient.nonce()));
    return HttpRequest.newBuilder(sentTarget)
        .header("Content-Type", "application/json")
        .header("Content-Digest", digest)
        .header("Signature-Input", h.signatureInput())
        .header("Signature", h.signature())
        .POST(HttpRequest.BodyPublishers.ofByteArray(sentBody))
        .build();
  }

  HttpRequest signed(PartnerQuery q) {
    URI target = FederationClient.target(base());
    byte[] b = body(q);
    return signed(PARTNER, PARTNER_KEYS.getPrivate(), target, b, target, b);
  }

  /** The refusal's code and field, and its audit entry: PARTNER_QUERY_REFUSED with that reason code. */
  JsonNode assertRefused(FederationResult r, int status, String code, String field, String reasonCode) {
    assertEquals(FederationResult.Status.REFUSED, r.status(), r.toString());
    return assertRefused(r.httpStatus(), r.code(), r.field(), status, code, field, reasonCode);
  }

  JsonNode assertRefused(Answer a, int status, String code, String field, String reasonCode) {
    JsonNode error = a.json().get("error");
    return assertRefused(a.status(), error.get("code").asString(),
        error.get("field") == null ? null : error.get("field").asString(), status, code, field, reasonCode);
  }

  private JsonNode assertRefused(int gotStatus, String gotCode, String gotField, int status, String code,
      String field, String reasonCode) {
    assertEquals(status, gotStatus, gotCode);
    assertEquals(code, gotCode);
    assertEquals(field, gotField);
    JsonNode entry = AuditEntries.last(jdbc, SharingAuditTypes.PARTNER_QUERY_REFUSED);
    assertEquals("DENIED", entry.get("outcome").asString());
    assertEquals(reasonCode, entry.get("reasonCode").asString(), entry.toString());
    assertEquals("PARTNER", entry.get("actorKind").asString());
    assertEquals(policies.current().sha256(), entry.get("policySha256").asString());
    assertFalse(entry.toString().contains(PLATE) || entry.toString().contains("Ivy")
        || entry.toString().contains("2026-0001") || entry.toString().contains("bank"), entry.toString());
    return entry;
  }

  int count(AuditEventType type) {
    return AuditEntries.ofType(jdbc, type).size();
  }

  // ---- the tests ----

  @Test
  void answersAQueryInsideTheScopeWithItsAuditIndexAndCheckpointSize() {
    install(agreement());
    long partnerQueriesBefore = partnerQueriesOnThePublicPage();
    FederationResult r = client().search(base(), query());
    assertEquals(FederationResult.Status.OK, r.status(), r.toString());
    PartnerAnswer answer = r.answer();
    assertEquals("demo-pd", answer.agency());
    assertEquals(2, answer.results().size(), answer.toString());
    PartnerAnswer.Result newest = answer.results().get(0);
    assertEquals(PLATE, newest.plate());
    assertEquals("CA", newest.state());
    assertEquals(fixture.cameraA(), newest.camera().id());
    assertEquals("Fed cam A", newest.camera().name());
    assertEquals(37.101, newest.camera().lat());
    assertEquals("Toyota", newest.vehicle().make());
    assertNull(answer.results().get(1).vehicle(), "the camera said nothing of the vehicle");
    assertTrue(answer.checkpointSize() > answer.auditIndex(), answer.toString());

    // the owner's own entry, at that index, with the requesting agency public and the person committed
    JsonNode entry = JSON.readTree(jdbc.sql("SELECT convert_from(entry, 'UTF8') FROM audit_entry WHERE idx = :i")
        .param("i", answer.auditIndex()).query(String.class).single());
    assertEquals("PARTNER_QUERY", entry.get("type").asString());
    assertEquals(801, entry.get("typeCode").asInt());
    assertEquals(PARTNER, entry.get("requestingAgency").asString());
    assertEquals("partner-pd/user:4", entry.get("actor").asString());
    assertEquals("PARTNER", entry.get("actorKind").asString());
    assertEquals("ROBBERY", entry.get("offense").asString());
    assertEquals(2, entry.get("resultCount").asInt());
    assertEquals(2, entry.get("camerasCovered").asInt());
    assertFalse(entry.toString().contains(PLATE) || entry.toString().contains("Ivy")
        || entry.toString().contains("2026-0001"), entry.toString());
    String secrets = jdbc.sql("SELECT private_fields FROM audit_private WHERE idx = :i")
        .param("i", answer.auditIndex()).query(String.class).single();
    assertTrue(secrets.contains("Ivy Investigator") && secrets.contains("2026-0001") && secrets.contains(PLATE),
        "the private part holds the requester's name, the case number and the plate");

    // the partner can prove the entry is in the signed log
    Answer proof = get("/api/v1/audit/proof/inclusion?index=" + answer.auditIndex() + "&size="
        + answer.checkpointSize(), null);
    assertEquals(200, proof.status(), proof.body());

    // the public page counts it as a partner query (R-PUB-1)
    assertEquals(partnerQueriesBefore + 1, partnerQueriesOnThePublicPage());
  }

  @Autowired
  org.glassplate.server.transparency.TransparencyReport report;

  @Autowired
  org.glassplate.server.audit.AuditLog auditLog;

  /** The figure, once every entry written so far is in the signed log (the page counts from that). */
  long partnerQueriesOnThePublicPage() {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (jdbc.sql("SELECT count(*) FROM audit_pending").query(Long.class).single() > 0
        || auditLog.size() < jdbc.sql("SELECT coalesce(max(idx) + 1, 0) FROM audit_entry").query(Long.class).single()) {
      assertTrue(System.nanoTime() - deadline < 0, "the log did not settle");
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    ReflectionTestUtils.invokeMethod(report, "forgetFigures"); // the figures are kept up to a minute
    return get("/transparency.json", null).json().get("partnerQueries").get("last30Days").asLong();
  }

  @Test
  void theWireFormatIsTheOneOfTheIssue() {
    install(agreement());
    String json = new String(body(query()), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"requester\":{\"pseudonym\":\"user:4\",\"name\":\"Ivy Investigator\"}"), json);
    assertTrue(json.matches(".*\"from\":\"\\d{4}-\\d\\d-\\d\\dT[^\"]+Z\".*"), json);
    Answer a = send(signed(query()));
    assertEquals(200, a.status(), a.body());
    JsonNode first = a.json().get("results").get(0);
    assertEquals(List.of("agency", "auditIndex", "checkpointSize", "results"),
        a.json().propertyNames().stream().toList());
    assertEquals(List.of("readId", "plate", "state", "capturedAt", "camera", "vehicle"),
        first.propertyNames().stream().toList());
    assertTrue(first.get("capturedAt").asString().endsWith("Z"), first.toString());
  }

  @Test
  void refusesACameraAWindowOrAnOffenseOutsideTheScope() {
    install(agreement("CA", "local", "both", "[" + fixture.cameraA() + "]", "all", "P2D", LocalDate.of(2099, 1, 1)));
    FederationClient c = client();

    // no camera named: only those of the agreement
    FederationResult inScope = c.search(base(), query());
    assertEquals(FederationResult.Status.OK, inScope.status(), inScope.toString());
    assertEquals(List.of(fixture.cameraA()), inScope.answer().results().stream().map(x -> x.camera().id()).toList());

    int before = count(SharingAuditTypes.PARTNER_QUERY_REFUSED);
    assertRefused(c.search(base(), with(query(), List.of(fixture.cameraB()), null, null, null)),
        403, "OUTSIDE_SCOPE", "cameras", "OUTSIDE_SCOPE");
    Instant now = clock.instant();
    assertRefused(c.search(base(), with(query(), null, now.minus(Duration.ofDays(3)), null, null)),
        403, "OUTSIDE_SCOPE", "from", "OUTSIDE_SCOPE");
    assertRefused(c.search(base(), with(query(), null, now.minus(Duration.ofDays(40)), null, null)),
        422, "WINDOW_PAST_RETENTION", "from", "WINDOW_PAST_RETENTION");
    assertRefused(c.search(base(), with(query(), null, null, "HOMICIDE", null)),
        403, "OUTSIDE_SCOPE", "offense", "OUTSIDE_SCOPE");
    JsonNode last = assertRefused(c.search(base(), with(query(), null, null, "JAYWALKING", null)),
        422, "UNKNOWN_OFFENSE", "offense", "UNKNOWN_OFFENSE");
    assertEquals(PARTNER, last.get("requestingAgency").asString());
    assertEquals("partner-pd/user:4", last.get("actor").asString());
    assertEquals(before + 5, count(SharingAuditTypes.PARTNER_QUERY_REFUSED));
  }

  @Test
  void refusesAProhibitedPurposeAndOnBehalfOfAFederalAgency() {
    install(agreement());
    FederationClient c = client();
    PartnerQuery q = query();
    PartnerQuery immigration = new PartnerQuery(PARTNER, q.requester(), PLATE, false, q.from(), q.to(), null,
        "2026-0001", "ROBBERY", "locate for deportation proceedings", null);
    assertEquals("IMMIGRATION", assertRefused(c.search(base(), immigration), 403, "PROHIBITED_PURPOSE", "reason",
        "PROHIBITED_PURPOSE").get("reasonCategory").asString());
    assertRefused(c.search(base(), with(q, null, null, null, "ICE")), 403, "PROHIBITED_PURPOSE", "onBehalfOf",
        "PROHIBITED_PURPOSE");
    assertEquals("FEDERAL", assertRefused(c.search(base(), with(q, null, null, null, "FBI Sacramento field office")),
        403, "LEGAL_FLOOR", "onBehalfOf", "LEGAL_FLOOR").get("onBehalfOfKind").asString());
    assertEquals("OUT_OF_STATE", assertRefused(c.search(base(), with(q, null, null, null, "Reno Nevada Police")),
        403, "LEGAL_FLOOR", "onBehalfOf", "LEGAL_FLOOR").get("onBehalfOfKind").asString());
    PartnerQuery noCase = new PartnerQuery(PARTNER, q.requester(), PLATE, false, q.from(), q.to(), null, null,
        "ROBBERY", q.reason(), null);
    assertRefused(c.search(base(), noCase), 422, "INVALID_FIELD", "caseNumber", "MISSING_CASE_NUMBER");
    PartnerQuery noName = new PartnerQuery(PARTNER, new PartnerQuery.Requester("user:4", null), PLATE, false,
        q.from(), q.to(), null, "2026-0001", "ROBBERY", q.reason(), null);
    assertRefused(c.search(base(), noName), 422, "INVALID_FIELD", "requester.name", "INVALID_REQUESTER");
  }

  @Test
  void refusesOnceTheAgreementHasExpired() {
    LocalDate today = clock.instant().atZone(java.time.ZoneId.of("America/Los_Angeles")).toLocalDate();
    install(agreement("CA", "local", "both", "all", "all", "P2D", today.plusDays(1)));
    assertEquals(FederationResult.Status.OK, client().search(base(), query()).status());
    clock.advance(Duration.ofDays(2));
    JsonNode entry = assertRefused(client().search(base(), query()), 403, "AGREEMENT_EXPIRED", null,
        "AGREEMENT_EXPIRED");
    assertEquals(PARTNER, entry.get("requestingAgency").asString());
  }

  @Test
  void refusesAnAgreementThatHasThisNodeAskOnly() {
    install(agreement("CA", "local", "they-answer", "all", "all", "P2D", LocalDate.of(2099, 1, 1)));
    assertRefused(client().search(base(), query()), 403, "NO_AGREEMENT", null, "NO_AGREEMENT");
  }

  @Test
  void refusesAReplayedRequest() {
    install(agreement());
    HttpRequest request = signed(query());
    assertEquals(200, send(request).status());
    JsonNode entry = assertRefused(send(request), 401, "SIGNATURE_REJECTED", "REPLAYED", "REPLAYED");
    assertEquals(PARTNER, entry.get("requestingAgency").asString());
    assertEquals("partner:unverified", entry.get("actor").asString());
  }

  @Test
  void refusesAnAlteredBodyOrPathAndAnUnknownOrWrongKey() {
    install(agreement());
    URI target = FederationClient.target(base());
    byte[] b = body(query());
    byte[] other = body(with(query(), null, null, "STOLEN_VEHICLE", null));
    PrivateKey key = PARTNER_KEYS.getPrivate();
    assertRefused(send(signed(PARTNER, key, target, b, target, other)), 401, "SIGNATURE_REJECTED",
        "DIGEST_MISMATCH", "DIGEST_MISMATCH");
    URI elsewhere = URI.create(baseUrl() + "/api/v1/federation/searches/elsewhere");
    assertRefused(send(signed(PARTNER, key, elsewhere, b, target, b)), 401, "SIGNATURE_REJECTED", "BAD_SIGNATURE",
        "BAD_SIGNATURE");
    assertRefused(send(signed(PARTNER, generate().getPrivate(), target, b, target, b)), 401, "SIGNATURE_REJECTED",
        "BAD_SIGNATURE", "BAD_SIGNATURE");
    JsonNode unknown = assertRefused(send(signed("nobody-pd", key, target, b, target, b)), 401, "SIGNATURE_REJECTED",
        "UNKNOWN_KEY", "UNKNOWN_KEY");
    assertNull(unknown.get("requestingAgency"), "a key id no agreement names is not published");
    Answer unsigned = post(FederationRequests.PATH, null, new String(b, StandardCharsets.UTF_8));
    assertRefused(unsigned, 401, "SIGNATURE_REJECTED", "MISSING_SIGNATURE", "MISSING_SIGNATURE");
  }

  @Test
  void refusesAFederalOrOutOfStateRequesterEvenWithAnAgreementForcedIntoTheDatabase() {
    for (String[] forced : new String[][] {{"CA", "federal", "FEDERAL"}, {"NV", "local", "OUT_OF_STATE"},
        {"CA", "private", "PRIVATE"}}) {
      String doc = withAgreement(policies.current().document(), agreement(forced[0], forced[1], "both", "all", "all",
          "P2D", LocalDate.of(2099, 1, 1)));
      int version = policies.current().version() + 1;
      // as a person with the database's password could: no proposal, no approvals, no legal floor
      jdbc.sql("""
              INSERT INTO policy_version (version, sha256, document, effective_at, approvals)
              VALUES (:v, encode(sha256(convert_to(:doc, 'UTF8')), 'hex'), :doc, now(), '[]'::jsonb)""")
          .param("v", version).param("doc", doc).update();
      forgetPolicy(); // as a restart would: the policy in force is read from the database again
      try {
        assertEquals(version, policies.current().version());
        JsonNode entry = assertRefused(client().search(base(), query()), 403, "LEGAL_FLOOR", null, "LEGAL_FLOOR");
        assertEquals(forced[2], entry.get("requestingAgencyKind").asString());
        assertEquals(PARTNER, entry.get("requestingAgency").asString());
      } finally {
        jdbc.sql("DELETE FROM policy_version WHERE version = :v").param("v", version).update();
        forgetPolicy();
      }
    }
  }

  private void forgetPolicy() {
    ReflectionTestUtils.setField(policies, "current", null);
  }

  @Test
  void aHitsOnlyAgreementAnswersNoReadThatRaisedNoHit() {
    install(agreement("CA", "local", "both", "all", "hits-only", "P2D", LocalDate.of(2099, 1, 1)));
    FederationResult r = client().search(base(), query());
    assertEquals(FederationResult.Status.OK, r.status(), r.toString());
    assertEquals(0, r.answer().results().size(), "no read of the plate matched a hot list");
    JsonNode entry = AuditEntries.last(jdbc, SharingAuditTypes.PARTNER_QUERY);
    assertEquals("hits-only", entry.get("scopeReads").asString());
    assertEquals(0, entry.get("resultCount").asInt());
  }

  @Test
  void publishesThisNodesFederationKey() {
    Answer a = get("/api/v1/sharing/key", null);
    assertEquals(200, a.status(), a.body());
    assertEquals("demo-pd", a.json().get("agency").asString());
    assertEquals("ed25519", a.json().get("algorithm").asString());
    assertEquals(ownKey.publicKeyBase64(), a.json().get("publicKey").asString());
    assertEquals(32, Base64.getDecoder().decode(a.json().get("publicKey").asString()).length);
    assertNotNull(ownKey.file());
    assertTrue(java.nio.file.Files.exists(ownKey.file()));
  }
}
