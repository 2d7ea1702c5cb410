package org.glassplate.server.reads;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Camera ingest over real HTTP into real PostgreSQL (issue 2, R-ING-1, R-ING-2). */
class ReadsIngestIT extends IntegrationTest {

  @Autowired
  Cameras cameras;

  String token;
  long cameraId;

  @BeforeEach
  void camera() {
    Camera.WithToken c = cameras.register("Test cam", 36.7, -119.7, 90);
    token = c.token();
    cameraId = c.camera().id();
  }

  private long storedFor(long camera) {
    return jdbc.sql("SELECT count(*) FROM plate_read WHERE camera_id = :c").param("c", camera).query(Long.class).single();
  }

  private long auditEntries(AuditEventType type) {
    return audited(type).size();
  }

  @Test
  void storesGoodReadsAndReportsEachBadOneByIndexAndField() {
    Instant now = clock.instant();
    String body = """
        {"reads":[
          {"plate":"7abc-123","state":"ca","capturedAt":"%1$s","lat":36.7,"lon":-119.7,"confidence":91.5,
           "vehicle":{"make":"Toyota","color":"silver","type":"sedan"}},
          {"plate":"","state":"CA","capturedAt":"%1$s"},
          {"plate":"8XYZ999","state":"XX","capturedAt":"%1$s"},
          {"plate":"8XYZ999","state":"CA","capturedAt":"%2$s"},
          {"plate":"8XYZ999","state":"CA","capturedAt":"%3$s"},
          {"plate":"8XYZ999","state":"CA","capturedAt":"%1$s","lat":91,"lon":0},
          {"plate":"8XYZ999","state":"CA","capturedAt":"%1$s","lat":0,"lon":-181},
          {"plate":"8XYZ999","state":"CA","capturedAt":"%1$s","confidence":101},
          {"plate":"8XYZ999","state":"CA","capturedAt":"yesterday"},
          {"plate":42,"state":"CA","capturedAt":"%1$s"},
          {"plate":"TOOLONGPLATE","state":"CA","capturedAt":"%1$s"},
          {"plate":"6DEF456","capturedAt":"%1$s"}
        ]}""".formatted(now, now.plus(Duration.ofMinutes(10)), now.minus(Duration.ofDays(31)));

    Answer a = post("/api/v1/reads", token, body);

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    JsonNode json = a.json();
    assertThat(json.path("accepted").intValue()).isEqualTo(2);
    Map<Integer, String> rejected = new java.util.TreeMap<>();
    json.path("rejected").forEach(r -> rejected.put(r.path("index").intValue(), r.path("field").stringValue()));
    assertThat(rejected).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
        1, "plate", 2, "state", 3, "capturedAt", 4, "capturedAt", 5, "lat", 6, "lon", 7, "confidence",
        8, "capturedAt", 9, "plate", 10, "plate")));
    json.path("rejected").forEach(r -> assertThat(r.path("message").stringValue()).isNotBlank());

    List<Map<String, Object>> rows = jdbc.sql(
            "SELECT plate, state, vehicle_make, vehicle_color, vehicle_type, confidence FROM plate_read "
                + "WHERE camera_id = :c ORDER BY plate").param("c", cameraId).query().listOfRows();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).containsEntry("plate", "6DEF456").containsEntry("state", "ZZ");
    assertThat(rows.get(1)).containsEntry("plate", "7ABC123").containsEntry("state", "CA")
        .containsEntry("vehicle_make", "Toyota").containsEntry("vehicle_color", "silver")
        .containsEntry("vehicle_type", "sedan").containsEntry("confidence", 91.5);
  }

  @Test
  void auditsEachBatchOnceWithItsCounts() {
    long before = auditEntries(AuditEventTypes.READS_INGESTED);
    String now = clock.instant().toString();
    post("/api/v1/reads", token, """
        {"reads":[{"plate":"1AAA111","state":"CA","capturedAt":"%1$s"},
                  {"plate":"1AAA112","state":"CA","capturedAt":"%1$s"},
                  {"plate":"","capturedAt":"%1$s"}]}""".formatted(now));
    assertThat(auditEntries(AuditEventTypes.READS_INGESTED)).isEqualTo(before + 1);
    JsonNode entry = lastAudited(AuditEventTypes.READS_INGESTED);
    assertThat(entry.path("accepted").intValue()).isEqualTo(2);
    assertThat(entry.path("rejected").intValue()).isEqualTo(1);
    assertThat(entry.path("actor").stringValue()).isEqualTo("camera:" + cameraId);
    assertThat(entry.toString()).doesNotContain("1AAA111");
  }

  @Test
  void refusesMissingOrWrongTokenAndStoresNothing() {
    String body = """
        {"reads":[{"plate":"2BBB222","state":"CA","capturedAt":"%s"}]}""".formatted(clock.instant());
    Answer none = post("/api/v1/reads", null, body);
    Answer wrong = post("/api/v1/reads", "gpc_not-a-real-token", body);
    Answer garbage = post("/api/v1/reads", "nonsense", body);
    assertThat(none.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(garbage.status()).isEqualTo(401);
    assertThat(none.json().path("error").path("code").stringValue()).isEqualTo("UNAUTHENTICATED");
    assertThat(jdbc.sql("SELECT count(*) FROM plate_read WHERE plate = '2BBB222'").query(Long.class).single()).isZero();
    assertThat(auditEntries(AuditEventTypes.CAMERA_CREDENTIAL_REFUSED)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void refusesCameraTokenOnEveryOtherApi() {
    for (String path : List.of("/api/v1/cameras", "/api/v1/searches", "/api/v1/alerts", "/api/v1/accounts",
        "/transparency.json", "/api/v1/policy", "/api/v1/audit/checkpoint")) {
      Answer a = get(path, token);
      assertThat(a.status()).as(path).isEqualTo(403);
      assertThat(a.json().path("error").path("code").stringValue()).as(path).isEqualTo("FORBIDDEN");
    }
    Answer p = post("/api/v1/cameras", token, "{\"name\":\"x\",\"lat\":1,\"lon\":1}");
    assertThat(p.status()).isEqualTo(403);
  }

  @Test
  void malformedBodyIsA400NamingTheProblem() {
    Answer a = post("/api/v1/reads", token, "{\"reads\":[{\"plate\":");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().path("error").path("code").stringValue()).isEqualTo("MALFORMED_BODY");
    Answer b = post("/api/v1/reads", token, "[1,2,3]");
    assertThat(b.status()).isEqualTo(400);
    assertThat(b.json().path("error").path("field").stringValue()).isEqualTo("reads");
  }

  @Test
  void bodiesOverTwoMebibytesAreRefusedWith413() {
    String big = "{\"reads\":[], \"pad\":\"" + "x".repeat(2 * 1024 * 1024 + 10) + "\"}";
    Answer a = post("/api/v1/reads", token, big);
    assertThat(a.status()).isEqualTo(413);
  }

  @Test
  void batchesOverAThousandReadsAreRefused() {
    String read = "{\"plate\":\"3CCC333\",\"state\":\"CA\",\"capturedAt\":\"" + clock.instant() + "\"}";
    String body = "{\"reads\":[" + String.join(",", java.util.Collections.nCopies(1001, read)) + "]}";
    Answer a = post("/api/v1/reads", token, body);
    assertThat(a.status()).isEqualTo(413);
    assertThat(a.json().path("error").path("code").stringValue()).isEqualTo("BATCH_TOO_LARGE");
    assertThat(storedFor(cameraId)).isZero();
  }

  @Test
  void inactiveCameraReadsAreRejectedNamingTheCamera() throws Exception {
    cameras.setActive(cameraId, false);
    Thread.sleep(5_100); // the credential cache holds a camera for 5 s
    Answer a = post("/api/v1/reads", token, """
        {"reads":[{"plate":"4DDD444","state":"CA","capturedAt":"%s"}]}""".formatted(clock.instant()));
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().path("accepted").intValue()).isZero();
    assertThat(a.json().path("rejected").get(0).path("field").stringValue()).isEqualTo("cameraId");
    assertThat(a.json().path("rejected").get(0).path("message").stringValue()).contains("inactive");
    assertThat(storedFor(cameraId)).isZero();
  }

  @Test
  void ingestsAnOpenAlprGroupWithPlateStateTimeAndVehicle() throws Exception {
    String sample = new String(getClass().getResourceAsStream("/samples/openalpr/alpr_group.json").readAllBytes(),
        StandardCharsets.UTF_8);
    ObjectNode group = (ObjectNode) JSON.readTree(sample);
    long epoch = clock.instant().minusSeconds(60).toEpochMilli();
    group.put("epoch_start", epoch);

    Answer a = post("/api/v1/ingest/openalpr", token, group.toString());

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().path("accepted").intValue()).isEqualTo(1);
    Map<String, Object> row = jdbc.sql("""
            SELECT plate, state, captured_at, vehicle_make, vehicle_color, vehicle_type, confidence, lat, lon
            FROM plate_read WHERE camera_id = :c""").param("c", cameraId).query().singleRow();
    assertThat(row).containsEntry("plate", "7ABC123").containsEntry("state", "CA")
        .containsEntry("vehicle_make", "toyota").containsEntry("vehicle_color", "silver-gray")
        .containsEntry("vehicle_type", "sedan-standard").containsEntry("confidence", 94.3)
        .containsEntry("lat", 36.7468).containsEntry("lon", -119.7726);
    assertThat(((java.sql.Timestamp) row.get("captured_at")).toInstant()).isEqualTo(Instant.ofEpochMilli(epoch));
  }

  @Test
  void openAlprNonUsRegionBecomesUnknownAndOtherDataTypesAreRejected() {
    long epoch = clock.instant().toEpochMilli();
    Answer a = post("/api/v1/ingest/openalpr", token, """
        [{"data_type":"alpr_group","epoch_start":%1$d,"best_plate_number":"AB12CDE","best_region":"gb","country":"gb","best_confidence":88},
         {"data_type":"heartbeat","epoch_start":%1$d},
         {"data_type":"alpr_group","epoch_start":"soon","best_plate_number":"X1"}]""".formatted(epoch));
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().path("accepted").intValue()).isEqualTo(1);
    assertThat(a.json().path("rejected").get(0).path("field").stringValue()).isEqualTo("data_type");
    assertThat(a.json().path("rejected").get(1).path("field").stringValue()).isEqualTo("epoch_start");
    assertThat(jdbc.sql("SELECT state FROM plate_read WHERE plate = 'AB12CDE'").query(String.class).single()).isEqualTo("ZZ");
  }

  @Test
  void aReadFromTheNextUtcDayLandsInItsOwnPartition() {
    Instant t = clock.instant().plus(Duration.ofMinutes(4));
    Answer a = post("/api/v1/reads", token, """
        {"reads":[{"plate":"5EEE555","state":"CA","capturedAt":"%s"}]}""".formatted(t));
    assertThat(a.json().path("accepted").intValue()).isEqualTo(1);
    String partition = jdbc.sql("SELECT tableoid::regclass::text FROM plate_read WHERE plate = '5EEE555'")
        .query(String.class).single();
    assertThat(partition).isEqualTo(ReadPartitions.partitionName(t.atZone(java.time.ZoneOffset.UTC).toLocalDate()));
  }
}
