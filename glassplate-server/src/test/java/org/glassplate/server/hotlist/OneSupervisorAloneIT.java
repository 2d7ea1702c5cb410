package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Roles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance of issue 12 ("one supervisor alone", R-HOT-1, R-RET-2, R-ACC-7): with only their own
 * credentials and the API, a supervisor (who is also an investigator and an operator, the most one
 * person holds short of administering) cannot make a hand-added plate active on a local or a state
 * list, cannot fill a state list by hand, cannot approve their own import, cannot approve their own
 * hold or extension, and cannot hold reads they did not find. Each attempt is refused with its code,
 * or left PENDING, and audited; no alert is raised and no read is kept by it.
 */
class OneSupervisorAloneIT extends HotlistTestSupport {
  /** The one supervisor; everyone else here only sets the scene (a camera, another person's search). */
  AccountSeeder.SeededUser alone;
  String token;
  String actor;

  @BeforeEach
  void oneSupervisor() {
    alone = seeder.seed(AccountSeeder.Spec.of("hl-alone-" + PEOPLE.incrementAndGet(), "Al One",
        Roles.SUPERVISOR, Roles.INVESTIGATOR, Roles.OPERATOR));
    token = alone.apiToken();
    actor = "user:" + alone.id();
  }

  private static String code(Answer a) {
    return a.json().path("error").path("code").stringValue();
  }

  /** The refusals of this supervisor audited since {@code mark}. */
  private List<JsonNode> refusals(long mark, org.glassplate.server.audit.AuditEventType type) {
    return audit(type, mark).stream().filter(e -> e.path("actor").stringValue().equals(actor)).toList();
  }

  private String status(String table, long id) {
    return jdbc.sql("SELECT status FROM " + table + " WHERE id = :id").param("id", id).query(String.class).single();
  }

  @Test
  void cannotMakeAHandAddedPlateActiveOnALocalList() {
    String cam = camera();
    long list = createList(token, "Alone local", "local");
    String plate = plate("AL");
    JsonNode entry = addEntry(token, list, plate, null, "stolen_vehicle", inDays(3));
    assertThat(entry.path("status").stringValue()).isEqualTo("PENDING_APPROVAL");
    long mark = auditMark();

    Answer own = post("/api/v1/hotlists/" + list + "/entries/" + entry.path("id").longValue() + "/approval", token, "{}");

    assertThat(own.status()).as(own.body()).isEqualTo(403);
    assertThat(code(own)).isEqualTo("SAME_PERSON");
    assertThat(refusals(mark, AuditEventTypes.HOTLIST_ACTION_REFUSED)).singleElement().satisfies(e -> {
      assertThat(e.path("outcome").stringValue()).isEqualTo("DENIED");
      assertThat(e.path("reasonCode").stringValue()).isEqualTo("SAME_PERSON");
      assertThat(e.path("sameAs").stringValue()).isEqualTo("SAME_ACCOUNT");
      assertThat(e.path("action").stringValue()).isEqualTo("approve");
      assertThat(e.path("entryId").longValue()).isEqualTo(entry.path("id").longValue());
    });
    assertThat(audit(AuditEventTypes.HOTLIST_ENTRY_APPROVED, mark)).isEmpty();
    assertThat(status("hotlist_entry", entry.path("id").longValue())).isEqualTo("PENDING_APPROVAL");
    assertThat(read(cam, plate, "CA")).as("no alert for a plate only one person vouched for").isEmpty();
  }

  @Test
  void cannotCreateAStateListAndFillItByHand() {
    String cam = camera();
    String plate = plate("AS");
    for (String source : List.of("state", "ncic")) {
      long list = createList(token, "Alone " + source, source);
      long mark = auditMark();

      Answer added = post("/api/v1/hotlists/" + list + "/entries", token,
          "{\"plate\":\"%s\",\"reason\":\"stolen_vehicle\",\"expiresAt\":\"%s\"}".formatted(plate, inDays(3)));

      assertThat(added.status()).as(added.body()).isEqualTo(409);
      assertThat(code(added)).isEqualTo("FILLED_BY_IMPORT");
      assertThat(refusals(mark, AuditEventTypes.HOTLIST_ACTION_REFUSED)).singleElement().satisfies(e -> {
        assertThat(e.path("reasonCode").stringValue()).isEqualTo("FILLED_BY_IMPORT");
        assertThat(e.path("action").stringValue()).isEqualTo("add_entry");
        assertThat(e.path("hotlistId").longValue()).isEqualTo(list);
        assertThat(e.toString()).doesNotContain(plate);
      });
      assertThat(audit(AuditEventTypes.HOTLIST_ENTRY_ADDED, mark)).isEmpty();
      assertThat(jdbc.sql("SELECT count(*) FROM hotlist_entry WHERE list_id = :l").param("l", list).query(Long.class)
          .single()).isZero();
    }
    assertThat(read(cam, plate, "CA")).isEmpty();
  }

  @Test
  void cannotApproveTheirOwnImport() throws Exception {
    String cam = camera();
    long list = createList(token, "Alone extract", "state");
    String appended = plate("AI");
    String base = submitImport(token, list, "append", "plate,reason,expiresAt\n%s,stolen_vehicle,2099-01-01\n"
        .formatted(appended));
    long mark = auditMark();

    Answer own = post(base + "/approval", token, "{}");

    assertThat(own.status()).as(own.body()).isEqualTo(403);
    assertThat(code(own)).isEqualTo("SAME_PERSON");
    assertThat(get(base, token).json().path("status").stringValue()).isEqualTo("AWAITING_APPROVAL");
    assertThat(read(cam, appended, "CA")).as("an import only one person vouched for matches nothing").isEmpty();
    assertThat(get("/api/v1/hotlists/" + list + "/entries", token).json().path("entries")).isEmpty();

    // a whole replacement of the extract waits the same way
    String replaced = plate("AR");
    String replacement = submitImport(token, list, "replace", "plate,reason,expiresAt\n%s,stolen_plate,2099-01-01\n"
        .formatted(replaced));
    Answer ownReplacement = post(replacement + "/approval", token, "{}");
    assertThat(ownReplacement.status()).as(ownReplacement.body()).isEqualTo(403);
    assertThat(code(ownReplacement)).isEqualTo("SAME_PERSON");
    assertThat(get(replacement, token).json().path("status").stringValue()).isEqualTo("AWAITING_APPROVAL");
    assertThat(read(cam, replaced, "CA")).isEmpty();

    assertThat(refusals(mark, AuditEventTypes.HOTLIST_ACTION_REFUSED)).hasSize(2).allSatisfy(e -> {
      assertThat(e.path("reasonCode").stringValue()).isEqualTo("SAME_PERSON");
      assertThat(e.path("sameAs").stringValue()).isEqualTo("SAME_ACCOUNT");
      assertThat(e.path("action").stringValue()).isEqualTo("approve_import");
    });
    assertThat(audit(AuditEventTypes.HOTLIST_IMPORT_SUBMITTED, mark)).singleElement()
        .satisfies(e -> assertThat(e.path("actor").stringValue()).isEqualTo(actor));
    assertThat(audit(AuditEventTypes.HOTLIST_IMPORT_APPROVED, mark)).isEmpty();

    // a second person makes them count
    assertThat(approveImport(supervisor2, replacement)).isEqualTo("DONE");
    assertThat(read(cam, replaced, "CA")).hasSize(1);
  }

  /** Two reads of a fresh plate, ingested now by a camera; returns their ids. */
  private List<Long> reads(String plate) {
    Answer a = post("/api/v1/reads", camera(), """
        {"reads":[{"plate":"%s","state":"CA","capturedAt":"%s"},{"plate":"%s","state":"CA","capturedAt":"%s"}]}"""
        .formatted(plate, clock.instant().minusSeconds(2), plate, clock.instant())); // two passes, not one twice
    assertThat(a.json().path("accepted").intValue()).as(a.body()).isEqualTo(2);
    return jdbc.sql("SELECT id FROM plate_read WHERE plate = :p ORDER BY id").param("p", plate).query(Long.class).list();
  }

  private String search(String who, String plate) {
    Answer a = post("/api/v1/searches", who, """
        {"plate":"%s","from":"%s","to":"%s","caseNumber":"2026-001212","offense":"ROBBERY",
         "reason":"armed robbery at 5th and Main, suspect vehicle seen leaving"}"""
        .formatted(plate, clock.instant().minus(Duration.ofHours(1)), clock.instant().plus(Duration.ofMinutes(1))));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return a.json().path("searchId").stringValue();
  }

  @Test
  void cannotApproveTheirOwnHoldOrExtension() {
    String plate = plate("AH");
    List<Long> ids = reads(plate);
    String searchId = search(token, plate);
    Answer hold = post("/api/v1/legal-holds", token, """
        {"reason":"robbery, keep the sightings","endsAt":"%s","searchId":"%s"}""".formatted(inDays(30), searchId));
    Answer extension = post("/api/v1/retention-extensions", token, """
        {"reason":"pattern of thefts under review","endsAt":"%s","readIds":%s}""".formatted(inDays(10), ids));
    assertThat(hold.status()).as(hold.body()).isEqualTo(201);
    assertThat(extension.status()).as(extension.body()).isEqualTo(201);
    long mark = auditMark();

    Answer ownHold = post("/api/v1/legal-holds/" + hold.json().path("id").longValue() + "/approval", token, "{}");
    Answer ownExtension = post("/api/v1/retention-extensions/" + extension.json().path("id").longValue() + "/approval",
        token, "{}");

    for (Answer a : List.of(ownHold, ownExtension)) {
      assertThat(a.status()).as(a.body()).isEqualTo(403);
      assertThat(code(a)).isEqualTo("SAME_PERSON");
    }
    assertThat(status("retention_grant", hold.json().path("id").longValue())).isEqualTo("PENDING");
    assertThat(status("retention_grant", extension.json().path("id").longValue())).isEqualTo("PENDING");
    assertThat(refusals(mark, AuditEventTypes.RETENTION_ACTION_REFUSED)).extracting(
            e -> e.path("kind").stringValue() + ":" + e.path("grantId").longValue() + ":" + e.path("reasonCode").stringValue()
                + ":" + e.path("sameAs").stringValue())
        .containsExactly("LEGAL_HOLD:" + hold.json().path("id").longValue() + ":SAME_PERSON:SAME_ACCOUNT",
            "EXTENSION:" + extension.json().path("id").longValue() + ":SAME_PERSON:SAME_ACCOUNT");
    assertThat(audit(AuditEventTypes.LEGAL_HOLD_APPROVED, mark)).isEmpty();
    assertThat(audit(AuditEventTypes.RETENTION_EXTENSION_APPROVED, mark)).isEmpty();
  }

  @Test
  void cannotHoldReadsTheyDidNotFind() {
    String plate = plate("AF");
    List<Long> ids = reads(plate);
    String investigator = person("alone-investigator", Roles.INVESTIGATOR);
    String theirSearch = search(investigator, plate);
    long grantsBefore = jdbc.sql("SELECT count(*) FROM retention_grant").query(Long.class).single();
    long mark = auditMark();

    Answer byIds = post("/api/v1/legal-holds", token, """
        {"caseNumber":"2026-001213","reason":"r","endsAt":"%s","readIds":%s}""".formatted(inDays(30), ids));
    Answer unknownIds = post("/api/v1/legal-holds", token, """
        {"caseNumber":"2026-001213","reason":"r","endsAt":"%s","readIds":[999999991, 999999992]}""".formatted(inDays(30)));
    Answer extension = post("/api/v1/retention-extensions", token, """
        {"reason":"r","endsAt":"%s","readIds":%s}""".formatted(inDays(10), ids));
    Answer bySearch = post("/api/v1/legal-holds", token, """
        {"reason":"r","endsAt":"%s","searchId":"%s"}""".formatted(inDays(30), theirSearch));

    for (Answer a : List.of(byIds, unknownIds, extension, bySearch)) {
      assertThat(a.status()).as(a.body()).isEqualTo(403);
      assertThat(code(a)).isEqualTo("NOT_FROM_YOUR_SEARCHES");
    }
    assertThat(unknownIds.body()).as("the answer does not tell which reads exist").isEqualTo(byIds.body());
    assertThat(bySearch.json().path("error").path("field").stringValue()).isEqualTo("searchId");
    assertThat(jdbc.sql("SELECT count(*) FROM retention_grant").query(Long.class).single()).isEqualTo(grantsBefore);
    assertThat(refusals(mark, AuditEventTypes.RETENTION_ACTION_REFUSED)).extracting(
            e -> e.path("kind").stringValue() + ":" + e.path("reasonCode").stringValue() + ":" + e.path("action").stringValue())
        .containsExactly("LEGAL_HOLD:NOT_FROM_YOUR_SEARCHES:request", "LEGAL_HOLD:NOT_FROM_YOUR_SEARCHES:request",
            "EXTENSION:NOT_FROM_YOUR_SEARCHES:request", "LEGAL_HOLD:NOT_FROM_YOUR_SEARCHES:request");
    assertThat(audit(AuditEventTypes.LEGAL_HOLD_REQUESTED, mark)).isEmpty();
    assertThat(audit(AuditEventTypes.RETENTION_EXTENSION_REQUESTED, mark)).isEmpty();
  }
}
