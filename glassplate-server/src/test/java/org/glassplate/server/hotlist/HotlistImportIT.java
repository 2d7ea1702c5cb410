package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.glassplate.server.audit.AuditEventTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * CSV import of lists: column mapping, per-row errors, progress, replacement (issue 6; R-HOT-1), and
 * a person's import into a state or NCIC list taking effect only on a second person's approval
 * (issue 12).
 */
class HotlistImportIT extends HotlistTestSupport {

  @Test
  void importsMappedColumnsAndReportsEachBadRowWithoutDroppingGoodOnes() throws Exception {
    long list = createList(supervisor, "State extract", "state");
    String good1 = plate("IA");
    String good2 = plate("IB");
    String part1 = """
        LIC,LIS,TYPE,EXP
        %s,CA,stolen_vehicle,2099-12-31
        ,CA,stolen_vehicle,2099-12-31
        BAD#PLATE,CA,stolen_vehicle,2099-12-31
        """.formatted(good1);
    String part2 = """
        %s,NV,,2099-12-31
        %s,CA,grudge,2099-12-31
        %s,CA,stolen_plate,next tuesday
        """.formatted(good2, plate("IC"), plate("ID"));
    long mark = auditMark();
    Answer started = post("/api/v1/hotlists/" + list + "/imports", supervisor, """
        {"mode":"append","columns":{"plate":"LIC","state":"LIS","reason":"TYPE","expiresAt":"EXP"},
         "defaults":{"reason":"stolen_vehicle"},"size":%d}""".formatted(part1.length() + part2.length()));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    long job = started.json().path("id").longValue();
    String base = "/api/v1/hotlists/" + list + "/imports/" + job;

    JsonNode afterFirst = postCsv(base + "/parts", supervisor, part1).json();
    assertThat(afterFirst.path("status").stringValue()).isEqualTo("RECEIVING");
    assertThat(afterFirst.path("progress").doubleValue()).isBetween(0.1, 0.9);
    JsonNode afterSecond = postCsv(base + "/parts", supervisor, part2).json();
    Answer done = post(base + "/completion", supervisor, "{}");

    assertThat(done.status()).as(done.body()).isEqualTo(202);
    assertThat(done.json().path("status").stringValue()).isEqualTo("AWAITING_APPROVAL");
    String cam = camera();
    assertThat(read(cam, good1, "CA")).as("not approved yet: no alert").isEmpty();
    assertThat(audit(AuditEventTypes.HOTLIST_IMPORT_SUBMITTED, mark)).singleElement()
        .satisfies(e -> assertThat(e.path("rowsAccepted").intValue()).isEqualTo(2));
    assertThat(approveImport(supervisor2, base)).isEqualTo("DONE");
    JsonNode job1 = get(base, supervisor).json();
    assertThat(job1.path("status").stringValue()).isEqualTo("DONE");
    assertThat(job1.path("progress").doubleValue()).isEqualTo(1.0);
    assertThat(job1.path("rowsRead").intValue()).isEqualTo(6);
    assertThat(job1.path("rowsAccepted").intValue()).isEqualTo(2);
    assertThat(job1.path("rowsRejected").intValue()).isEqualTo(4);
    assertThat(afterSecond.path("errors").valueStream().map(e -> e.path("row").intValue() + ":" + e.path("field").stringValue()))
        .containsExactly("3:LIC", "4:LIC", "6:TYPE", "7:EXP");
    assertThat(job1.path("errors").get(0).path("message").stringValue()).isEqualTo("plate is required");
    assertThat(read(cam, good1, "CA")).hasSize(1);
    assertThat(read(cam, good2, "NV")).hasSize(1);
    assertThat(audit(AuditEventTypes.HOTLIST_IMPORT_STARTED, mark)).hasSize(1);
    assertThat(audit(AuditEventTypes.HOTLIST_IMPORTED, mark)).singleElement().satisfies(e -> {
      assertThat(e.path("rowsAccepted").intValue()).isEqualTo(2);
      assertThat(e.path("rowsRejected").intValue()).isEqualTo(4);
    });
    assertThat(audit(AuditEventTypes.HOTLIST_IMPORT_APPROVED, mark)).singleElement()
        .satisfies(e -> assertThat(e.path("importId").longValue()).isEqualTo(job));
  }

  @Test
  void replacesAnExtractOverHttpAndTheOldEntriesStopMatching() throws Exception {
    long list = createList(admin, "NCIC", "state");
    String old = plate("RO");
    String kept = plate("RK");
    String fresh = plate("RN");
    importApproved(supervisor, supervisor2, list, "stolen_vehicle", old, kept);
    String cam = camera();
    assertThat(read(cam, old, "CA")).hasSize(1);
    long mark = auditMark();

    String base = submitImport(admin, list, "replace",
        "plate,reason,expiresAt\n%s,stolen_vehicle,2099-01-01\n%s,stolen_plate,2099-01-01\n".formatted(kept, fresh));
    assertThat(read(cam, fresh, "CA")).as("the replacement is not approved yet").isEmpty();
    assertThat(read(cam, old, "CA")).as("the old extract still matches meanwhile").hasSize(1);

    assertThat(approveImport(supervisor, base)).isEqualTo("DONE");

    assertThat(get(base, admin).json().path("status").stringValue()).isEqualTo("DONE");
    assertThat(read(cam, old, "CA")).isEmpty();
    assertThat(read(cam, kept, "CA")).hasSize(1);
    assertThat(read(cam, fresh, "CA")).hasSize(1);
    assertThat(audit(AuditEventTypes.HOTLIST_EXTRACT_REPLACED, mark)).singleElement().satisfies(e -> {
      assertThat(e.path("previousEntries").intValue()).isEqualTo(2);
      assertThat(e.path("entries").intValue()).isEqualTo(2);
    });
    Answer local = post("/api/v1/hotlists/" + createList(supervisor, "L", "local") + "/imports", supervisor,
        "{\"mode\":\"replace\"}");
    assertThat(local.status()).isEqualTo(422);
  }

  @Test
  void onlyWhoStartedAnImportSendsItsPartsAndCompletesItSoTheApproverAddedNothing() {
    long list = createList(supervisor, "Extract parts", "state");
    Answer started = post("/api/v1/hotlists/" + list + "/imports", supervisor, "{\"mode\":\"append\"}");
    String base = "/api/v1/hotlists/" + list + "/imports/" + started.json().path("id").longValue();
    postCsv(base + "/parts", supervisor, "plate,reason,expiresAt\n%s,stolen_vehicle,2099-01-01\n".formatted(plate("PA")));
    long mark = auditMark();

    Answer part = postCsv(base + "/parts", supervisor2, "plate,reason,expiresAt\n%s,stolen_vehicle,2099-01-01\n"
        .formatted(plate("PB")));
    Answer completion = post(base + "/completion", supervisor2, "{}");

    for (Answer a : List.of(part, completion)) {
      assertThat(a.status()).as(a.body()).isEqualTo(403);
      assertThat(a.json().path("error").path("code").stringValue()).isEqualTo("NOT_THE_IMPORTER");
    }
    assertThat(audit(AuditEventTypes.HOTLIST_ACTION_REFUSED, mark)).hasSize(2).allSatisfy(e -> {
      assertThat(e.path("reasonCode").stringValue()).isEqualTo("NOT_THE_IMPORTER");
      assertThat(e.path("action").stringValue()).isEqualTo("import");
    });
    JsonNode job = get(base, supervisor).json();
    assertThat(job.path("status").stringValue()).isEqualTo("RECEIVING");
    assertThat(job.path("rowsAccepted").intValue()).isEqualTo(1);
  }

  @Test
  void aReplacementWaitingForApprovalHoldsTheListUntilItIsCancelledAndItsRowsGo() throws Exception {
    long list = createList(supervisor, "Extract cancel", "ncic");
    String staged = plate("CX");
    String base = submitImport(supervisor, list, "replace", "plate,reason,expiresAt\n%s,stolen_vehicle,2099-01-01\n"
        .formatted(staged));
    Answer second = post("/api/v1/hotlists/" + list + "/imports", supervisor2, "{\"mode\":\"replace\"}");
    assertThat(second.status()).as(second.body()).isEqualTo(409);
    assertThat(second.json().path("error").path("code").stringValue()).isEqualTo("IMPORT_RUNNING");
    long mark = auditMark();

    Answer cancelled = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + base))
        .header("Authorization", "Bearer " + supervisor2).DELETE().build());

    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    assertThat(cancelled.json().path("status").stringValue()).isEqualTo("CANCELLED");
    assertThat(jdbc.sql("SELECT count(*) FROM hotlist_entry WHERE list_id = :l").param("l", list).query(Long.class)
        .single()).as("the staged rows are gone").isZero();
    assertThat(audit(AuditEventTypes.HOTLIST_IMPORT_CANCELLED, mark)).singleElement().satisfies(e -> {
      assertThat(e.path("previousStatus").stringValue()).isEqualTo("AWAITING_APPROVAL");
      assertThat(e.path("rowsDeleted").intValue()).isEqualTo(1);
    });
    Answer approved = post(base + "/approval", supervisor2, "{}");
    assertThat(approved.status()).isEqualTo(409);
    assertThat(approved.json().path("error").path("code").stringValue()).isEqualTo("NOT_PENDING");
    assertThat(post("/api/v1/hotlists/" + list + "/imports", supervisor2, "{\"mode\":\"replace\"}").status())
        .as("the list takes a replacement again").isEqualTo(201);
  }

  @Test
  void aListsSourceIsFixedAtCreation() {
    long list = createList(supervisor, "Fixed source", "local");

    Answer changed = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/hotlists/" + list))
        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"source\":\"state\"}")).build());

    assertThat(changed.status()).as("no endpoint changes a list").isGreaterThanOrEqualTo(400);
    assertThatThrownBy(() -> jdbc.sql("UPDATE hotlist SET source = 'state' WHERE id = :id").param("id", list).update())
        .hasMessageContaining("source is fixed at creation");
    assertThat(get("/api/v1/hotlists/" + list, supervisor).json().path("source").stringValue()).isEqualTo("local");
  }
}
