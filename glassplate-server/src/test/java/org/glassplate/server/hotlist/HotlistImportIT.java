package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.glassplate.server.audit.AuditEventTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** CSV import of lists: column mapping, per-row errors, progress, replacement (issue 6; R-HOT-1). */
class HotlistImportIT extends HotlistTestSupport {

  private Answer postCsv(String path, String token, String csv) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "text/csv")
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(csv)).build());
  }

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
    JsonNode job1 = get(base, supervisor).json();
    assertThat(job1.path("status").stringValue()).isEqualTo("DONE");
    assertThat(job1.path("progress").doubleValue()).isEqualTo(1.0);
    assertThat(job1.path("rowsRead").intValue()).isEqualTo(6);
    assertThat(job1.path("rowsAccepted").intValue()).isEqualTo(2);
    assertThat(job1.path("rowsRejected").intValue()).isEqualTo(4);
    assertThat(afterSecond.path("errors").valueStream().map(e -> e.path("row").intValue() + ":" + e.path("field").stringValue()))
        .containsExactly("3:LIC", "4:LIC", "6:TYPE", "7:EXP");
    assertThat(job1.path("errors").get(0).path("message").stringValue()).isEqualTo("plate is required");
    String cam = camera();
    assertThat(read(cam, good1, "CA")).hasSize(1);
    assertThat(read(cam, good2, "NV")).hasSize(1);
    assertThat(audit(AuditEventTypes.HOTLIST_IMPORT_STARTED, mark)).hasSize(1);
    assertThat(audit(AuditEventTypes.HOTLIST_IMPORTED, mark)).singleElement().satisfies(e -> {
      assertThat(e.path("rowsAccepted").intValue()).isEqualTo(2);
      assertThat(e.path("rowsRejected").intValue()).isEqualTo(4);
    });
  }

  @Test
  void replacesAnExtractOverHttpAndTheOldEntriesStopMatching() throws Exception {
    long list = createList(admin, "NCIC", "state");
    String old = plate("RO");
    String kept = plate("RK");
    String fresh = plate("RN");
    addEntry(supervisor, list, old, null, "stolen_vehicle", inDays(10));
    addEntry(supervisor, list, kept, null, "stolen_vehicle", inDays(10));
    String cam = camera();
    assertThat(read(cam, old, "CA")).hasSize(1);
    long mark = auditMark();

    long job = post("/api/v1/hotlists/" + list + "/imports", admin, "{\"mode\":\"replace\"}").json().path("id").longValue();
    String base = "/api/v1/hotlists/" + list + "/imports/" + job;
    postCsv(base + "/parts", admin, "plate,reason,expiresAt\n%s,stolen_vehicle,2099-01-01\n%s,stolen_plate,2099-01-01\n"
        .formatted(kept, fresh));
    post(base + "/completion", admin, "{}");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!get(base, admin).json().path("status").stringValue().equals("DONE") && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

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
}
