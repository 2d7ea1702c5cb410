package org.glassplate.server.sharing;

import static org.glassplate.server.support.TestCallers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Roles;
import org.glassplate.server.support.AgreementYaml;
import org.glassplate.server.support.AuditEntries;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.TestCallers;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * R-SHR-1, R-GOV-2: an agreement is an entry of the policy, so changing one takes two administrators,
 * and a new or wider one a governing-body reference too; the agreements in force are public.
 */
@Import(TestCallers.class)
class SharingAgreementsIT extends IntegrationTest {
  static final String ADMIN_A = token(201, Roles.ADMINISTRATOR);
  static final String ADMIN_B = token(202, Roles.ADMINISTRATOR);
  static final String COUNCIL = "City Council Resolution 2025-300";

  Answer propose(String token, String document, String reference) {
    ObjectNode body = JSON.createObjectNode();
    body.put("document", document);
    if (reference != null) {
      body.put("governingBodyReference", reference);
    }
    return post("/api/v1/policy/proposals", token, body.toString());
  }

  Answer approve(String token, long proposal) {
    return post("/api/v1/policy/proposals/" + proposal + "/approvals", token, "{}");
  }

  String currentDocument() {
    return get("/api/v1/policy", null).json().get("document").asString();
  }

  /** The public list, asked with no login. */
  JsonNode agreements() {
    Answer a = get("/api/v1/sharing/agreements", null);
    assertEquals(200, a.status(), a.body());
    assertFalse(a.body().contains("user:"), "approvals name capacities, never who: " + a.body());
    return a.json();
  }

  @Test
  void aNewAgreementNeedsACouncilReferenceAndTwoAdministratorsThenIsPublic() {
    // sac-pd is in force from 2020; later-pd only from 2090, so it is not listed yet
    String doc = AgreementYaml.with(currentDocument(), AgreementYaml.entry("sac-pd"),
        AgreementYaml.entry("later-pd").replace("starts: 2020-01-01", "starts: 2090-01-01"));
    assertEquals(0, agreements().get("agreements").size());

    Answer refused = propose(ADMIN_A, doc, null);
    assertEquals(422, refused.status(), refused.body());
    JsonNode error = refused.json().get("error");
    assertEquals("GOVERNING_BODY_APPROVAL_REQUIRED", error.get("code").asString());
    assertEquals("governingBodyReference", error.get("field").asString());
    assertTrue(error.get("message").asString().contains("sharing.agreements adds sac-pd"), error.toString());
    JsonNode refusedEntry = AuditEntries.last(jdbc, AuditEventTypes.POLICY_PROPOSAL_REFUSED);
    assertEquals("GOVERNING_BODY_APPROVAL_REQUIRED", refusedEntry.get("reasonCode").asString());
    assertEquals("user:201", refusedEntry.get("actor").asString());

    Answer proposed = propose(ADMIN_A, doc, COUNCIL);
    assertEquals(201, proposed.status(), proposed.body());
    long id = proposed.json().get("id").asLong();
    assertEquals(List.of("sharing.agreements adds sac-pd", "sharing.agreements adds later-pd"),
        proposed.json().get("expansions").valueStream().map(JsonNode::asString).toList());
    assertEquals(0, agreements().get("agreements").size(), "a proposal is not in force");

    // the proposer alone cannot make it effective (R-GOV-2, R-ACC-7)
    Answer self = approve(ADMIN_A, id);
    assertEquals(403, self.status(), self.body());
    assertEquals("SAME_PERSON", self.json().get("error").get("code").asString());
    assertEquals("SAME_PERSON", AuditEntries.last(jdbc, AuditEventTypes.POLICY_APPROVAL_REFUSED)
        .get("reasonCode").asString());
    assertEquals(0, agreements().get("agreements").size());

    Answer second = approve(ADMIN_B, id);
    assertEquals(200, second.status(), second.body());
    int version = second.json().get("version").asInt();
    JsonNode activated = AuditEntries.last(jdbc, AuditEventTypes.POLICY_ACTIVATED);
    assertEquals(version, activated.get("version").asInt());
    assertEquals(COUNCIL, activated.get("governingBodyReference").asString());
    assertEquals("sharing.agreements adds sac-pd", activated.get("expansions").get(0).asString());

    JsonNode list = agreements();
    JsonNode policy = get("/api/v1/policy", null).json();
    assertEquals(version, list.get("policyVersion").asInt());
    assertEquals(policy.get("sha256").asString(), list.get("policySha256").asString());
    assertEquals(1, list.get("agreements").size(), list.toString());
    JsonNode a = list.get("agreements").get(0);
    assertEquals("sac-pd", a.get("id").asString());
    assertEquals("Partner sac-pd", a.get("name").asString());
    assertEquals("CA", a.get("state").asString());
    assertEquals("local", a.get("kind").asString());
    assertEquals("https://sac-pd.example.gov", a.get("url").asString());
    assertEquals(AgreementYaml.KEY, a.get("publicKey").asString());
    assertEquals("both", a.get("direction").asString());
    assertEquals("all", a.get("scope").get("cameras").asString());
    assertEquals("hits-only", a.get("scope").get("reads").asString());
    assertEquals("P7D", a.get("scope").get("lookback").asString());
    assertEquals(List.of("STOLEN_VEHICLE", "HOMICIDE"),
        a.get("scope").get("offenses").valueStream().map(JsonNode::asString).toList());
    assertEquals("2020-01-01", a.get("starts").asString());
    assertEquals("2099-01-01", a.get("expires").asString());
    assertEquals("MOU sac-pd", a.get("reference").asString());
    assertEquals(version, a.get("policyVersion").asInt());
    assertEquals(policy.get("sha256").asString(), a.get("policySha256").asString());
    assertEquals(version, a.get("approvedInVersion").asInt());
    assertEquals(COUNCIL, a.get("governingBodyReference").asString());
    assertEquals(List.of("PROPOSER", "APPROVER"), a.get("approvals").valueStream().map(x -> x.get("as").asString()).toList());
    assertEquals(List.of("An administrator, who proposed it", "A second administrator, who approved it"),
        a.get("approvals").valueStream().map(x -> x.get("title").asString()).toList());

    // the public page's JSON twin lists it the same way (R-PUB-1)
    JsonNode sharing = get("/transparency.json", null).json().get("sharing");
    assertEquals(1, sharing.get("count").asInt());
    JsonNode shown = sharing.get("agencies").get(0);
    assertEquals("Partner sac-pd", shown.get("name").asString());
    assertEquals("local", shown.get("type").asString());
    assertEquals("MOU sac-pd", shown.get("agreement").asString());
    assertEquals("sac-pd", shown.get("id").asString());
    assertEquals("both", shown.get("direction").asString());
    assertEquals("all", shown.get("scope").get("cameras").asString());
    assertEquals("hits-only", shown.get("scope").get("reads").asString());
    assertEquals("7 days", shown.get("scope").get("lookbackText").asString());
    assertEquals(COUNCIL, shown.get("governingBodyReference").asString());
    assertEquals(version, shown.get("approvedInVersion").asInt());
    assertEquals("A second administrator, who approved it", shown.get("approvals").get(1).get("title").asString());
    String page = get("/transparency", null).body();
    String section = page.substring(page.indexOf("<section id=\"sharing\">"));
    section = section.substring(0, section.indexOf("</section>"));
    assertTrue(section.contains("Partner sac-pd") && section.contains(COUNCIL), section);
    assertFalse(section.contains("Partner later-pd"), "an agreement not yet in force is not listed: " + section);
    JsonNode twin = get("/transparency.json", null).json();
    Matcher figure = Pattern.compile("data-figure=\"([^\"]+)\">([^<]*)<").matcher(section);
    int figures = 0;
    while (figure.find()) {
      JsonNode want = twin;
      for (String step : figure.group(1).split("\\.")) {
        want = step.matches("\\d+") ? want.path(Integer.parseInt(step)) : want.path(step);
      }
      assertEquals(want.asString(), figure.group(2).replace("&#39;", "'"), figure.group(1));
      figures++;
    }
    assertTrue(figures > 15, "the page shows the agreement's figures, each with its JSON twin: " + figures);

    // narrowing it needs no council reference, but still two administrators
    String narrower = currentDocument().replace("        lookback: P7D\n        offenses: [STOLEN_VEHICLE, HOMICIDE]\n"
        + "      starts: 2020-01-01", "        lookback: P3D\n        offenses: [HOMICIDE]\n      starts: 2020-01-01");
    Answer narrowed = propose(ADMIN_A, narrower, null);
    assertEquals(201, narrowed.status(), narrowed.body());
    assertEquals(0, narrowed.json().get("expansions").size());
    long narrowId = narrowed.json().get("id").asLong();
    assertEquals("SAME_PERSON", approve(ADMIN_A, narrowId).json().get("error").get("code").asString());
    assertEquals("P7D", agreements().get("agreements").get(0).get("scope").get("lookback").asString());
    Answer narrowApproved = approve(ADMIN_B, narrowId);
    assertEquals(200, narrowApproved.status(), narrowApproved.body());
    JsonNode after = agreements().get("agreements").get(0);
    assertEquals("P3D", after.get("scope").get("lookback").asString());
    assertEquals(List.of("HOMICIDE"), after.get("scope").get("offenses").valueStream().map(JsonNode::asString).toList());
    assertEquals(narrowApproved.json().get("version").asInt(), after.get("policyVersion").asInt());
    // what stands behind its scope is still the version that brought it in, with the council's approval
    assertEquals(version, after.get("approvedInVersion").asInt());
    assertEquals(COUNCIL, after.get("governingBodyReference").asString());

    // widening it again is an expansion
    Answer wider = propose(ADMIN_A, currentDocument().replace("lookback: P3D", "lookback: P14D"), null);
    assertEquals(422, wider.status(), wider.body());
    assertTrue(wider.json().get("error").get("message").asString()
        .contains("sharing.agreements sac-pd scope.lookback PT72H -> PT336H"), wider.body());
  }

  @Test
  void aFederalPartnerIsRefusedByTheLegalFloorEvenWithACouncilReference() {
    String doc = AgreementYaml.with(currentDocument(), AgreementYaml.entry("fbi-sf", "CA", "federal"));
    Answer refused = propose(ADMIN_A, doc, COUNCIL);
    assertEquals(403, refused.status(), refused.body());
    JsonNode error = refused.json().get("error");
    assertEquals("LEGAL_FLOOR", error.get("code").asString());
    assertEquals("document.sharing.agreements[0]", error.get("field").asString());
    assertTrue(error.get("message").asString().contains("federal agency"), error.toString());
    assertEquals("LEGAL_FLOOR", AuditEntries.last(jdbc, AuditEventTypes.POLICY_PROPOSAL_REFUSED)
        .get("reasonCode").asString());
  }

  @Test
  void anOutOfStateOrPrivatePartnerIsRefusedByTheLegalFloor() {
    for (String[] partner : List.of(new String[] {"reno-pd", "NV", "local"}, new String[] {"repo-co", "CA", "private"})) {
      String doc = AgreementYaml.with(currentDocument(), AgreementYaml.entry(partner[0], partner[1], partner[2]));
      Answer refused = propose(ADMIN_A, doc, COUNCIL);
      assertEquals(403, refused.status(), refused.body());
      assertEquals("LEGAL_FLOOR", refused.json().get("error").get("code").asString());
      assertEquals("document.sharing.agreements[0]", refused.json().get("error").get("field").asString());
    }
  }

  @Test
  void aMistakeInAnAgreementIsRefusedNamingItsField() {
    String doc = AgreementYaml.with(currentDocument(), AgreementYaml.entry("sac-pd").replace("lookback: P7D", "lookback: P60D"));
    Answer refused = propose(ADMIN_A, doc, COUNCIL);
    assertEquals(422, refused.status(), refused.body());
    JsonNode error = refused.json().get("error");
    assertEquals("INVALID_POLICY", error.get("code").asString());
    assertEquals("document.sharing.agreements[0].scope.lookback", error.get("field").asString());
    assertEquals("INVALID_POLICY", AuditEntries.last(jdbc, AuditEventTypes.POLICY_PROPOSAL_REFUSED)
        .get("reasonCode").asString());
  }
}
