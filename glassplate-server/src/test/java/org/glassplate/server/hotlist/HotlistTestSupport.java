package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.core.Roles;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Shared helpers (and one shared Spring context) for the hot-list integration tests. */
abstract class HotlistTestSupport extends IntegrationTest {
  static final AtomicLong PEOPLE = new AtomicLong(1000);
  private static final java.util.Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

  @Autowired
  Cameras cameras;
  @Autowired
  org.glassplate.server.policy.Policies policies;
  @Autowired
  org.glassplate.server.policy.PolicyProposals proposals;
  @Autowired
  AccountSeeder seeder;

  String supervisor;
  String supervisor2;
  String operator;
  String admin;

  /** Trained people with API tokens, seeded once per database (the context is shared). */
  @BeforeEach
  void people() {
    supervisor = person("supervisor", Roles.SUPERVISOR);
    supervisor2 = person("supervisor2", Roles.SUPERVISOR);
    operator = person("operator", Roles.OPERATOR);
    admin = person("admin", Roles.ADMINISTRATOR);
  }

  /** Puts a policy in force whose hot-list sources are these (two administrators approve). */
  void sources(String... sources) {
    org.glassplate.server.support.PolicyChanges.apply(policies, proposals,
        org.glassplate.server.support.PolicyChanges.set("hotlists", "sources", "[" + String.join(", ", sources) + "]"));
  }

  String person(String name, String... roles) {
    String db = jdbc.sql("SELECT current_database()").query(String.class).single();
    return TOKENS.computeIfAbsent(db + "/" + name,
        k -> seeder.seed(AccountSeeder.Spec.of("hl-" + name, "Hot-list " + name, roles)).apiToken());
  }

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

  Answer postCsv(String path, String token, String csv) {
    return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path))
        .header("Content-Type", "text/csv").header("Authorization", "Bearer " + token)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv)).build());
  }

  /**
   * A person's import into a state or NCIC list, sent and completed by {@code starter}: it waits for a
   * second person's approval. Returns the import's path ({@code /api/v1/hotlists/L/imports/I}).
   */
  String submitImport(String starter, long list, String mode, String csv) {
    Answer started = post("/api/v1/hotlists/" + list + "/imports", starter, "{\"mode\":\"" + mode + "\"}");
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String base = "/api/v1/hotlists/" + list + "/imports/" + started.json().path("id").longValue();
    Answer part = postCsv(base + "/parts", starter, csv);
    assertThat(part.status()).as(part.body()).isEqualTo(200);
    Answer done = post(base + "/completion", starter, "{}");
    assertThat(done.status()).as(done.body()).isEqualTo(202);
    assertThat(done.json().path("status").stringValue()).isEqualTo("AWAITING_APPROVAL");
    return base;
  }

  /** A second person approves an import; returns its status once it is no longer building. */
  String approveImport(String approver, String base) throws InterruptedException {
    Answer approved = post(base + "/approval", approver, "{}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(202);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String status = get(base, approver).json().path("status").stringValue();
    while (status.equals("BUILDING") && System.nanoTime() < deadline) {
      Thread.sleep(50);
      status = get(base, approver).json().path("status").stringValue();
    }
    return status;
  }

  /** Fills a state or NCIC list with these plates (any state, one reason): an import that {@code approver} approves. */
  void importApproved(String starter, String approver, long list, String reason, String... plates) throws Exception {
    StringBuilder csv = new StringBuilder("plate,reason,expiresAt\n");
    for (String p : plates) {
      csv.append(p).append(',').append(reason).append(",2099-01-01\n");
    }
    assertThat(approveImport(approver, submitImport(starter, list, "append", csv.toString()))).isEqualTo("DONE");
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
  List<JsonNode> audit(AuditEventType type, long afterId) {
    return jdbc.sql("SELECT convert_from(entry, 'UTF8') FROM " + org.glassplate.server.support.AuditEntries.ALL
            + "WHERE id > :after AND convert_from(entry, 'UTF8')::jsonb ->> 'type' = :t ORDER BY id")
        .param("after", afterId).param("t", type.name()).query(String.class).list().stream().map(JSON::readTree).toList();
  }

  long auditMark() {
    return jdbc.sql("SELECT coalesce(max(id), 0) FROM " + org.glassplate.server.support.AuditEntries.ALL).query(Long.class).single();
  }
}
