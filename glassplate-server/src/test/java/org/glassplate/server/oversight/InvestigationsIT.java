package org.glassplate.server.oversight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Roles;
import org.glassplate.server.support.AuditEntries;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.PageClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Misuse investigations end to end (R-GOV-4, issue 16 item 3): findings raised by real searches through
 * {@code POST /api/v1/searches}; an auditor opens an investigation from them, assigns it, records a step
 * and closes it with an outcome of the state's annual misuse report, each step audited; the subject, an
 * auditor too, may not open, read, assign, record or close their own, nor be its assignee (refused and
 * recorded); bad input is a 422 naming the field; nobody but an auditor gets in; one pending for more
 * than 180 days by the moved clock is overdue, in its JSON, its list and the self-audit. Assertions are
 * scoped to what each test creates.
 */
class InvestigationsIT extends IntegrationTest {
  static final String GOOD = "armed robbery at 5th and Main, suspect vehicle seen leaving";
  static final String API = "/api/v1/oversight/investigations";

  @Autowired
  AccountSeeder seeder;

  @Autowired
  Findings findings;

  @Autowired
  Agency agency;

  record Person(String pseudonym, String token) {
  }

  Person person(String prefix, String name, String... roles) {
    AccountSeeder.SeededUser u = seeder.seed(AccountSeeder.Spec.of(prefix + "-" + suffix(), name, roles));
    return new Person("user:" + u.id(), u.apiToken());
  }

  static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** Moves the clock to the next {@code time} of day in the agency's zone (no OFF_HOURS finding at noon). */
  void moveTo(LocalTime time) {
    ZonedDateTime now = clock.instant().atZone(agency.timeZone());
    ZonedDateTime target = now.toLocalDate().atTime(time).atZone(agency.timeZone());
    if (!target.isAfter(now)) {
      target = now.toLocalDate().plusDays(1).atTime(time).atZone(agency.timeZone());
    }
    clock.advance(Duration.between(now.toInstant(), target.toInstant()));
  }

  /** A search answered, with a placeholder case number: one MISSING_CASE_NUMBER finding each. */
  void searchWithoutCaseNumber(Person p, String plate) {
    ObjectNode b = JSON.createObjectNode();
    b.put("plate", plate);
    b.put("from", clock.instant().minus(Duration.ofDays(1)).toString());
    b.put("to", clock.instant().plus(Duration.ofMinutes(1)).toString());
    b.put("caseNumber", "n/a");
    b.put("offense", "ROBBERY");
    b.put("reason", GOOD);
    Answer a = post("/api/v1/searches", p.token(), b.toString());
    assertEquals(200, a.status(), a.body());
  }

  /** The ids of a person's findings, oldest first, after the rules ran. */
  List<Long> findingsOf(Person p, int n) {
    AuditEntries.awaitSequenced(jdbc);
    findings.catchUp();
    List<Long> ids = findings.list(null, p.pseudonym(), null, Caller.system()).stream().map(Finding::id).sorted()
        .toList();
    assertEquals(n, ids.size(), "findings of " + p.pseudonym());
    return ids;
  }

  String openBody(List<Long> ids, String subject, String summary) {
    ObjectNode b = JSON.createObjectNode();
    ids.forEach(b.putArray("findings")::add);
    if (subject != null) {
      b.put("subject", subject);
    }
    if (summary != null) {
      b.put("summary", summary);
    }
    return b.toString();
  }

  Finding.Status status(long findingId) {
    return findings.withIds(List.of(findingId)).get(0).status();
  }

  /** The public entry of this type about this investigation; fails if there is none. */
  JsonNode entry(org.glassplate.server.audit.AuditEventType type, long investigationId) {
    return audited(type).stream().filter(e -> e.path("investigationId").asLong() == investigationId)
        .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + type.name() + " of " + investigationId));
  }

  static void assertRefused(Answer a, int status, String code, String field) {
    assertEquals(status, a.status(), a.body());
    assertEquals(code, a.json().get("error").get("code").asString(), a.body());
    if (field != null) {
      assertEquals(field, a.json().get("error").get("field").asString(), a.body());
    }
  }

  @Test
  void anAuditorOpensAssignsRecordsAndClosesAnInvestigationAndEachStepIsAudited() {
    Person ann = person("inv-aud", "Ann Auditor", Roles.AUDITOR);
    Person bob = person("inv-aud", "Bob Auditor", Roles.AUDITOR);
    Person ivo = person("inv-ivo", "Ivo Vestigator", Roles.INVESTIGATOR);
    moveTo(LocalTime.NOON);
    searchWithoutCaseNumber(ivo, "7INV001");
    searchWithoutCaseNumber(ivo, "7INV002");
    List<Long> ids = findingsOf(ivo, 2);

    Answer opened = post(API, ann.token(), openBody(ids, ivo.pseudonym(), "two searches without a case number"));
    assertEquals(201, opened.status(), opened.body());
    long id = opened.json().get("id").asLong();
    assertEquals(ivo.pseudonym(), opened.json().get("subject").asString());
    assertEquals("PENDING", opened.json().get("outcome").asString());
    assertFalse(opened.json().get("overdue").asBoolean());
    assertEquals(ids, opened.json().get("findings").valueStream().map(JsonNode::asLong).toList());
    ids.forEach(f -> assertEquals(Finding.Status.UNDER_INVESTIGATION, status(f)));
    JsonNode openedEntry = entry(AuditEventTypes.INVESTIGATION_OPENED, id);
    assertEquals(ann.pseudonym(), openedEntry.get("actor").asString());
    assertEquals(ivo.pseudonym(), openedEntry.get("subject").asString());
    assertEquals(ids, openedEntry.get("findingIds").valueStream().map(JsonNode::asLong).toList());
    assertFalse(openedEntry.toString().contains("without a case number"), "the summary is private: " + openedEntry);

    assertRefused(post(API, ann.token(), openBody(ids.subList(0, 1), null, null)), 409, "FINDING_NOT_OPEN", "findings");

    Answer assigned = post(API + "/" + id + "/assignment", ann.token(), "{\"assignee\":\"" + bob.pseudonym() + "\"}");
    assertEquals(200, assigned.status(), assigned.body());
    assertEquals(bob.pseudonym(), assigned.json().get("assignee").asString());
    assertEquals(bob.pseudonym(), entry(AuditEventTypes.INVESTIGATION_ASSIGNED, id).get("assignee").asString());

    Answer step = post(API + "/" + id + "/steps", bob.token(), "{\"note\":\"interviewed the officer on May 3\"}");
    assertEquals(200, step.status(), step.body());
    JsonNode stepEntry = entry(AuditEventTypes.INVESTIGATION_STEP_RECORDED, id);
    assertEquals(bob.pseudonym(), stepEntry.get("actor").asString());
    assertFalse(stepEntry.toString().contains("interviewed"), "the note is private: " + stepEntry);

    Answer closed = post(API + "/" + id + "/outcome", bob.token(),
        "{\"outcome\":\"COUNSELING_OR_TRAINING\",\"note\":\"refresher course booked\"}");
    assertEquals(200, closed.status(), closed.body());
    assertEquals("COUNSELING_OR_TRAINING", closed.json().get("outcome").asString());
    assertEquals(bob.pseudonym(), closed.json().get("closedBy").asString());
    JsonNode closedEntry = entry(AuditEventTypes.INVESTIGATION_CLOSED, id);
    assertEquals("COUNSELING_OR_TRAINING", closedEntry.get("investigationOutcome").asString());
    assertEquals(ivo.pseudonym(), closedEntry.get("subject").asString());
    assertFalse(closedEntry.toString().contains("refresher"), "the note is private: " + closedEntry);

    Answer one = get(API + "/" + id, ann.token());
    assertEquals(200, one.status(), one.body());
    assertEquals(List.of("OPENED", "ASSIGNED", "NOTE", "CLOSED"),
        one.json().get("steps").valueStream().map(s -> s.get("kind").asString()).toList());
    assertEquals("interviewed the officer on May 3", one.json().get("steps").get(2).get("note").asString());
    assertEquals("two searches without a case number", one.json().get("summary").asString());
    assertEquals(id, entry(AuditEventTypes.INVESTIGATIONS_VIEWED, id).get("investigationId").asLong());

    // closed: no more steps, assignment or outcome
    assertRefused(post(API + "/" + id + "/steps", ann.token(), "{\"note\":\"late\"}"), 409, "INVESTIGATION_CLOSED",
        null);
    assertRefused(post(API + "/" + id + "/outcome", ann.token(), "{\"outcome\":\"SUSPENSION\"}"), 409,
        "INVESTIGATION_CLOSED", null);

    Answer closedList = get(API + "?status=CLOSED", ann.token());
    assertEquals(200, closedList.status(), closedList.body());
    assertTrue(closedList.json().get("investigations").valueStream().anyMatch(i -> i.get("id").asLong() == id));
    assertFalse(get(API + "?status=PENDING", ann.token()).json().get("investigations").valueStream()
        .anyMatch(i -> i.get("id").asLong() == id));
  }

  @Test
  void badInputIsA422NamingTheField() {
    Person ann = person("inv-aud", "Ann Auditor", Roles.AUDITOR);
    Person ivo = person("inv-ivo", "Ivo Vestigator", Roles.INVESTIGATOR);
    Person eve = person("inv-eve", "Eve Other", Roles.INVESTIGATOR);
    moveTo(LocalTime.NOON);
    searchWithoutCaseNumber(ivo, "7BAD001");
    searchWithoutCaseNumber(eve, "7BAD002");
    long ivos = findingsOf(ivo, 1).get(0);
    long eves = findingsOf(eve, 1).get(0);

    assertRefused(post(API, ann.token(), "{}"), 422, "INVALID_FIELD", "findings");
    assertRefused(post(API, ann.token(), "{\"findings\":[]}"), 422, "INVALID_FIELD", "findings");
    assertRefused(post(API, ann.token(), "{\"findings\":[999999999]}"), 422, "INVALID_FIELD", "findings");
    assertRefused(post(API, ann.token(), openBody(List.of(ivos, eves), null, null)), 422, "INVALID_FIELD",
        "findings");
    assertRefused(post(API, ann.token(), openBody(List.of(ivos), eve.pseudonym(), null)), 422, "INVALID_FIELD",
        "subject");
    assertRefused(post(API, ann.token(), openBody(List.of(ivos), null, "x".repeat(2001))), 422, "INVALID_FIELD",
        "summary");
    assertEquals(Finding.Status.OPEN, status(ivos), "a refused opening changes nothing");

    Answer opened = post(API, ann.token(), openBody(List.of(ivos), null, null));
    assertEquals(201, opened.status(), opened.body());
    long id = opened.json().get("id").asLong();
    for (String outcome : List.of("\"FIRED\"", "\"PENDING\"", "\"\"", "null", "42")) {
      Answer a = post(API + "/" + id + "/outcome", ann.token(), "{\"outcome\":" + outcome + "}");
      assertEquals(422, a.status(), outcome + ": " + a.body());
      assertEquals("outcome", a.json().get("error").get("field").asString(), a.body());
    }
    assertRefused(post(API + "/" + id + "/outcome", ann.token(), "{\"outcome\":\"OTHER\",\"note\":\" \"}"), 422,
        "INVALID_FIELD", "note");
    assertRefused(post(API + "/" + id + "/steps", ann.token(), "{\"note\":\"\"}"), 422, "INVALID_FIELD", "note");
    assertRefused(post(API + "/" + id + "/assignment", ann.token(), "{\"assignee\":\"" + ivo.pseudonym() + "\"}"), 422,
        "INVALID_FIELD", "assignee");
    assertRefused(post(API + "/" + id + "/assignment", ann.token(), "{\"assignee\":\"Jane Doe\"}"), 422,
        "INVALID_FIELD", "assignee");
    assertRefused(get(API + "?status=SOMEDAY", ann.token()), 422, "INVALID_FIELD", "status");
    assertEquals(404, get(API + "/999999999", ann.token()).status());
    Answer other = post(API + "/" + id + "/outcome", ann.token(),
        "{\"outcome\":\"OTHER\",\"note\":\"left for another agency before the interview\"}");
    assertEquals(200, other.status(), other.body());
    assertEquals("OTHER", other.json().get("outcome").asString());
  }

  @Test
  void theSubjectCannotHandleTheirOwnInvestigationAndEachAttemptIsRecorded() {
    Person ann = person("inv-aud", "Ann Auditor", Roles.AUDITOR);
    Person sam = person("inv-sam", "Sam Both", Roles.INVESTIGATOR, Roles.AUDITOR);
    moveTo(LocalTime.NOON);
    searchWithoutCaseNumber(sam, "7SAM001");
    long finding = findingsOf(sam, 1).get(0);

    int before = sameRefusalsOf(sam);
    assertRefused(post(API, sam.token(), openBody(List.of(finding), null, null)), 403, "SAME_PERSON", null);
    assertEquals(before + 1, sameRefusalsOf(sam), "the refused opening is recorded");
    assertEquals(Finding.Status.OPEN, status(finding));

    Answer opened = post(API, ann.token(), openBody(List.of(finding), sam.pseudonym(), null));
    assertEquals(201, opened.status(), opened.body());
    long id = opened.json().get("id").asLong();
    assertRefused(post(API + "/" + id + "/assignment", ann.token(), "{\"assignee\":\"" + sam.pseudonym() + "\"}"), 403,
        "SAME_PERSON", "assignee");
    assertRefused(get(API + "/" + id, sam.token()), 403, "SAME_PERSON", null);
    assertRefused(post(API + "/" + id + "/assignment", sam.token(), "{\"assignee\":\"" + ann.pseudonym() + "\"}"), 403,
        "SAME_PERSON", null);
    assertRefused(post(API + "/" + id + "/steps", sam.token(), "{\"note\":\"nothing to see\"}"), 403, "SAME_PERSON",
        null);
    assertRefused(post(API + "/" + id + "/outcome", sam.token(), "{\"outcome\":\"NO_MISUSE_FOUND\"}"), 403,
        "SAME_PERSON", null);
    assertEquals(before + 5, sameRefusalsOf(sam), "every attempt of the subject is recorded");
    assertEquals(1, audited(AuditEventTypes.INVESTIGATION_REFUSED).stream()
        .filter(e -> e.path("investigationId").asLong() == id && e.get("actor").asString().equals(ann.pseudonym())
            && e.path("assignee").asString().equals(sam.pseudonym()))
        .count(), "the refused assignment of the subject is recorded");
    Answer mine = get(API, sam.token());
    assertEquals(200, mine.status(), mine.body());
    assertFalse(mine.json().get("investigations").valueStream().anyMatch(i -> i.get("id").asLong() == id),
        "the subject's list leaves out their own");
    Answer one = get(API + "/" + id, ann.token());
    assertEquals("PENDING", one.json().get("outcome").asString(), "nothing the subject tried changed it");
    assertEquals(1, one.json().get("steps").size());
  }

  int sameRefusalsOf(Person p) {
    return (int) audited(AuditEventTypes.INVESTIGATION_REFUSED).stream()
        .filter(e -> e.get("actor").asString().equals(p.pseudonym()) && "SAME_PERSON".equals(e.path("reasonCode")
            .asString()) && "DENIED".equals(e.path("outcome").asString()))
        .count();
  }

  @Test
  void onlyAuditorsGetIn() {
    Person ivo = person("inv-ivo", "Ivo Vestigator", Roles.INVESTIGATOR);
    Person sue = person("inv-sup", "Sue Pervisor", Roles.SUPERVISOR, Roles.ADMINISTRATOR);
    for (String token : new String[] {null, ivo.token(), sue.token()}) {
      int want = token == null ? 401 : 403;
      assertEquals(want, get(API, token).status());
      assertEquals(want, get(API + "/1", token).status());
      assertEquals(want, post(API, token, "{\"findings\":[1]}").status());
      assertEquals(want, post(API + "/1/assignment", token, "{\"assignee\":\"user:1\"}").status());
      assertEquals(want, post(API + "/1/steps", token, "{\"note\":\"x\"}").status());
      assertEquals(want, post(API + "/1/outcome", token, "{\"outcome\":\"OTHER\",\"note\":\"x\"}").status());
      assertEquals(want, get("/oversight/reports/2026.json", token).status());
      assertEquals(want, get("/oversight/reports/2026.csv", token).status());
    }
    assertEquals(403, new PageClient(baseUrl(), ivo.token()).page("/oversight/investigations").status());
    assertEquals(403, new PageClient(baseUrl(), ivo.token()).page("/oversight/reports/2026").status());
  }

  @Test
  void oneStillPendingAfter180DaysIsOverdueAndTheSelfAuditListsIt() {
    Person ann = person("inv-aud", "Ann Auditor", Roles.AUDITOR);
    Person ivo = person("inv-ivo", "Ivo Vestigator", Roles.INVESTIGATOR);
    moveTo(LocalTime.NOON);
    searchWithoutCaseNumber(ivo, "7OVD001");
    searchWithoutCaseNumber(ivo, "7OVD002");
    List<Long> ids = findingsOf(ivo, 2);
    long late = post(API, ann.token(), openBody(ids.subList(0, 1), null, null)).json().get("id").asLong();
    long closed = post(API, ann.token(), openBody(ids.subList(1, 2), null, null)).json().get("id").asLong();
    assertEquals(200, post(API + "/" + closed + "/outcome", ann.token(), "{\"outcome\":\"NO_MISUSE_FOUND\"}").status());

    clock.advance(Duration.ofDays(179));
    // tokens live 90 days at most: an auditor of the moved day
    Person later = person("inv-aud", "Lou Later", Roles.AUDITOR);
    assertFalse(get(API + "/" + late, later.token()).json().get("overdue").asBoolean(), "179 days is not overdue");
    clock.advance(Duration.ofDays(2));
    Person latest = person("inv-aud", "Lea Latest", Roles.AUDITOR);
    assertTrue(get(API + "/" + late, latest.token()).json().get("overdue").asBoolean(), "181 days is overdue");
    assertFalse(get(API + "/" + closed, latest.token()).json().get("overdue").asBoolean(), "a closed one never is");
    List<Long> overdue = get(API + "?status=OVERDUE", latest.token()).json().get("investigations").valueStream()
        .map(i -> i.get("id").asLong()).toList();
    assertTrue(overdue.contains(late), overdue.toString());
    assertFalse(overdue.contains(closed), overdue.toString());

    Answer run = post("/api/v1/oversight/self-audits", latest.token(), "");
    assertEquals(200, run.status(), run.body());
    JsonNode check = run.json().get("checks").valueStream()
        .filter(c -> c.get("name").asString().equals("overdue-investigations")).findFirst().orElseThrow();
    String detail = check.get("detail").asString();
    assertTrue(detail.startsWith("OVERDUE: "), detail);
    assertTrue(detail.contains("#" + late + " (opened "), detail);
    assertFalse(detail.contains("#" + closed + " "), detail);

    Answer page = new PageClient(baseUrl(), latest.token()).page("/oversight/investigations?status=OVERDUE");
    assertEquals(200, page.status(), page.body());
    assertTrue(page.body().contains("id=\"investigation-" + late + "\" data-outcome=\"PENDING\" data-overdue=\"true\""),
        page.body());
  }

  @Test
  void anAuditorsPagesOpenAssignRecordAndCloseByNameWithErrorsAtTheField() {
    Person ann = person("inv-aud", "Ann Auditor", Roles.AUDITOR);
    Person bob = person("inv-aud", "Bob Auditor", Roles.AUDITOR);
    Person ivo = person("inv-ivo", "Ivo Vestigator", Roles.INVESTIGATOR);
    moveTo(LocalTime.NOON);
    searchWithoutCaseNumber(ivo, "7PGS001");
    long finding = findingsOf(ivo, 1).get(0);
    PageClient browser = new PageClient(baseUrl(), ann.token());

    Answer findingPage = browser.page("/oversight/findings/" + finding);
    assertTrue(findingPage.body().contains("id=\"open-investigation\""), "a finding's page opens an investigation");
    Answer opened = browser.form("/oversight/investigations", Map.of("findings", Long.toString(finding),
        "summary", "placeholder case number"));
    assertEquals(303, opened.status(), opened.body());
    String location = opened.headers().firstValue("Location").orElseThrow();
    long id = Long.parseLong(location.replaceAll(".*/investigations/(\\d+).*", "$1"));

    Answer page = browser.page(location);
    assertEquals(200, page.status(), page.body());
    assertTrue(page.body().contains("id=\"message\""), page.body());
    assertTrue(page.body().contains("Ivo Vestigator"), "the subject by name");
    assertFalse(page.body().contains(">" + ivo.pseudonym() + "<"), "never by pseudonym");
    assertTrue(page.body().contains("href=\"/oversight/findings/" + finding + "\""), "its finding linked");
    assertTrue(page.body().contains("counseling or training"), "outcomes in plain words");
    assertTrue(page.body().contains("href=\"/oversight/investigations\""), "in the navigation bar");

    Answer noOutcome = browser.form("/oversight/investigations/" + id + "/outcome", Map.of("note", "x"));
    assertEquals(422, noOutcome.status(), noOutcome.body());
    assertTrue(noOutcome.body().contains("<fieldset id=\"outcome\" aria-invalid=\"true\""), noOutcome.body());
    assertTrue(noOutcome.body().contains("id=\"outcome-error\""), noOutcome.body());
    Answer noNote = browser.form("/oversight/investigations/" + id + "/steps", Map.of("note", " "));
    assertEquals(422, noNote.status(), noNote.body());
    assertTrue(noNote.body().contains("id=\"step-error\""), noNote.body());

    assertEquals(303, browser.form("/oversight/investigations/" + id + "/assignment",
        Map.of("assignee", bob.pseudonym())).status());
    assertEquals(303, browser.form("/oversight/investigations/" + id + "/steps",
        Map.of("note", "read the case file")).status());
    assertEquals(303, browser.form("/oversight/investigations/" + id + "/outcome",
        Map.of("outcome", "WRITTEN_REPRIMAND", "note", "")).status());
    Answer done = browser.page("/oversight/investigations/" + id);
    assertTrue(done.body().contains("data-outcome=\"WRITTEN_REPRIMAND\""), done.body());
    assertTrue(done.body().contains("assigned to Bob Auditor"), done.body());
    assertTrue(done.body().contains("read the case file"), done.body());
    assertEquals("WRITTEN_REPRIMAND", entry(AuditEventTypes.INVESTIGATION_CLOSED, id).get("investigationOutcome").asString());

    Answer list = browser.page("/oversight/investigations?status=CLOSED");
    assertTrue(list.body().contains("id=\"investigation-" + id + "\""), list.body());
    Answer bad = browser.form("/oversight/investigations", Map.of("findings", "twelve"));
    assertEquals(422, bad.status(), bad.body());
    assertTrue(bad.body().contains("id=\"findings-error\""), bad.body());
  }
}
