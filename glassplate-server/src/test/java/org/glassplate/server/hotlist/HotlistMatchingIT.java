package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.glassplate.server.audit.AuditEventTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Matching of reads against hot lists as they arrive (issue 6; R-HOT-1, R-HOT-2, R-HOT-4). */
class HotlistMatchingIT extends HotlistTestSupport {

  @AfterEach
  void policyBack() {
    sources("local", "state");
  }

  @Test
  void aReadOfAnApprovedLocalEntryRaisesAnExactAlert() {
    String cam = camera();
    long list = createList(supervisor, "Local stolen", "local");
    String plate = plate("EX");
    long mark = auditMark();
    JsonNode entry = addEntry(operator, list, plate, "CA", "stolen_vehicle", inDays(30));
    assertThat(entry.path("status").stringValue()).isEqualTo("PENDING_APPROVAL");

    assertThat(read(cam, plate, "CA")).as("not approved yet: no alert").isEmpty();

    approve(supervisor, list, entry.path("id").longValue());
    JsonNode alerts = read(cam, plate, "CA");

    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).path("matchKind").stringValue()).isEqualTo("exact");
    long alertId = alerts.get(0).path("alertId").longValue();
    assertThat(jdbc.sql("SELECT plate FROM hotlist_alert WHERE id = :id").param("id", alertId).query(String.class)
        .single()).isEqualTo(plate);
    assertThat(audit(AuditEventTypes.HOTLIST_ENTRY_ADDED, mark)).singleElement()
        .satisfies(e -> {
          assertThat(e.path("status").stringValue()).isEqualTo("PENDING_APPROVAL");
          assertThat(e.toString()).doesNotContain(plate);
        });
    assertThat(audit(AuditEventTypes.HOTLIST_ENTRY_APPROVED, mark)).hasSize(1);
    assertThat(audit(AuditEventTypes.READS_INGESTED, mark).get(1).path("alerts").intValue()).isEqualTo(1);
  }

  @Test
  void aLookAlikeReadRaisesALookAlikeAlert() {
    String cam = camera();
    long list = createList(supervisor, "Look-alike", "local");
    long entry = addEntry(operator, list, "BABC123", null, "stolen_plate", inDays(5)).path("id").longValue();
    approve(supervisor, list, entry);

    JsonNode alerts = read(cam, "8ABC123", "WA");

    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).path("matchKind").stringValue()).isEqualTo("lookalike");
    assertThat(jdbc.sql("SELECT entry_id FROM hotlist_alert WHERE id = :id")
        .param("id", alerts.get(0).path("alertId").longValue()).query(Long.class).single()).isEqualTo(entry);
  }

  @Test
  void aPartialEntryMatchesByPattern() {
    String cam = camera();
    long list = createList(supervisor, "Partial", "local");
    String plate = plate("PT");
    String pattern = plate.substring(0, 4) + "?" + plate.substring(5);
    approve(supervisor, list, addEntry(operator, list, pattern, null, "amber_alert", inDays(1)).path("id").longValue());

    JsonNode alerts = read(cam, plate, "OR");

    assertThat(alerts).extracting(a -> a.path("matchKind").stringValue()).contains("partial");
  }

  @Test
  void anEntryWithAStateMatchesReadsOfThatStateOnly() {
    String cam = camera();
    long list = createList(supervisor, "Stateful", "local");
    String plate = plate("ST");
    approve(supervisor, list, addEntry(operator, list, plate, "CA", "stolen_vehicle", inDays(1)).path("id").longValue());

    assertThat(read(cam, plate, "NV")).isEmpty();
    assertThat(read(cam, plate, "CA")).hasSize(1);
  }

  @Test
  void anExpiredEntryRaisesNoAlert() {
    String cam = camera();
    long list = createList(supervisor, "Expiring", "local");
    String plate = plate("XP");
    long entry = addEntry(operator, list, plate, null, "stolen_vehicle", clock.instant().plus(Duration.ofMinutes(10)))
        .path("id").longValue();
    approve(supervisor, list, entry);
    assertThat(read(cam, plate, "CA")).hasSize(1);

    clock.advance(Duration.ofMinutes(11));

    assertThat(read(cam, plate, "CA")).isEmpty();
  }

  @Test
  void aSourceThePolicyDisablesRaisesNoAlert() throws Exception {
    String cam = camera();
    long list = createList(admin, "NCIC extract", "ncic");
    String plate = plate("NC");
    importApproved(supervisor, supervisor2, list, "stolen_vehicle", plate);
    assertThat(get("/api/v1/hotlists/" + list + "/entries", supervisor).json().path("entries")).singleElement()
        .satisfies(e -> assertThat(e.path("status").stringValue()).as("an approved import's entries need no approval each")
            .isEqualTo("ACTIVE"));

    sources("local", "state");
    assertThat(read(cam, plate, "CA")).isEmpty();

    sources("local", "state", "ncic");
    assertThat(read(cam, plate, "CA")).singleElement()
        .satisfies(a -> assertThat(a.path("source").stringValue()).isEqualTo("ncic"));
  }

  @Test
  void whoAddedAnEntryCannotApproveItAndTheRefusalIsAudited() {
    long list = createList(supervisor, "Two people", "local");
    long entry = addEntry(supervisor, list, plate("TP"), null, "other", inDays(1)).path("id").longValue();
    long mark = auditMark();

    Answer a = post("/api/v1/hotlists/" + list + "/entries/" + entry + "/approval", supervisor, "{}");

    assertThat(a.status()).isEqualTo(403);
    assertThat(a.json().path("error").path("code").stringValue()).isEqualTo("SAME_PERSON");
    assertThat(audit(AuditEventTypes.HOTLIST_ACTION_REFUSED, mark)).singleElement()
        .satisfies(e -> assertThat(e.path("reasonCode").stringValue()).isEqualTo("SAME_PERSON"));
    assertThat(jdbc.sql("SELECT status FROM hotlist_entry WHERE id = :id").param("id", entry).query(String.class)
        .single()).isEqualTo("PENDING_APPROVAL");
  }

  @Test
  void refusesBadEntriesNamingTheField() {
    long list = createList(supervisor, "Validation", "local");
    record Case(String body, String field) {
    }
    for (Case c : List.of(
        new Case("{\"plate\":\"\",\"reason\":\"other\",\"expiresAt\":\"%s\"}", "plate"),
        new Case("{\"plate\":\"ABC123\",\"reason\":\"other\"}", "expiresAt"),
        new Case("{\"plate\":\"ABC123\",\"reason\":\"other\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}", "expiresAt"),
        new Case("{\"plate\":\"ABC123\",\"reason\":\"grudge\",\"expiresAt\":\"%s\"}", "reason"),
        new Case("{\"plate\":\"ABC123\",\"state\":\"XX\",\"reason\":\"other\",\"expiresAt\":\"%s\"}", "state"))) {
      Answer a = post("/api/v1/hotlists/" + list + "/entries", operator, c.body().formatted(inDays(1)));
      assertThat(a.status()).as(c.body()).isEqualTo(422);
      assertThat(a.json().path("error").path("field").stringValue()).isEqualTo(c.field());
    }
  }

  @Test
  void onlySupervisorsAndAdministratorsCreateLists() {
    assertThat(post("/api/v1/hotlists", operator, "{\"name\":\"x\",\"source\":\"local\"}").status()).isEqualTo(403);
    assertThat(post("/api/v1/hotlists", null, "{\"name\":\"x\",\"source\":\"local\"}").status()).isEqualTo(401);
    Answer bad = post("/api/v1/hotlists", supervisor, "{\"name\":\"x\",\"source\":\"federal\"}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().path("error").path("field").stringValue()).isEqualTo("source");
    long mark = auditMark();
    createList(admin, "By admin", "state");
    assertThat(audit(AuditEventTypes.HOTLIST_CREATED, mark)).singleElement()
        .satisfies(e -> assertThat(e.path("source").stringValue()).isEqualTo("state"));
  }

  @Test
  void aRemovedEntryStopsMatchingAndTheRemovalIsAudited() {
    String cam = camera();
    long list = createList(supervisor, "Removal", "local");
    String plate = plate("RM");
    long entry = addEntry(operator, list, plate, null, "stolen_vehicle", inDays(1)).path("id").longValue();
    approve(supervisor, list, entry);
    assertThat(read(cam, plate, "CA")).hasSize(1);
    long mark = auditMark();

    Answer removed = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/hotlists/" + list
            + "/entries/" + entry)).header("Authorization", "Bearer " + supervisor).DELETE().build());

    assertThat(removed.status()).as(removed.body()).isEqualTo(200);
    assertThat(removed.json().path("status").stringValue()).isEqualTo("REMOVED");
    assertThat(read(cam, plate, "CA")).isEmpty();
    assertThat(audit(AuditEventTypes.HOTLIST_ENTRY_REMOVED, mark)).singleElement()
        .satisfies(e -> assertThat(e.path("entryId").longValue()).isEqualTo(entry));
  }
}
