package org.glassplate.server.reads;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What fuzzing the ingest parsers found (issue 12, R-ING-2): a read with a value PostgreSQL cannot
 * store (a NUL in a vehicle label) or a number too large for its field answered 500 and dropped the
 * whole batch. Now that read alone is rejected, naming its field, and the good reads are stored.
 */
class IngestUnstorableValuesIT extends IntegrationTest {
  static final String ZEROS = "0".repeat(400);

  @Autowired
  Cameras cameras;

  String token;
  long cameraId;

  @BeforeEach
  void camera() {
    Camera.WithToken c = cameras.register("Unstorable cam", 36.7, -119.7, 90);
    token = c.token();
    cameraId = c.camera().id();
  }

  private List<String> storedPlates() {
    return jdbc.sql("SELECT plate FROM plate_read WHERE camera_id = :c ORDER BY plate").param("c", cameraId)
        .query(String.class).list();
  }

  private static Map<Integer, String> rejected(JsonNode answer) {
    Map<Integer, String> out = new TreeMap<>();
    answer.path("rejected").forEach(r -> out.put(r.path("index").intValue(), r.path("field").stringValue()));
    return out;
  }

  @Test
  void aReadsBatchKeepsItsGoodReadsWhenOneHoldsANulOrANumberTooLarge() {
    Instant now = clock.instant();
    String body = """
        {"reads":[
          {"plate":"1GOOD11","capturedAt":"%1$s","vehicle":{"make":"Toyota"}},
          {"plate":"2NUL222","capturedAt":"%1$s","vehicle":{"make":"a\\u0000b"}},
          {"plate":"3CAM333","capturedAt":"%1$s","cameraId":123456789012345678901234567890},
          {"plate":"4LAT444","capturedAt":"%1$s","lat":1%2$s,"lon":0},
          {"plate":"5GOOD55","capturedAt":"%1$s","vehicle":{"color":"white"}}
        ]}""".formatted(now, ZEROS);
    long before = audited(AuditEventTypes.READS_INGESTED).size();

    Answer a = post("/api/v1/reads", token, body);

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().path("accepted").intValue()).isEqualTo(2);
    assertThat(rejected(a.json())).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        1, "vehicle.make", 2, "cameraId", 3, "lat")));
    assertThat(storedPlates()).containsExactly("1GOOD11", "5GOOD55");
    List<JsonNode> entries = audited(AuditEventTypes.READS_INGESTED);
    assertThat(entries).hasSize((int) before + 1);
    assertThat(entries.get(entries.size() - 1).path("accepted").intValue()).isEqualTo(2);
  }

  @Test
  void anAlprGroupBatchKeepsItsGoodGroupsWhenOneHoldsANulOrANumberTooLarge() {
    long ms = clock.instant().toEpochMilli();
    String body = """
        [{"data_type":"alpr_group","epoch_start":%1$d,"best_plate_number":"6GOOD66"},
         {"data_type":"alpr_group","epoch_start":%1$d,"best_plate_number":"7NUL777",
          "vehicle":{"make":[{"name":"x\\u0000"}]}},
         {"data_type":"alpr_group","epoch_start":17960399402222222222222222000,"best_plate_number":"8EPO888"},
         {"data_type":"alpr_group","epoch_start":%1$d,"best_plate_number":"9CON999","best_confidence":1%2$s}]
        """.formatted(ms, ZEROS);

    Answer a = post("/api/v1/ingest/openalpr", token, body);

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().path("accepted").intValue()).isEqualTo(1);
    assertThat(rejected(a.json())).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        1, "vehicle.make", 2, "epoch_start", 3, "best_confidence")));
    assertThat(storedPlates()).containsExactly("6GOOD66");
  }
}
