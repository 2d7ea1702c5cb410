package org.glassplate.server.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.core.Roles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The public page follows the live system at once (issue 7). */
class TransparencyChangesIT extends IntegrationTest {
  private static final Pattern FIGURE = Pattern.compile("data-figure=\"([^\"]+)\">([^<]*)</span>");

  @Autowired
  AccountSeeder seeder;
  @Autowired
  org.glassplate.server.policy.Policies policies;
  @Autowired
  org.glassplate.server.policy.PolicyProposals proposals;
  @Autowired
  TransparencyReport report;

  /** Tests share one application: put the default retention back for the others. */
  @org.junit.jupiter.api.AfterEach
  void retentionBack() {
    org.glassplate.server.support.PolicyChanges.apply(policies, proposals,
        org.glassplate.server.support.PolicyChanges.set("retention", "nonHit", "P30D"));
  }

  /** The figures of the HTML page, by JSON path (HTML entities undone). */
  private Map<String, String> pageFigures() {
    Answer page = get("/transparency", null);
    assertThat(page.status()).isEqualTo(200);
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = FIGURE.matcher(page.body());
    while (m.find()) {
      out.put(m.group(1), m.group(2).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
          .replace("&quot;", "\"").replace("&#39;", "'"));
    }
    return out;
  }

  @Autowired
  org.glassplate.server.reads.Cameras cameras;

  @Autowired
  org.glassplate.server.audit.AuditLog auditLog;

  /** Waits until the sequencer has signed everything recorded so far. */
  private long awaitSigned() throws InterruptedException {
    long pending;
    java.time.Instant until = java.time.Instant.now().plusSeconds(20);
    do {
      Thread.sleep(200);
      pending = jdbc.sql("SELECT count(*) FROM audit_pending").query(Long.class).single();
    } while (pending > 0 && java.time.Instant.now().isBefore(until));
    long size;
    long total = jdbc.sql("SELECT count(*) FROM audit_entry").query(Long.class).single();
    do {
      Thread.sleep(200);
      size = auditLog.size();
    } while (size < total && java.time.Instant.now().isBefore(until));
    return size;
  }

  private static long figure(Map<String, String> figures, String path) {
    String v = figures.get(path);
    return v == null ? 0 : Long.parseLong(v.replace(",", ""));
  }

  @Test
  void aRefusedSearchRaisesTheRefusedCountAndItsReasonCodeByOne() throws Exception {
    String investigator = seeder.seed(AccountSeeder.Spec.of("tp-investigator", "Ivo Investigator", Roles.INVESTIGATOR))
        .apiToken();
    String offense = get("/api/v1/policy", null).json().path("offenses").get(0).path("code").stringValue();
    awaitSigned();
    report.forgetFigures(); // figures computed afresh, none left from another test
    Map<String, String> before = pageFigures();
    assertThat(before).containsKey("searches.refusedLast30Days");

    Answer refused = post("/api/v1/searches", investigator, """
        {"plate":"7ABC123","from":"%s","to":"%s","caseNumber":"TP-2026-0042","offense":"%s",
         "reason":"assist ICE with a detainer"}""".formatted(clock.instant().minusSeconds(86_400), clock.instant(), offense));
    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(refused.json().path("error").path("code").stringValue()).isEqualTo("PROHIBITED_PURPOSE");
    awaitSigned();
    clock.advance(TransparencyReport.FIGURES_MAX_AGE.plusSeconds(1)); // the figures are at most this old

    Map<String, String> after = pageFigures();
    assertThat(figure(after, "searches.refusedLast30Days")).isEqualTo(figure(before, "searches.refusedLast30Days") + 1);
    assertThat(figure(after, "searches.refusedByReason.PROHIBITED_PURPOSE"))
        .isEqualTo(figure(before, "searches.refusedByReason.PROHIBITED_PURPOSE") + 1);
    assertThat(figure(after, "searches.last30Days")).isEqualTo(figure(before, "searches.last30Days"));
    JsonNode twin = get("/transparency.json", null).json();
    assertThat(twin.path("searches").path("refusedByReason").path("PROHIBITED_PURPOSE").longValue())
        .isEqualTo(figure(after, "searches.refusedByReason.PROHIBITED_PURPOSE"));
  }

  @Test
  void csvHasOneRowPerPublicEntryAndNoPersonalData() throws Exception {
    String plate = "QX7ZK91";
    String name = "Wilhelmina Quattrocchi";
    seeder.seed(AccountSeeder.Spec.of("tp-csv-person", name, Roles.INVESTIGATOR));
    var cam = cameras.register("CSV cam", 36.7, -119.7, null);
    post("/api/v1/reads", cam.token(), """
        {"reads":[{"plate":"%s","state":"CA","capturedAt":"%s"}]}""".formatted(plate, clock.instant()));
    long signed = awaitSigned();

    Answer csv = get("/transparency/audit.csv", null);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    long covered = Long.parseLong(csv.headers().firstValue("X-Audit-Log-Size").orElseThrow());
    assertThat(covered).isGreaterThanOrEqualTo(signed).isPositive();
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0]).isEqualTo("index,time,agency,roles,type,outcome,offense,reasonCategory,reasonCode,"
        + "caseNumberPresent,resultCount,camerasCovered,onBehalfOf");
    assertThat(lines).hasSize((int) covered + 1);
    for (int i = 1; i < lines.length; i++) {
      assertThat(lines[i]).startsWith((i - 1) + ",");
    }
    assertThat(csv.body()).doesNotContain(plate).doesNotContain("Wilhelmina").doesNotContain("Quattrocchi")
        .doesNotContain("tp-csv-person").doesNotContain("127.0.0.1");
    assertThat(csv.body()).contains("READS_INGESTED").contains("ACCOUNT_CREATED");
  }

  @Test
  void theAuditBrowserPagesNewestFirstAndLinksEachEntryToItsInclusionProof() throws Exception {
    var cam = cameras.register("Browser cam", 36.7, -119.7, null);
    for (int i = 0; i < TransparencyReport.AUDIT_PAGE + 5; i++) {
      post("/api/v1/reads", cam.token(), """
          {"reads":[{"plate":"AB%03d","state":"CA","capturedAt":"%s"}]}""".formatted(i, clock.instant()));
    }
    long size = awaitSigned();
    assertThat(size).isGreaterThan(TransparencyReport.AUDIT_PAGE);
    JsonNode first = get("/transparency.json", null).json().path("audit").path("browse");
    assertThat(first.path("entries")).hasSize(TransparencyReport.AUDIT_PAGE);
    long top = first.path("entries").get(0).path("index").longValue();
    assertThat(top).isEqualTo(size - 1);
    assertThat(first.path("entries").get(1).path("index").longValue()).isEqualTo(top - 1);
    String proof = first.path("entries").get(0).path("inclusionProof").stringValue();
    Answer p = get(proof, null);
    assertThat(p.status()).as(proof).isEqualTo(200);
    assertThat(p.json().path("index").longValue()).isEqualTo(top);

    Answer older = get("/transparency?auditBefore=" + (top - TransparencyReport.AUDIT_PAGE), null);
    assertThat(older.body()).contains("data-figure=\"audit.browse.entries.0.index\">"
        + String.format(java.util.Locale.ROOT, "%,d", top - TransparencyReport.AUDIT_PAGE) + "<");
    assertThat(older.body()).contains("/api/v1/audit/proof/inclusion?index=" + (top - TransparencyReport.AUDIT_PAGE));
  }

  @Test
  void anApprovedPolicyChangeShowsAtOnceWithItsRetentionAndHash() {
    String first = seeder.seed(AccountSeeder.Spec.of("tp-admin-a", "Admin A", Roles.ADMINISTRATOR)).apiToken();
    String second = seeder.seed(AccountSeeder.Spec.of("tp-admin-b", "Admin B", Roles.ADMINISTRATOR)).apiToken();
    Map<String, String> before = pageFigures();
    assertThat(before.get("retention.nonHit")).isEqualTo("30 days");

    JsonNode policy = get("/api/v1/policy", null).json();
    String changed = policy.path("document").stringValue().replace("nonHit: P30D", "nonHit: P7D");
    assertThat(changed).isNotEqualTo(policy.path("document").stringValue());
    ObjectNode proposal = JSON.createObjectNode();
    proposal.put("document", changed);
    proposal.put("note", "shorter retention for reads without a hit");
    Answer proposed = post("/api/v1/policy/proposals", first, proposal.toString());
    assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
    long id = proposed.json().path("id").longValue();

    Answer approved = post("/api/v1/policy/proposals/" + id + "/approvals", second, "{\"note\":\"agreed\"}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().path("activated").booleanValue()).isTrue();

    Map<String, String> after = pageFigures();
    JsonNode twin = get("/transparency.json", null).json();
    JsonNode current = get("/api/v1/policy", null).json();
    assertThat(after.get("retention.nonHit")).isEqualTo("7 days");
    assertThat(twin.path("retention").path("nonHit").stringValue()).isEqualTo("7 days");
    assertThat(after.get("policy.sha256")).isEqualTo(current.path("sha256").stringValue())
        .isNotEqualTo(before.get("policy.sha256"));
    assertThat(after.get("policy.version")).isEqualTo(String.valueOf(current.path("version").intValue()));
    assertThat(Integer.parseInt(after.get("policy.version"))).isEqualTo(Integer.parseInt(before.get("policy.version")) + 1);
  }
}
