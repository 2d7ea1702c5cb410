package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** Shared helpers (and one shared Spring context) for the hot-list integration tests. */
@Import(TestTokens.class)
abstract class HotlistTestSupport extends IntegrationTest {
  static final AtomicLong PEOPLE = new AtomicLong(1000);

  @Autowired
  Cameras cameras;
  @Autowired
  HotlistPolicy policy;

  final String supervisor = TestTokens.token(PEOPLE.incrementAndGet(), "SUPERVISOR");
  final String supervisor2 = TestTokens.token(PEOPLE.incrementAndGet(), "SUPERVISOR");
  final String operator = TestTokens.token(PEOPLE.incrementAndGet(), "OPERATOR");
  final String admin = TestTokens.token(PEOPLE.incrementAndGet(), "ADMINISTRATOR");

  String camera() {
    Camera.WithToken c = cameras.register("Hotlist test cam", 47.6, -122.3, 0);
    return c.token();
  }

  /** A unique plate for a test: letters and digits that have no look-alikes unless asked. */
  static String plate(String prefix) {
    String n = Long.toString(PEOPLE.incrementAndGet() % 10_000);
    return (prefix + "X" + "3".repeat(4 - n.length()) + n).replace('0', '3').replace('1', '4').replace('2', '7')
        .replace('5', '9').replace('6', '3').replace('8', '4');
  }

  long createList(String token, String name, String source) {
    Answer a = post("/api/v1/hotlists", token, "{\"name\":\"%s\",\"source\":\"%s\"}".formatted(name, source));
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json().path("id").longValue();
  }

  JsonNode addEntry(String token, long list, String plate, String state, String reason, Instant expires) {
    String stateJson = state == null ? "null" : "\"" + state + "\"";
    Answer a = post("/api/v1/hotlists/" + list + "/entries", token,
        "{\"plate\":\"%s\",\"state\":%s,\"reason\":\"%s\",\"expiresAt\":\"%s\"}".formatted(plate, stateJson, reason,
            expires));
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json();
  }

  long approve(String token, long list, long entry) {
    Answer a = post("/api/v1/hotlists/" + list + "/entries/" + entry + "/approval", token, "{}");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().path("status").stringValue()).isEqualTo("ACTIVE");
    return entry;
  }

  /** Ingests one read and returns the ingest answer's alerts. */
  JsonNode read(String cameraToken, String plate, String state) {
    Answer a = post("/api/v1/reads", cameraToken, "{\"reads\":[{\"plate\":\"%s\",\"state\":\"%s\",\"capturedAt\":\"%s\"}]}"
        .formatted(plate, state, clock.instant()));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().path("accepted").intValue()).as(a.body()).isEqualTo(1);
    return a.json().path("alerts");
  }

  Instant inDays(int days) {
    return clock.instant().plus(Duration.ofDays(days));
  }

  /** Audit entries of a type written since the given pending id, as parsed JSON. */
  List<JsonNode> audit(String type, long afterId) {
    return jdbc.sql("""
            SELECT convert_from(entry, 'UTF8') FROM audit_pending
            WHERE id > :after AND convert_from(entry, 'UTF8')::jsonb ->> 'type' = :t ORDER BY id""")
        .param("after", afterId).param("t", type).query(String.class).list().stream().map(JSON::readTree).toList();
  }

  long auditMark() {
    return jdbc.sql("SELECT coalesce(max(id), 0) FROM audit_pending").query(Long.class).single();
  }
}
