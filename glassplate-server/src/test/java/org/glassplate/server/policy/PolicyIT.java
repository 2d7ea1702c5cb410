package org.glassplate.server.policy;

import org.glassplate.server.policy.internal.PolicyStore;
import static org.glassplate.server.support.TestCallers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.reads.ReadPartitions;
import org.glassplate.server.support.AgreementYaml;
import org.glassplate.server.support.AuditEntries;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.RecordedEvents;
import org.glassplate.server.support.TestCallers;
import org.glassplate.server.core.Roles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** R-GOV-1, R-GOV-2, R-SHR-2: the published policy is the enforced one, and changing it takes two people. */
@Import({TestCallers.class, RecordedEvents.class})
class PolicyIT extends IntegrationTest {
  static final String ADMIN_A = token(101, Roles.ADMINISTRATOR);
  static final String ADMIN_B = token(102, Roles.ADMINISTRATOR);
  static final String INVESTIGATOR = token(103, Roles.INVESTIGATOR);

  @Autowired
  Policies policies;

  @Autowired
  ReadPartitions partitions;

  @Autowired
  RecordedEvents.Log events;

  String proposalJson(String document, String reference) {
    ObjectNode body = JSON.createObjectNode();
    body.put("document", document);
    if (reference != null) {
      body.put("governingBodyReference", reference);
    }
    return body.toString();
  }

  Answer propose(String token, String document, String reference) {
    return post("/api/v1/policy/proposals", token, proposalJson(document, reference));
  }

  String currentDocument() {
    return get("/api/v1/policy", null).json().get("document").asString();
  }

  @Test
  void theShippedDefaultIsVersionOneFromFirstStartAndAudited() {
    Answer a = get("/api/v1/policy/versions/1", null);
    assertEquals(200, a.status());
    JsonNode v1 = a.json();
    assertEquals(1, v1.get("version").asInt());
    assertEquals(PolicyStore.sha256(v1.get("document").asString()), v1.get("sha256").asString());
    assertEquals("initial default", v1.get("approvals").get(0).get("note").asString());
    assertEquals("SYSTEM", v1.get("approvals").get(0).get("as").asString());
    assertTrue(v1.get("document").asString().contains("1798.90.51(b)(5)"));
    JsonNode activated = AuditEntries.ofType(jdbc, AuditEventTypes.POLICY_ACTIVATED).get(0);
    assertEquals(1, activated.get("version").asInt());
    assertEquals(v1.get("sha256").asString(), activated.get("afterSha256").asString());
    assertEquals("initial default", activated.get("approval").asString());
  }

  @Test
  void thePolicyIsPublicWithItsOffenses() {
    Answer a = get("/api/v1/policy", null);
    assertEquals(200, a.status());
    JsonNode p = a.json();
    for (String field : List.of("version", "sha256", "effectiveAt", "approvals", "offenses", "document")) {
      assertTrue(p.has(field), field);
    }
    assertEquals(PolicyStore.sha256(p.get("document").asString()), p.get("sha256").asString());
    assertTrue(p.get("offenses").valueStream().anyMatch(o -> o.get("code").asString().equals("STOLEN_VEHICLE")
        && o.get("name").asString().contains("10851")));
  }

  @Test
  void selfApprovalStaysInactiveUntilASecondAdministratorApproves() {
    int before = get("/api/v1/policy", null).json().get("version").asInt();
    String beforeSha = get("/api/v1/policy", null).json().get("sha256").asString();
    String doc = currentDocument().replace("maxExtension: P90D", "maxExtension: P60D");
    Answer proposed = propose(ADMIN_A, doc, null);
    assertEquals(201, proposed.status(), proposed.body());
    long id = proposed.json().get("id").asLong();
    assertEquals("PENDING", proposed.json().get("status").asString());
    assertTrue(proposed.json().get("diff").asString().contains("-  maxExtension: P90D\n+  maxExtension: P60D"),
        proposed.json().get("diff").asString());
    JsonNode proposedEntry = AuditEntries.last(jdbc, AuditEventTypes.POLICY_PROPOSED);
    assertEquals(id, proposedEntry.get("proposalId").asLong());
    assertEquals(beforeSha, proposedEntry.get("beforeSha256").asString());
    assertEquals(PolicyStore.sha256(doc), proposedEntry.get("afterSha256").asString());
    assertEquals("user:101", proposedEntry.get("actor").asString());

    // the author's own approval is refused: approvals count people (R-ACC-7)
    Answer self = post("/api/v1/policy/proposals/" + id + "/approvals", ADMIN_A, "{}");
    assertEquals(403, self.status(), self.body());
    assertEquals("SAME_PERSON", self.json().get("error").get("code").asString());
    assertEquals(before, get("/api/v1/policy", null).json().get("version").asInt());
    assertEquals("PENDING", get("/api/v1/policy/proposals/" + id, ADMIN_A).json().get("status").asString());
    JsonNode refused = AuditEntries.last(jdbc, AuditEventTypes.POLICY_APPROVAL_REFUSED);
    assertEquals("SAME_PERSON", refused.get("reasonCode").asString());
    assertEquals("SAME_ACCOUNT", refused.get("sameAs").asString());
    assertEquals("user:101", refused.get("actor").asString());
    assertEquals(id, refused.get("proposalId").asLong());
    assertEquals(beforeSha, refused.get("beforeSha256").asString());

    Answer second = post("/api/v1/policy/proposals/" + id + "/approvals", ADMIN_B, "{}");
    assertEquals(200, second.status(), second.body());
    assertTrue(second.json().get("activated").asBoolean());
    JsonNode now = get("/api/v1/policy", null).json();
    assertEquals(before + 1, now.get("version").asInt());
    assertEquals(PolicyStore.sha256(doc), now.get("sha256").asString());
    assertEquals(doc, now.get("document").asString());
    assertEquals(List.of("user:101", "user:102"), now.get("approvals").valueStream().map(x -> x.get("by").asString()).toList());
    assertEquals(Duration.ofDays(60), policies.current().maxRetentionExtension());
    JsonNode activated = AuditEntries.last(jdbc, AuditEventTypes.POLICY_ACTIVATED);
    assertEquals(before + 1, activated.get("version").asInt());
    assertEquals(beforeSha, activated.get("beforeSha256").asString());
    assertEquals(PolicyStore.sha256(doc), activated.get("afterSha256").asString());
    assertEquals("user:102", AuditEntries.last(jdbc, AuditEventTypes.POLICY_APPROVED).get("actor").asString());
    PolicyActivated event = events.of(PolicyActivated.class).get(events.of(PolicyActivated.class).size() - 1);
    assertEquals(before, event.previous().version());
    assertEquals(before + 1, event.current().version());
  }

  @Test
  void anExpansionWithoutAGoverningBodyReferenceIsRefused() {
    String doc = currentDocument().replace("sources: [local, state]", "sources: [local, state, ncic]");
    Answer refused = propose(ADMIN_A, doc, null);
    assertEquals(422, refused.status(), refused.body());
    JsonNode error = refused.json().get("error");
    assertEquals("GOVERNING_BODY_APPROVAL_REQUIRED", error.get("code").asString());
    assertEquals("governingBodyReference", error.get("field").asString());
    assertTrue(error.get("message").asString().contains("hotlists.sources adds ncic"));
    JsonNode entry = AuditEntries.last(jdbc, AuditEventTypes.POLICY_PROPOSAL_REFUSED);
    assertEquals("DENIED", entry.get("outcome").asString());
    assertEquals("GOVERNING_BODY_APPROVAL_REQUIRED", entry.get("reasonCode").asString());
    assertEquals(PolicyStore.sha256(doc), entry.get("afterSha256").asString());
    assertEquals(policies.current().sha256(), entry.get("policySha256").asString());

    Answer accepted = propose(ADMIN_A, doc, "City Council Resolution 2025-114");
    assertEquals(201, accepted.status(), accepted.body());
    assertEquals("hotlists.sources adds ncic", accepted.json().get("expansions").get(0).asString());
    assertEquals("City Council Resolution 2025-114",
        AuditEntries.last(jdbc, AuditEventTypes.POLICY_PROPOSED).get("governingBodyReference").asString());
  }

  @Test
  void longerRetentionIsAnExpansionToo() {
    Answer refused = propose(ADMIN_A, currentDocument().replace("nonHit: P30D", "nonHit: P60D"), null);
    assertEquals(422, refused.status(), refused.body());
    assertEquals("GOVERNING_BODY_APPROVAL_REQUIRED", refused.json().get("error").get("code").asString());
  }

  @Test
  void aFederalRecipientIsRefusedByTheLegalFloor() {
    String doc = AgreementYaml.with(currentDocument(), AgreementYaml.entry("hsi-sf", "CA", "federal"));
    Answer refused = propose(ADMIN_A, doc, "City Council Resolution 2025-200");
    assertEquals(403, refused.status(), refused.body());
    JsonNode error = refused.json().get("error");
    assertEquals("LEGAL_FLOOR", error.get("code").asString());
    assertTrue(error.get("message").asString().contains("Civil Code 1798.90.55(b)"), error.toString());
    assertEquals("document.sharing.agreements[0]", error.get("field").asString());
    JsonNode entry = AuditEntries.last(jdbc, AuditEventTypes.POLICY_PROPOSAL_REFUSED);
    assertEquals("LEGAL_FLOOR", entry.get("reasonCode").asString());
    assertEquals(PolicyStore.sha256(doc), entry.get("afterSha256").asString());
  }

  @Test
  void anOutOfStateRecipientIsRefusedByTheLegalFloor() {
    String doc = AgreementYaml.with(currentDocument(), AgreementYaml.entry("reno-pd", "NV", "local"));
    Answer refused = propose(ADMIN_A, doc, "City Council Resolution 2025-201");
    assertEquals(403, refused.status(), refused.body());
    assertEquals("LEGAL_FLOOR", refused.json().get("error").get("code").asString());
    assertTrue(refused.json().get("error").get("message").asString().contains("out-of-state"));
  }

  @Test
  void malformedYamlIsRefusedNamingTheLineAndField() {
    String doc = currentDocument().replace("  nonHit: P30D", "  nonHit: a month");
    int line = PolicyParserTest.lineOf(doc, "  nonHit: a month");
    Answer refused = propose(ADMIN_A, doc, null);
    assertEquals(422, refused.status(), refused.body());
    JsonNode error = refused.json().get("error");
    assertEquals("INVALID_POLICY", error.get("code").asString());
    assertEquals("document.retention.nonHit", error.get("field").asString());
    assertTrue(error.get("message").asString().startsWith("line " + line + ": retention.nonHit: "), error.toString());
    assertEquals("INVALID_POLICY", AuditEntries.last(jdbc, AuditEventTypes.POLICY_PROPOSAL_REFUSED).get("reasonCode").asString());
  }

  @Test
  void onlyAdministratorsProposeAndApprove() {
    assertEquals(403, propose(INVESTIGATOR, currentDocument() + "\n", null).status());
    assertEquals(401, propose(null, currentDocument() + "\n", null).status());
    assertEquals(403, get("/api/v1/policy/proposals", INVESTIGATOR).status());
  }

  @Test
  void aProposalWrittenAgainstAnOlderVersionCannotBeApproved() {
    String base = currentDocument();
    long first = propose(ADMIN_A, base.replace("title: ALPR Usage and Privacy Policy", "title: ALPR Policy A"), null)
        .json().get("id").asLong();
    long second = propose(ADMIN_A, base.replace("title: ALPR Usage and Privacy Policy", "title: ALPR Policy B"), null)
        .json().get("id").asLong();
    assertEquals(200, post("/api/v1/policy/proposals/" + first + "/approvals", ADMIN_B, "{}").status());
    Answer stale = post("/api/v1/policy/proposals/" + second + "/approvals", ADMIN_B, "{}");
    assertEquals(409, stale.status(), stale.body());
    assertEquals("NOT_PENDING", stale.json().get("error").get("code").asString());
    assertEquals("SUPERSEDED", get("/api/v1/policy/proposals/" + second, ADMIN_A).json().get("status").asString());
    assertEquals("NOT_PENDING", AuditEntries.last(jdbc, AuditEventTypes.POLICY_APPROVAL_REFUSED).get("reasonCode").asString());
  }

  @Test
  void theEnforcedRetentionLimitsIngest() {
    String doc = currentDocument().replace("nonHit: P30D", "nonHit: P20D");
    long id = propose(ADMIN_A, doc, null).json().get("id").asLong();
    try {
      assertEquals(200, post("/api/v1/policy/proposals/" + id + "/approvals", ADMIN_B, "{}").status());
      assertEquals(Duration.ofDays(20), partitions.maxAge());
      JsonNode camera = post("/api/v1/cameras", ADMIN_A, "{\"name\":\"Policy test\",\"lat\":38.5,\"lon\":-121.5}").json();
      String cameraToken = camera.get("token").asString();
      String reads = "{\"reads\":[{\"plate\":\"7ABC123\",\"state\":\"CA\",\"capturedAt\":\""
          + Instant.now().minus(Duration.ofDays(25)) + "\"},{\"plate\":\"7ABC124\",\"state\":\"CA\",\"capturedAt\":\""
          + Instant.now().minus(Duration.ofDays(10)) + "\"}]}";
      JsonNode result = post("/api/v1/reads", cameraToken, reads).json();
      assertEquals(1, result.get("accepted").asInt(), result.toString());
      assertEquals(0, result.get("rejected").get(0).get("index").asInt());
      assertEquals("capturedAt", result.get("rejected").get(0).get("field").asString());
    } finally {
      // put the 30 days back for the other tests of this context (an expansion: needs a reference)
      long back = propose(ADMIN_A, currentDocument().replace("nonHit: P20D", "nonHit: P30D"), "test restore").json()
          .get("id").asLong();
      post("/api/v1/policy/proposals/" + back + "/approvals", ADMIN_B, "{}");
    }
  }

  @Test
  void theAdminPageShowsTheDiffAndApprovesThroughItsForm() throws Exception {
    String old = currentDocument();
    String oldTitle = old.lines().filter(l -> l.startsWith("title: ")).findFirst().orElseThrow();
    String doc = old.replace(oldTitle, "title: ALPR Policy (page)");
    long id = propose(ADMIN_A, doc, null).json().get("id").asLong();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/policy"))
        .header("Authorization", "Bearer " + ADMIN_B).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    String html = page.body();
    assertTrue(html.contains("<span class=\"del\">") && html.contains("- " + oldTitle + "</span>"), html);
    assertTrue(html.contains("<span class=\"add\">") && html.contains("+ title: ALPR Policy (page)</span>"), html);
    Matcher csrf = Pattern.compile("action=\"/admin/policy/proposals/" + id
        + "/approval\"><input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\"").matcher(html);
    assertTrue(csrf.find(), "approve form with CSRF token");
    String form = URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(csrf.group(2), StandardCharsets.UTF_8) + "&note=looks+right";
    HttpResponse<String> approved = browser.send(HttpRequest.newBuilder(
            URI.create(baseUrl() + "/admin/policy/proposals/" + id + "/approval"))
        .header("Authorization", "Bearer " + ADMIN_B).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, approved.statusCode(), approved.body());
    assertTrue(approved.body().contains("is in force"), approved.body());
    assertEquals(PolicyStore.sha256(doc), get("/api/v1/policy", null).json().get("sha256").asString());
    assertNotEquals(0, AuditEntries.ofType(jdbc, AuditEventTypes.POLICY_APPROVED).size());
  }
}
