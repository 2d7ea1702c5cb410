package org.glassplate.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.reads.PlateQuery;
import org.glassplate.server.support.AuditEntries;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.RecordedEvents;
import org.glassplate.server.support.TestCallers;
import org.glassplate.server.core.Roles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Shared fixture of the search tests: real accounts (seeded with training), two cameras, reads ingested over HTTP. */
@Import({TestCallers.class, RecordedEvents.class})
abstract class SearchTestBase extends IntegrationTest {
  /** The reads every test searches: plate, camera (a or b), hours ago. */
  static final Object[][] READS = {
      {"7ABC123", "a", 1}, {"7ABC124", "a", 2}, {"7ABD123", "b", 3}, {"8ABC123", "b", 4}, {"BABC123", "a", 5},
      {"8A8C123", "b", 6}, {"7XYZ900", "a", 7}, {"7XYZ9O0", "b", 8}, {"5SAM001", "a", 9}, {"SSAM00I", "b", 10},
      {"ABC", "a", 11}, {"XABC1239", "b", 12}, {"7ABC123", "b", 26}, {"G6X0001", "a", 27}, {"Z2K7I77", "b", 28}};

  /** Tokens and ids for one database (the context may be shared with other test classes). */
  record Fixture(String url, String investigator, String trainee, String admin, long cameraA, long cameraB) {
  }

  static Fixture fixture;

  @Autowired
  AccountSeeder seeder;

  @Autowired
  Policies policies;

  @Autowired
  RecordedEvents.Log events;

  @Autowired
  javax.sql.DataSource dataSource;

  Instant now;

  @BeforeEach
  void seedOnce() throws Exception {
    String url;
    try (var c = dataSource.getConnection()) {
      url = c.getMetaData().getURL();
    }
    now = clock.instant();
    if (fixture != null && fixture.url().equals(url)) {
      return;
    }
    String investigator = seeder.seed(AccountSeeder.Spec.of("search-ivy", "Ivy Search", Roles.INVESTIGATOR)).apiToken();
    String trainee = seeder.seed(AccountSeeder.Spec.of("search-tom", "Tom Trainee", Roles.INVESTIGATOR)
        .withoutTraining()).apiToken();
    String admin = seeder.seed(AccountSeeder.Spec.of("search-ada", "Ada Admin", Roles.ADMINISTRATOR)).apiToken();
    JsonNode a = post("/api/v1/cameras", admin, "{\"name\":\"Search cam A\",\"lat\":37.001,\"lon\":-120.001}").json();
    JsonNode b = post("/api/v1/cameras", admin, "{\"name\":\"Search cam B\",\"lat\":37.010,\"lon\":-120.020}").json();
    Map<String, StringBuilder> batches = new LinkedHashMap<>();
    for (Object[] r : READS) {
      StringBuilder sb = batches.computeIfAbsent((String) r[1], k -> new StringBuilder());
      sb.append(sb.isEmpty() ? "" : ",").append("{\"plate\":\"").append(r[0]).append("\",\"state\":\"CA\",\"capturedAt\":\"")
          .append(now.minus(Duration.ofHours((Integer) r[2]))).append("\"}");
    }
    for (Map.Entry<String, StringBuilder> e : batches.entrySet()) {
      String token = (e.getKey().equals("a") ? a : b).get("token").asString();
      JsonNode result = post("/api/v1/reads", token, "{\"reads\":[" + e.getValue() + "]}").json();
      assertEquals(0, result.get("rejected").size(), result.toString());
    }
    fixture = new Fixture(url, investigator, trainee, admin, a.get("camera").get("id").asLong(),
        b.get("camera").get("id").asLong());
  }

  ObjectNode body() {
    ObjectNode b = JSON.createObjectNode();
    b.put("from", now.minus(Duration.ofDays(2)).toString());
    b.put("to", now.plus(Duration.ofMinutes(1)).toString());
    b.put("caseNumber", "24-001187");
    b.put("offense", "ROBBERY");
    b.put("reason", "armed robbery at 5th and Main, suspect vehicle seen leaving");
    return b;
  }

  Answer search(ObjectNode body) {
    return post("/api/v1/searches", fixture.investigator(), body.toString());
  }

  static List<String> plates(JsonNode answer) {
    List<String> out = new ArrayList<>();
    answer.get("results").forEach(r -> out.add(r.get("plate").asString()));
    return out;
  }

  /** The stored test plates a query should find, newest first (the reference semantics of PlateQuery). */
  static List<String> expected(PlateQuery q) {
    List<String> out = new ArrayList<>();
    java.util.Arrays.stream(READS).sorted((x, y) -> Integer.compare((Integer) x[2], (Integer) y[2]))
        .filter(r -> q.matches((String) r[0])).forEach(r -> out.add((String) r[0]));
    return out;
  }

  /** Asserts the HTTP refusal and its audit entry (reason code and policy hash); returns the entry. */
  JsonNode assertRefused(Answer a, int status, String code, String field, String reasonCode) {
    assertEquals(status, a.status(), a.body());
    JsonNode error = a.json().get("error");
    assertEquals(code, error.get("code").asString(), error.toString());
    assertEquals(field, error.get("field").asString(), error.toString());
    JsonNode entry = AuditEntries.last(jdbc, AuditEventTypes.SEARCH_DENIED);
    assertEquals(AuditEventTypes.SEARCH_DENIED.name(), entry.get("type").asString());
    assertEquals("DENIED", entry.get("outcome").asString());
    assertEquals(reasonCode, entry.get("reasonCode").asString());
    assertEquals(policies.current().sha256(), entry.get("policySha256").asString());
    return entry;
  }
}
