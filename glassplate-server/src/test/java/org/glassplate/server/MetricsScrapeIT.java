package org.glassplate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Roles;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.retention.RetentionPurge;
import org.glassplate.server.support.AuditEntries;
import org.glassplate.server.support.FromAddress;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /actuator/prometheus} (issue 18 item 3): every figure the issue names moves as the actions
 * it counts happen, and no plate, name, case number, reason or note reaches the scrape; the scrape is
 * served to this machine or with the metrics token only, and no other actuator endpoint is open.
 */
class MetricsScrapeIT extends IntegrationTest {
  private static final String NAME = "Bartholomew Quixley";

  @Autowired
  AccountSeeder seeder;
  @Autowired
  Cameras cameras;
  @Autowired
  RetentionPurge purge;

  @Value("${glassplate.data-dir}")
  Path dataDir;

  @Test
  void theScrapeHasEveryFigureAndNoPersonalData() throws Exception {
    String run = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L), 36)
        .toUpperCase(Locale.ROOT);
    String plate = "QZ" + run.substring(0, Math.min(5, run.length()));
    String otherPlate = "JW" + run.substring(0, Math.min(5, run.length()));
    String caseRan = "QX-" + run + "-1";
    String caseRefused = "QX-" + run + "-2";
    String reasonRan = "depot burglary, following up the sighting of " + NAME;
    String reasonRefused = "immigration hold on " + NAME;
    String note = "the plate was " + NAME + "'s trailer, read wrong";
    String supervisor = seeder.seed(AccountSeeder.Spec.of("m-sup-" + run, "Supervisor " + run, Roles.SUPERVISOR))
        .apiToken();
    String operator = seeder.seed(AccountSeeder.Spec.of("m-op-" + run, "Operator " + run, Roles.OPERATOR)).apiToken();
    String investigator = seeder.seed(AccountSeeder.Spec.of("m-inv-" + run, NAME, Roles.INVESTIGATOR)).apiToken();
    String auditor = seeder.seed(AccountSeeder.Spec.of("m-aud-" + run, "Auditor " + run, Roles.AUDITOR)).apiToken();
    String camera = cameras.register("Metrics test cam", 47.6, -122.3, 0).token();
    long list = post("/api/v1/hotlists", supervisor, "{\"name\":\"Metrics\",\"source\":\"local\"}").json()
        .path("id").longValue();
    long entry = post("/api/v1/hotlists/" + list + "/entries", operator,
        "{\"plate\":\"%s\",\"state\":null,\"reason\":\"stolen_vehicle\",\"expiresAt\":\"%s\"}"
            .formatted(plate, clock.instant().plus(Duration.ofDays(3)))).json().path("id").longValue();
    assertThat(post("/api/v1/hotlists/" + list + "/entries/" + entry + "/approval", supervisor, "{}").status())
        .isEqualTo(200);

    Scrape before = scrape();

    // two good reads (one hits the list, captured 40 s ago) and a bad one
    Instant captured = clock.instant().minusSeconds(40);
    Answer ingested = post("/api/v1/reads", camera, """
        {"reads":[{"plate":"%s","state":"CA","capturedAt":"%s"},{"plate":"%s","state":"CA","capturedAt":"%s"},
        {"plate":"","state":"CA","capturedAt":"%s"}]}""".formatted(plate, captured, otherPlate, captured, captured));
    assertThat(ingested.status()).as(ingested.body()).isEqualTo(200);
    assertThat(ingested.json().path("accepted").intValue()).isEqualTo(2);
    assertThat(ingested.json().path("alerts")).hasSize(1);
    long alert = ingested.json().path("alerts").get(0).path("alertId").longValue();
    Answer verified = post("/api/v1/alerts/" + alert + "/verification", operator,
        JSON.createObjectNode().put("outcome", "misread").put("note", note).toString());
    assertThat(verified.status()).as(verified.body()).isEqualTo(200);

    Answer ran = post("/api/v1/searches", investigator, search(plate, caseRan, reasonRan).toString());
    assertThat(ran.status()).as(ran.body()).isEqualTo(200);
    long searchIndex = ran.json().path("auditIndex").longValue();
    Answer refused = post("/api/v1/searches", investigator, search(plate, caseRefused, reasonRefused).toString());
    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(refused.json().path("error").path("code").stringValue()).isEqualTo("PROHIBITED_PURPOSE");

    Answer selfAudit = post("/api/v1/oversight/self-audits", auditor, "");
    assertThat(selfAudit.status()).as(selfAudit.body()).isEqualTo(200);
    String selfAuditStatus = selfAudit.json().path("status").stringValue();
    RetentionPurge.PurgeResult purged = purge.purge();

    // the search's entry is in a signed checkpoint within a second or so
    Scrape after = scrape();
    for (long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        after.value("glassplate_audit_checkpoint_size", Map.of()) <= searchIndex && System.nanoTime() < deadline; ) {
      Thread.sleep(100);
      after = scrape();
    }

    Map<String, String> accepted = Map.of("format", "glassplate", "outcome", "accepted");
    assertThat(after.delta(before, "glassplate_ingest_reads_total", accepted)).isEqualTo(2);
    assertThat(after.delta(before, "glassplate_ingest_reads_total", Map.of("format", "glassplate",
        "outcome", "rejected"))).isEqualTo(1);
    Map<String, String> stored = Map.of("format", "glassplate", "outcome", "stored");
    assertThat(after.delta(before, "glassplate_ingest_batch_seconds_count", stored)).isEqualTo(1);
    assertThat(after.delta(before, "glassplate_ingest_batch_seconds_sum", stored)).isPositive();

    assertThat(after.delta(before, "glassplate_alerts_raised_total", Map.of("match_kind", "exact"))).isEqualTo(1);
    String latency = "glassplate_alerts_read_to_alert_seconds";
    assertThat(after.delta(before, latency + "_count", Map.of())).isEqualTo(1);
    assertThat(after.delta(before, latency + "_sum", Map.of())).isBetween(40.0, 60.0);
    // a histogram: captured 40 s before, the alert falls in the (30 s, 60 s] bucket
    assertThat(after.delta(before, latency + "_bucket", Map.of("le", "30.0"))).isZero();
    assertThat(after.delta(before, latency + "_bucket", Map.of("le", "60.0"))).isEqualTo(1);
    assertThat(after.delta(before, "glassplate_alerts_verified_total", Map.of("outcome", "misread"))).isEqualTo(1);
    assertThat(after.value("glassplate_alerts_unverified", Map.of())).isGreaterThanOrEqualTo(0);

    assertThat(after.delta(before, "glassplate_searches_total", Map.of("outcome", "performed", "code", "none",
        "kind", "PLATE", "origin", "local"))).isEqualTo(1);
    assertThat(after.delta(before, "glassplate_searches_total", Map.of("outcome", "refused",
        "code", "PROHIBITED_PURPOSE", "origin", "local"))).isEqualTo(1);

    // ingest, verification, two searches, the self-audit and more: each an append
    assertThat(after.delta(before, "glassplate_audit_append_seconds_count", Map.of())).isGreaterThanOrEqualTo(5);
    assertThat(after.delta(before, "glassplate_audit_append_seconds_sum", Map.of())).isPositive();
    assertThat(after.delta(before, "glassplate_audit_append_sequenced_seconds_count", Map.of()))
        .isGreaterThanOrEqualTo(1);
    assertThat(after.value("glassplate_audit_sequencer_pending", Map.of())).isGreaterThanOrEqualTo(0);
    assertThat(after.value("glassplate_audit_sequencer_lag_seconds", Map.of())).isBetween(0.0, 60.0);
    assertThat(after.value("glassplate_audit_checkpoint_size", Map.of())).isGreaterThan(searchIndex);
    assertThat(after.value("glassplate_audit_checkpoint_age_seconds", Map.of())).isBetween(0.0, 60.0);
    // this application has no witness: the count says so, and the age has no value (its test: AuditMetricsTest)
    assertThat(after.value("glassplate_audit_witnesses", Map.of())).isZero();
    assertThat(after.value("glassplate_audit_witness_cosign_age_seconds", Map.of())).isNaN();

    assertThat(after.value("glassplate_self_audit_ok", Map.of())).isEqualTo(selfAuditStatus.equals("OK") ? 1 : 0);
    assertThat(after.value("glassplate_self_audit_age_seconds", Map.of())).isBetween(0.0, 60.0);
    assertThat(after.delta(before, "glassplate_self_audits_total", Map.of("status", selfAuditStatus,
        "trigger", "ON_DEMAND"))).isEqualTo(1);

    assertThat(after.delta(before, "glassplate_retention_purges_total", Map.of())).isGreaterThanOrEqualTo(1);
    assertThat(after.delta(before, "glassplate_retention_reads_removed_total", Map.of("how", "partition_dropped"))
        + after.delta(before, "glassplate_retention_reads_removed_total", Map.of("how", "row_deleted")))
        .isGreaterThanOrEqualTo(purged.readsRemoved());

    String text = after.text().toLowerCase(Locale.ROOT);
    for (String secret : List.of(plate, otherPlate, caseRan, caseRefused, reasonRan, reasonRefused, note, NAME,
        "Quixley", "immigration", "depot", "m-inv-" + run)) {
      assertThat(text).as("the scrape carries no %s", secret).doesNotContain(secret.toLowerCase(Locale.ROOT));
    }
  }

  @Test
  void theScrapeIsForThisMachineOrTheMetricsToken() throws Exception {
    String token = Files.readString(dataDir.resolve("metrics-token")).strip();
    assertThat(Files.getPosixFilePermissions(dataDir.resolve("metrics-token")))
        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

    assertThat(scrapeAs(null, null).status()).as("from this machine").isEqualTo(200);
    // what a reverse proxy on this machine passes on comes from elsewhere: it needs the token
    Answer forwarded = scrapeAs(null, "203.0.113.7");
    assertThat(forwarded.status()).isEqualTo(401);
    assertThat(forwarded.json().path("error").path("code").stringValue()).isEqualTo("UNAUTHENTICATED");
    assertThat(forwarded.body()).doesNotContain("glassplate_");
    Answer withToken = scrapeAs("Bearer " + token, "203.0.113.7");
    assertThat(withToken.status()).isEqualTo(200);
    assertThat(withToken.body()).contains("glassplate_ingest_reads_total");

    // wrong tokens, from an address of this test's own (refused tokens count per address)
    FromAddress elsewhere = new FromAddress("127.0.0.77", port);
    long mark = refusedTokens("127.0.0.77");
    FromAddress.Answer wrong = elsewhere.get("/actuator/prometheus",
        Map.of("Authorization", "Bearer " + token + "x", "X-Forwarded-For", "203.0.113.7"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body()).doesNotContain("glassplate_");
    FromAddress.Answer wrongLocally = elsewhere.get("/actuator/prometheus", Map.of("Authorization", "Bearer nope"));
    assertThat(wrongLocally.status()).as("a wrong token is refused even from this machine").isEqualTo(401);
    FromAddress.Answer basic = elsewhere.get("/actuator/prometheus", Map.of("Authorization", "Basic " + token));
    assertThat(basic.status()).isEqualTo(401);
    // refused tokens are audited as any unknown token: the first of a minute at once, the next folded into it
    assertThat(refusedTokens("127.0.0.77") - mark).isGreaterThanOrEqualTo(1);

    // the metrics token opens the metrics and nothing else, and no other actuator endpoint is open
    for (String path : List.of("/actuator", "/actuator/metrics", "/actuator/env", "/actuator/beans",
        "/actuator/prometheus/x", "/api/v1/accounts")) {
      assertThat(elsewhere.get(path, Map.of("Authorization", "Bearer " + token)).status())
          .as(path + " with the metrics token").isIn(401, 403, 404);
      assertThat(get(path, null).status()).as(path + " from this machine").isIn(401, 403, 404);
    }
    assertThat(get("/actuator/health", null).status()).isEqualTo(200);
  }

  private long refusedTokens(String address) {
    AuditEntries.awaitSequenced(jdbc);
    return jdbc.sql("SELECT count(*) FROM " + AuditEntries.ALL + " WHERE type_code = :t AND private_fields LIKE :a")
        .param("t", AuditEventTypes.API_TOKEN_REFUSED.code()).param("a", "%\"" + address + "\"%")
        .query(Long.class).single();
  }

  private ObjectNode search(String plate, String caseNumber, String reason) {
    ObjectNode b = JSON.createObjectNode();
    b.put("plate", plate);
    b.put("from", clock.instant().minus(Duration.ofDays(1)).toString());
    b.put("to", clock.instant().plus(Duration.ofMinutes(1)).toString());
    b.put("caseNumber", caseNumber);
    b.put("offense", "ROBBERY");
    b.put("reason", reason);
    return b;
  }

  private Answer scrapeAs(String authorization, String forwardedFor) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus")).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (forwardedFor != null) {
      b.header("X-Forwarded-For", forwardedFor);
    }
    return send(b.build());
  }

  private Scrape scrape() {
    Answer a = scrapeAs(null, null);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return Scrape.parse(a.body());
  }

  /** A Prometheus text exposition, parsed into samples. */
  record Scrape(String text, List<Sample> samples) {
    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static Scrape parse(String text) {
      List<Sample> out = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        Matcher m = LINE.matcher(line);
        assertThat(m.matches()).as("a sample line: %s", line).isTrue();
        Map<String, String> labels = new LinkedHashMap<>();
        if (m.group(3) != null) {
          Matcher l = LABEL.matcher(m.group(3));
          while (l.find()) {
            labels.put(l.group(1), l.group(2));
          }
        }
        out.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4).replace("+Inf", "Infinity")
            .replace("-Inf", "-Infinity"))));
      }
      return new Scrape(text, out);
    }

    /** The one sample of this name whose labels include these; fails when there is none or several. */
    double value(String name, Map<String, String> labels) {
      List<Sample> found = samples.stream().filter(s -> s.name().equals(name))
          .filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
      assertThat(found).as("%s%s in the scrape", name, labels).hasSize(1);
      return found.get(0).value();
    }

    double delta(Scrape before, String name, Map<String, String> labels) {
      return value(name, labels) - before.value(name, labels);
    }
  }
}
