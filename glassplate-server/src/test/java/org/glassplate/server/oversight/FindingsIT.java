package org.glassplate.server.oversight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Roles;
import org.glassplate.server.support.AuditEntries;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.PageClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Misuse findings end to end (R-GOV-4): real searches through {@code POST /api/v1/searches} by test
 * investigators, placed on several days and at night with the moved clock, raise the expected findings
 * and none for an innocent search; an auditor lists them, opens one's evidence (recorded) and dismisses
 * one (recorded); nobody else may. Assertions are scoped to the people each test creates.
 */
class FindingsIT extends IntegrationTest {
  static final String GOOD = "armed robbery at 5th and Main, suspect vehicle seen leaving";

  @Autowired
  AccountSeeder seeder;

  @Autowired
  Findings findings;

  @Autowired
  Agency agency;

  String auditor;

  @BeforeEach
  void auditor() {
    auditor = seeder.seed(AccountSeeder.Spec.of("find-aud-" + suffix(), "Ann Auditor", Roles.AUDITOR)).apiToken();
  }

  record Person(String pseudonym, String token) {
  }

  Person investigator() {
    AccountSeeder.SeededUser u = seeder.seed(AccountSeeder.Spec.of("find-inv-" + suffix(), "Ivo Vestigator",
        Roles.INVESTIGATOR));
    return new Person("user:" + u.id(), u.apiToken());
  }

  static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** Moves the clock to the next {@code time} of day in the agency's zone. */
  void moveTo(LocalTime time) {
    ZonedDateTime now = clock.instant().atZone(agency.timeZone());
    ZonedDateTime target = now.toLocalDate().atTime(time).atZone(agency.timeZone());
    if (!target.isAfter(now)) {
      target = now.toLocalDate().plusDays(1).atTime(time).atZone(agency.timeZone());
    }
    clock.advance(Duration.between(now.toInstant(), target.toInstant()));
  }

  ObjectNode search(String plate, String caseNumber, String reason) {
    ObjectNode b = JSON.createObjectNode();
    Instant now = clock.instant();
    if (plate != null) {
      b.put("plate", plate);
    }
    b.put("from", now.minus(Duration.ofDays(2)).toString());
    b.put("to", now.plus(Duration.ofMinutes(1)).toString());
    b.put("caseNumber", caseNumber);
    b.put("offense", "ROBBERY");
    b.put("reason", reason);
    return b;
  }

  /** Runs a search that must be answered; returns its audit index. */
  long ran(Person p, ObjectNode body) {
    Answer a = post("/api/v1/searches", p.token(), body.toString());
    assertEquals(200, a.status(), a.body());
    return a.json().get("auditIndex").asLong();
  }

  void refused(Person p, ObjectNode body, String code) {
    Answer a = post("/api/v1/searches", p.token(), body.toString());
    assertEquals(403, a.status(), a.body());
    assertEquals(code, a.json().get("error").get("code").asString());
  }

  /** The log indexes of a person's entries of one type, waiting (briefly) until {@code n} have their index. */
  List<Long> indexes(Person p, AuditEventType type, int n) throws InterruptedException {
    for (int i = 0; ; i++) {
      List<Long> found = jdbc.sql("""
              SELECT idx FROM audit_entry WHERE type_code = :t
              AND convert_from(entry, 'UTF8')::jsonb ->> 'actor' = :a ORDER BY idx""")
          .param("t", type.code()).param("a", p.pseudonym()).query(Long.class).list();
      if (found.size() >= n || i > 100) {
        return found;
      }
      Thread.sleep(50);
    }
  }

  List<Finding> of(Person p) {
    return findings.list(null, p.pseudonym(), null, org.glassplate.server.core.Caller.system());
  }

  static Map<String, Integer> counts(List<Finding> found) {
    Map<String, Integer> out = new TreeMap<>();
    found.forEach(f -> out.merge(f.rule(), 1, Integer::sum));
    return out;
  }

  static Finding only(List<Finding> found, String rule) {
    List<Finding> r = found.stream().filter(f -> f.rule().equals(rule)).toList();
    assertEquals(1, r.size(), rule + ": " + found);
    return r.get(0);
  }

  @Test
  void searchesAcrossDaysAndAtNightRaiseTheExpectedFindingsAndAnInnocentOneNone() throws Exception {
    Person ivo = investigator();
    Person innocent = investigator();
    moveTo(LocalTime.NOON);
    long innocentSearch = ran(innocent, search("6TRL001", "24-001187", GOOD));
    long vague = ran(ivo, search("7RPT777", "n/a", "inv"));
    refused(ivo, search("7RTR001", "24-001188", "protest organizer at city hall"), "PROHIBITED_PURPOSE");
    clock.advance(Duration.ofMinutes(3));
    long retried = ran(ivo, search("7RTR001", "24-001188", "robbery suspect vehicle, victim statement"));
    long label = ran(ivo, search("7LBL002", "24-001189", "All Cameras"));
    ObjectNode forFbi = search("7FED003", "24-001190", GOOD);
    forFbi.put("onBehalfOf", "FBI Sacramento field office");
    refused(ivo, forFbi, "LEGAL_FLOOR");
    ObjectNode area = search(null, "24-001191", GOOD);
    area.put("pattern", "*");
    area.putArray("bbox").add(37.0).add(-121.0).add(38.0).add(-120.0);
    long broad = ran(ivo, area);
    clock.advance(Duration.ofDays(1));
    long day1 = ran(ivo, search("7RPT777", "24-001192", GOOD));
    clock.advance(Duration.ofDays(1));
    long day2 = ran(ivo, search("7RPT777", "24-001193", GOOD));
    moveTo(LocalTime.of(2, 13));
    long night = ran(ivo, search("7NGT004", "24-001194", GOOD));

    AuditEntries.awaitSequenced(jdbc);

    findings.catchUp();

    List<Long> denied = indexes(ivo, AuditEventTypes.SEARCH_DENIED, 2);
    assertEquals(2, denied.size());
    List<Finding> found = of(ivo);
    assertEquals(new TreeMap<>(Map.of("MISSING_CASE_NUMBER", 1, "VAGUE_REASON", 1, "PROHIBITED_PURPOSE", 1,
        "REFUSED_THEN_RETRIED", 1, "NON_PURPOSE_REASON", 1, "FEDERAL_OR_OUT_OF_STATE", 1, "BROAD_SEARCH", 1,
        "REPEATED_PLATE", 1, "OFF_HOURS", 1)), counts(found));
    assertEquals(List.of(vague), only(found, "MISSING_CASE_NUMBER").evidence());
    assertEquals(List.of(vague), only(found, "VAGUE_REASON").evidence());
    assertEquals(List.of(denied.get(0)), only(found, "PROHIBITED_PURPOSE").evidence());
    assertEquals(List.of(denied.get(0), retried), only(found, "REFUSED_THEN_RETRIED").evidence());
    assertEquals(List.of(label), only(found, "NON_PURPOSE_REASON").evidence());
    assertEquals(List.of(denied.get(1)), only(found, "FEDERAL_OR_OUT_OF_STATE").evidence());
    assertEquals(List.of(broad), only(found, "BROAD_SEARCH").evidence());
    assertEquals(List.of(vague, day1, day2), only(found, "REPEATED_PLATE").evidence());
    assertEquals(List.of(night), only(found, "OFF_HOURS").evidence());
    for (Finding f : found) {
      assertEquals(ivo.pseudonym(), f.person());
      assertEquals(Finding.Status.OPEN, f.status());
      for (String secret : List.of("7RPT777", "7RTR001", "n/a", "protest", "All Cameras", "FBI Sacramento", "24-0011")) {
        assertTrue(!f.summary().contains(secret), f.summary());
      }
    }
    assertEquals(List.of(), of(innocent), "the innocent search at noon raises nothing");
    assertTrue(innocentSearch < vague);
  }

  @Test
  void aSearchAfterAMonthOfSilenceIsDormantAccountUse() {
    Person ivo = investigator();
    moveTo(LocalTime.NOON);
    ran(ivo, search("7DRM001", "24-002001", GOOD));
    clock.advance(Duration.ofDays(10));
    ran(ivo, search("7DRM002", "24-002002", GOOD));
    clock.advance(Duration.ofDays(31));
    long late = ran(ivo, search("7DRM003", "24-002003", GOOD));
    AuditEntries.awaitSequenced(jdbc);
    findings.catchUp();
    Finding f = only(of(ivo), "DORMANT_ACCOUNT_USE");
    assertEquals(List.of(late), f.evidence(), "10 days of silence is none, 31 days is one");
    assertEquals(Map.of("DORMANT_ACCOUNT_USE", 1), counts(of(ivo)));
  }

  @Test
  void examiningTheSameEntriesAgainRaisesNoFindingTwice() {
    Person ivo = investigator();
    moveTo(LocalTime.NOON);
    long first = ran(ivo, search("7IDM001", "none", GOOD));
    ran(ivo, search("7IDM002", "000", GOOD));
    AuditEntries.awaitSequenced(jdbc);
    findings.catchUp();
    assertEquals(Map.of("MISSING_CASE_NUMBER", 2), counts(of(ivo)));
    AuditEntries.awaitSequenced(jdbc);
    findings.catchUp();
    assertEquals(Map.of("MISSING_CASE_NUMBER", 2), counts(of(ivo)));
    // as if the server stopped after storing them but before moving its cursor: examined again from scratch
    jdbc.sql("UPDATE oversight_finding_cursor SET next_index = :i").param("i", first).update();
    AuditEntries.awaitSequenced(jdbc);
    findings.catchUp();
    assertEquals(Map.of("MISSING_CASE_NUMBER", 2), counts(of(ivo)));
    assertTrue(jdbc.sql("SELECT next_index FROM oversight_finding_cursor").query(Long.class).single() > first);
  }

  @Test
  void anAuditorListsFiltersOpensAndDismissesAndEachIsRecorded() {
    Person ivo = investigator();
    moveTo(LocalTime.NOON);
    long placeholder = ran(ivo, search("7AUD001", "tbd", GOOD));
    ran(ivo, search("7AUD002", "24-003001", "Plate Search"));
    AuditEntries.awaitSequenced(jdbc);
    findings.catchUp();

    Answer list = get("/api/v1/oversight/findings?person=" + ivo.pseudonym(), auditor);
    assertEquals(200, list.status(), list.body());
    assertEquals(2, list.json().get("findings").size());
    Answer byRule = get("/api/v1/oversight/findings?person=" + ivo.pseudonym() + "&rule=MISSING_CASE_NUMBER&status=OPEN",
        auditor);
    assertEquals(1, byRule.json().get("findings").size(), byRule.body());
    JsonNode f = byRule.json().get("findings").get(0);
    assertEquals("MISSING_CASE_NUMBER", f.get("rule").asString());
    assertEquals("WARNING", f.get("severity").asString());
    assertEquals(placeholder, f.get("evidence").get(0).asLong());
    JsonNode viewed = lastAudited(AuditEventTypes.FINDINGS_VIEWED);
    assertEquals(ivo.pseudonym(), viewed.get("person").asString());
    assertEquals("MISSING_CASE_NUMBER", viewed.get("rule").asString());
    assertEquals(1, viewed.get("count").asInt());

    long id = f.get("id").asLong();
    Answer opened = get("/api/v1/oversight/findings/" + id, auditor);
    assertEquals(200, opened.status(), opened.body());
    JsonNode evidence = opened.json().get("evidence").get(0);
    assertEquals(placeholder, evidence.get("index").asLong());
    assertEquals("SEARCH_PERFORMED", evidence.get("entry").get("type").asString());
    assertEquals("tbd", evidence.get("privateFields").get("caseNumber").asString());
    assertEquals("7AUD001", evidence.get("privateFields").get("plate").asString());
    long openingIndex = opened.json().get("openingAuditIndex").asLong();
    JsonNode opening = JSON.readTree(jdbc.sql("SELECT convert_from(entry, 'UTF8') FROM audit_entry WHERE idx = :i")
        .param("i", openingIndex).query(String.class).single());
    assertEquals("FINDING_EVIDENCE_OPENED", opening.get("type").asString());
    assertEquals(id, opening.get("findingId").asLong());
    assertEquals(placeholder, opening.get("openedIndexes").get(0).asLong());

    Answer noReason = post("/api/v1/oversight/findings/" + id + "/dismissal", auditor, "{\"reason\":\"  \"}");
    assertEquals(422, noReason.status(), noReason.body());
    assertEquals("reason", noReason.json().get("error").get("field").asString());
    Answer dismissed = post("/api/v1/oversight/findings/" + id + "/dismissal", auditor,
        "{\"reason\":\"the case number was typed in the report the same day\"}");
    assertEquals(200, dismissed.status(), dismissed.body());
    assertEquals("DISMISSED", dismissed.json().get("status").asString());
    assertEquals("the case number was typed in the report the same day",
        dismissed.json().get("dismissal").get("reason").asString());
    JsonNode entry = lastAudited(AuditEventTypes.FINDING_DISMISSED);
    assertEquals(id, entry.get("findingId").asLong());
    assertEquals(ivo.pseudonym(), entry.get("person").asString());
    assertTrue(!entry.toString().contains("typed in the report"), "the reason is private: " + entry);
    Answer again = post("/api/v1/oversight/findings/" + id + "/dismissal", auditor, "{\"reason\":\"again\"}");
    assertEquals(409, again.status(), again.body());
    assertEquals("FINDING_NOT_OPEN", again.json().get("error").get("code").asString());
    assertEquals(1, get("/api/v1/oversight/findings?person=" + ivo.pseudonym() + "&status=DISMISSED", auditor)
        .json().get("findings").size());
    assertEquals(404, get("/api/v1/oversight/findings/999999999", auditor).status());
  }

  @Test
  void badFiltersAreNamed() {
    for (String[] c : new String[][] {{"rule=NOPE", "rule"}, {"status=CLOSED", "status"},
        {"person=Jane%20Doe", "person"}}) {
      Answer a = get("/api/v1/oversight/findings?" + c[0], auditor);
      assertEquals(422, a.status(), a.body());
      assertEquals(c[1], a.json().get("error").get("field").asString());
    }
  }

  @Test
  void onlyAuditorsMayListOpenOrDismissFindings() {
    Person ivo = investigator();
    assertEquals(401, get("/api/v1/oversight/findings", null).status());
    assertEquals(401, get("/api/v1/oversight/findings/1", null).status());
    assertEquals(401, post("/api/v1/oversight/findings/1/dismissal", null, "{\"reason\":\"x\"}").status());
    assertEquals(403, get("/api/v1/oversight/findings", ivo.token()).status());
    int refusalsBefore = refusalsOf(ivo);
    assertEquals(403, get("/api/v1/oversight/findings/1", ivo.token()).status());
    assertEquals(refusalsBefore + 1, refusalsOf(ivo), "a refused opening of evidence is recorded");
    assertEquals(403, post("/api/v1/oversight/findings/1/dismissal", ivo.token(), "{\"reason\":\"x\"}").status());
  }

  @Test
  void thePublicPageShowsEveryRuleWithThePolicysThresholds() {
    Answer a = get("/transparency.json", null);
    assertEquals(200, a.status(), a.body());
    Map<String, String> shown = new TreeMap<>();
    a.json().get("misuse").get("rules").forEach(r -> shown.put(r.get("rule").asString(), r.get("finding").asString()));
    assertEquals(findings.ruleIds(), List.copyOf(shown.keySet()), "every rule the engine runs, and no other");
    assertEquals("one plate searched by one person on 3 different days within 14 days", shown.get("REPEATED_PLATE"));
    assertTrue(shown.get("OFF_HOURS").contains("06:00 to 22:00"), shown.get("OFF_HOURS"));
    Answer page = get("/transparency", null);
    assertTrue(page.body().contains("data-figure=\"misuse.rules."), "the page shows them with their JSON paths");
  }

  @Test
  void anAuditorsPagesListFilterOpenAndDismissFindingsByName() {
    Person ivo = investigator();
    moveTo(LocalTime.NOON);
    long vague = ran(ivo, search("7PAG001", "24-004001", "check"));
    AuditEntries.awaitSequenced(jdbc);
    findings.catchUp();
    long id = findings.list("VAGUE_REASON", ivo.pseudonym(), null, org.glassplate.server.core.Caller.system()).get(0)
        .id();
    PageClient browser = new PageClient(baseUrl(), auditor);

    Answer list = browser.page("/oversight/findings?rule=VAGUE_REASON&person=" + ivo.pseudonym());
    assertEquals(200, list.status(), list.body());
    assertTrue(list.body().contains("id=\"finding-" + id + "\""), list.body());
    assertTrue(list.body().contains("Ivo Vestigator"), "people by name");
    assertTrue(!list.body().contains(">" + ivo.pseudonym() + "<"), "never by pseudonym");
    assertTrue(list.body().contains("href=\"/oversight/findings\""), "in the navigation bar");
    Answer bad = browser.page("/oversight/findings?status=CLOSED");
    assertEquals(422, bad.status());
    assertTrue(bad.body().contains("id=\"refusal-field\">status<"), bad.body());

    Answer one = browser.page("/oversight/findings/" + id);
    assertEquals(200, one.status(), one.body());
    assertTrue(one.body().contains("id=\"entry-" + vague + "\""), one.body());
    assertTrue(one.body().contains("7PAG001"), "the evidence is opened, plate and all");
    JsonNode opening = lastAudited(AuditEventTypes.FINDING_EVIDENCE_OPENED);
    assertEquals(id, opening.get("findingId").asLong());

    Answer refused = browser.form("/oversight/findings/" + id + "/dismissal", Map.of("reason", " "));
    assertEquals(422, refused.status(), refused.body());
    assertTrue(refused.body().contains("aria-invalid=\"true\""), refused.body());
    browser.page("/oversight/findings/" + id);
    Answer done = browser.form("/oversight/findings/" + id + "/dismissal",
        Map.of("reason", "the case file names the stolen car; reason typed in haste"));
    assertEquals(303, done.status(), done.body());
    assertEquals(Finding.Status.DISMISSED, findings.list("VAGUE_REASON", ivo.pseudonym(), null,
        org.glassplate.server.core.Caller.system()).get(0).status());
    Answer after = browser.page(done.headers().firstValue("Location").orElseThrow());
    assertTrue(after.body().contains("id=\"message\""), after.body());

    PageClient investigator = new PageClient(baseUrl(), ivo.token());
    assertEquals(403, investigator.page("/oversight/findings").status());
    int before = refusalsOf(ivo);
    assertEquals(403, investigator.page("/oversight/findings/" + id).status());
    assertEquals(before + 1, refusalsOf(ivo));
  }

  int refusalsOf(Person p) {
    return audited(AuditEventTypes.FINDING_ACCESS_REFUSED).stream()
        .filter(e -> e.get("actor").asString().equals(p.pseudonym()) && e.get("reasonCode").asString().equals("ROLE"))
        .toList().size();
  }
}
