package org.glassplate.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.glassplate.log.verify.ExportVerificationException;
import org.glassplate.log.verify.ExportVerifier;
import org.glassplate.log.verify.ExportVerifyCommand;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.core.Roles;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance of issue 14 item 5 (R-SHR-4, R-SHR-2, R-ACC-7, R-AUD-1): a written request goes from
 * record to a second supervisor's approval to an export whose proofs verify with glassplate-log alone;
 * forbidden recipients and prohibited purposes are refused and kept on file; every step is audited,
 * with names, case numbers, purposes and plates only in private fields.
 */
class DataRequestsIT extends IntegrationTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String CASE = "2026-004417";
  private static final String REQUESTER = "Dana Quillfeather";
  private static final String PURPOSE = "armed robbery of a pharmacy, suspect vehicle seen leaving northbound";

  @Autowired
  AccountSeeder seeder;

  @Autowired
  Cameras cameras;

  String recorder;
  String reviewer;
  String recorderActor;
  String cameraToken;

  @BeforeEach
  void twoSupervisorsAndACamera() {
    String n = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L));
    AccountSeeder.SeededUser one = seeder.seed(AccountSeeder.Spec.of("dr-rec-" + n, "Rec Order", Roles.SUPERVISOR));
    AccountSeeder.SeededUser two = seeder.seed(AccountSeeder.Spec.of("dr-rev-" + n, "Rev Iewer", Roles.SUPERVISOR));
    recorder = one.apiToken();
    reviewer = two.apiToken();
    recorderActor = "user:" + one.id();
    cameraToken = cameras.register("Data request cam", 37.8, -122.27, 90).token();
  }

  private static String plate() {
    StringBuilder sb = new StringBuilder("DR");
    for (int i = 0; i < 5; i++) {
      sb.append("ACEFHJKLMNPRTUVWXY".charAt(ThreadLocalRandom.current().nextInt(18)));
    }
    return sb.toString();
  }

  private void ingest(String plate, int count) {
    StringBuilder reads = new StringBuilder();
    for (int i = 0; i < count; i++) {
      reads.append(i == 0 ? "" : ",").append("""
          {"plate":"%s","state":"CA","capturedAt":"%s","vehicle":{"make":"Toyota","color":"blue","type":"sedan"}}"""
          .formatted(plate, clock.instant().minus(Duration.ofMinutes(10 + i))));
    }
    Answer a = post("/api/v1/reads", cameraToken, "{\"reads\":[" + reads + "]}");
    assertThat(a.json().path("accepted").intValue()).as(a.body()).isEqualTo(count);
  }

  private String body(String agencyName, String state, String kind, String purpose, String platesJson) {
    return """
        {"agency":{"name":"%s","state":"%s","kind":"%s"},
         "requester":{"name":"%s","title":"Detective","contact":"dq@oaklandca.gov"},
         "purpose":"%s","caseNumber":"%s","offense":"ROBBERY","plates":%s,
         "from":"%s","to":"%s","receivedAt":"%s","documentReference":"DR-FILE-2026-17"}"""
        .formatted(agencyName, state, kind, REQUESTER, purpose, CASE, platesJson,
            clock.instant().minus(Duration.ofHours(2)), clock.instant().plus(Duration.ofMinutes(1)),
            clock.instant().minus(Duration.ofHours(1)));
  }

  private List<JsonNode> since(AuditEventType type, long requestId) {
    return audited(type).stream().filter(e -> e.path("requestId").asLong(-1) == requestId).toList();
  }

  private record Zip(int status, byte[] body, java.net.http.HttpHeaders headers) {
  }

  private Zip export(long id, String token) {
    HttpRequest r = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/data-requests/" + id + "/export"))
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build();
    try {
      HttpResponse<byte[]> a = CLIENT.send(r, HttpResponse.BodyHandlers.ofByteArray());
      return new Zip(a.statusCode(), a.body(), a.headers());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void aWrittenRequestGoesFromRecordToApprovalToAnExportThatGlassplateLogVerifies(@TempDir Path dir) throws Exception {
    String asked = plate();
    String other = plate();
    ingest(asked, 2);
    ingest(other, 1);

    Answer recorded = post("/api/v1/data-requests", recorder,
        body("Oakland Police Department", "CA", "local", PURPOSE, "[\"" + asked + "\"]"));
    assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
    assertThat(recorded.json().path("status").stringValue()).isEqualTo("RECORDED");
    long id = recorded.json().path("id").longValue();
    assertThat(since(DataRequestAuditTypes.DATA_REQUEST_RECORDED, id)).singleElement().satisfies(e -> {
      assertThat(e.path("actor").stringValue()).isEqualTo(recorderActor);
      assertThat(e.path("agencyKind").stringValue()).isEqualTo("local");
      assertThat(e.path("offense").stringValue()).isEqualTo("ROBBERY");
      assertThat(e.path("plateCount").intValue()).isEqualTo(1);
      assertThat(e.toString()).doesNotContain(asked, CASE, REQUESTER, "pharmacy", "Oakland");
    });

    // not yet approved: nothing leaves
    Zip early = export(id, reviewer);
    assertThat(early.status()).isEqualTo(409);
    assertThat(new String(early.body(), StandardCharsets.UTF_8)).contains("NOT_APPROVED");

    // the recorder cannot approve their own request
    Answer own = post("/api/v1/data-requests/" + id + "/approval", recorder, "{\"note\":\"fine\"}");
    assertThat(own.status()).as(own.body()).isEqualTo(403);
    assertThat(own.json().path("error").path("code").stringValue()).isEqualTo("SAME_PERSON");
    assertThat(since(DataRequestAuditTypes.DATA_REQUEST_REFUSED, id)).extracting(
            e -> e.path("action").stringValue() + ":" + e.path("reasonCode").stringValue())
        .containsExactly("export:NOT_APPROVED", "approve:SAME_PERSON");

    Answer approved = post("/api/v1/data-requests/" + id + "/approval", reviewer, "{\"note\":\"checked the letter\"}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().path("status").stringValue()).isEqualTo("APPROVED");
    assertThat(since(DataRequestAuditTypes.DATA_REQUEST_APPROVED, id)).hasSize(1);

    Zip zip = export(id, reviewer);
    assertThat(zip.status()).as(new String(zip.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
    String zipSha = sha256(zip.body());
    assertThat(zip.headers().firstValue("X-Glassplate-Package-Sha256")).hasValue(zipSha);

    // the release is audited with the package's SHA-256, the export with the reads' count
    assertThat(since(DataRequestAuditTypes.DATA_REQUEST_EXPORTED, id)).singleElement().satisfies(e -> {
      assertThat(e.path("resultCount").intValue()).isEqualTo(2);
      assertThat(e.toString()).doesNotContain(asked, CASE);
    });
    assertThat(since(DataRequestAuditTypes.DATA_REQUEST_RELEASED, id)).singleElement()
        .satisfies(e -> assertThat(e.path("packageSha256").stringValue()).isEqualTo(zipSha));

    // glassplate-log alone, with the key the agency publishes
    String key = get("/api/v1/audit/key", null).body().strip();
    ExportVerifier.VerifiedExport v = ExportVerifier.verify(zip.body(), key);
    assertThat(v.requestId()).isEqualTo(id);
    JsonNode history = get("/api/v1/data-requests/" + id, reviewer).json().path("history");
    assertThat(history.valueStream().map(h -> h.path("action").stringValue()).toList())
        .containsExactly("RECORDED", "APPROVED", "EXPORTED", "RELEASED");
    assertThat(v.entries()).containsExactly(history.get(0).path("auditIndex").longValue(),
        history.get(1).path("auditIndex").longValue(), history.get(2).path("auditIndex").longValue());
    assertThat(v.exportIndex()).isEqualTo(Long.parseLong(zip.headers().firstValue("X-Glassplate-Export-Audit-Index")
        .orElseThrow()));
    Map<String, byte[]> files = ExportVerifier.unzip(zip.body());
    String csv = new String(files.get("reads.csv"), StandardCharsets.UTF_8);
    assertThat(csv.lines().skip(1)).hasSize(2).allSatisfy(line -> assertThat(line)
        .contains("," + asked + ",CA,", "Data request cam", "37.8", "-122.27", "Toyota"));
    assertThat(csv).doesNotContain(other);

    // the command an outside party runs
    Path file = dir.resolve("package.zip");
    Files.write(file, zip.body());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = ExportVerifyCommand.run(new String[] {"audit", "verify-export", file.toString(), "--key", key},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
    assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("OK request=" + id + " ");

    // tampering is caught: the reads, an entry, the key
    Map<String, byte[]> reads = new LinkedHashMap<>(files);
    reads.put("reads.csv", csv.replace(asked, other).getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ExportVerifier.verify(reads, key)).isInstanceOf(ExportVerificationException.class)
        .hasMessageStartingWith("reads.csv: sha256 expected");

    String entryPath = "audit/" + v.exportIndex() + ".entry";
    Map<String, byte[]> entry = new LinkedHashMap<>(files);
    byte[] altered = new String(files.get(entryPath), StandardCharsets.UTF_8).replace("\"resultCount\":2",
        "\"resultCount\":1").getBytes(StandardCharsets.UTF_8);
    entry.put(entryPath, altered);
    String manifest = new String(files.get("MANIFEST.json"), StandardCharsets.UTF_8)
        .replace(sha256(files.get(entryPath)), sha256(altered)); // a careful forger fixes the manifest too
    entry.put("MANIFEST.json", manifest.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ExportVerifier.verify(entry, key)).isInstanceOf(ExportVerificationException.class)
        .hasMessageStartingWith(entryPath + ": not in the signed tree");

    Map<String, byte[]> swapped = new LinkedHashMap<>(files);
    byte[] otherCsv = csv.replace(asked, other).getBytes(StandardCharsets.UTF_8);
    swapped.put("reads.csv", otherCsv);
    swapped.put("MANIFEST.json", new String(files.get("MANIFEST.json"), StandardCharsets.UTF_8)
        .replace(sha256(files.get("reads.csv")), sha256(otherCsv)).getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ExportVerifier.verify(swapped, key)).isInstanceOf(ExportVerificationException.class)
        .hasMessageContaining("named by no DATA_REQUEST_EXPORTED entry");

    String otherKey = "other+0a0b0c0d+" + java.util.Base64.getEncoder().encodeToString(new byte[33]);
    assertThatThrownBy(() -> ExportVerifier.verify(files, otherKey)).isInstanceOf(ExportVerificationException.class)
        .hasMessageStartingWith("verifier-key.txt: expected the trusted key");

    // released again: a second release, audited again
    Zip again = export(id, recorder);
    assertThat(again.status()).isEqualTo(200);
    assertThat(since(DataRequestAuditTypes.DATA_REQUEST_RELEASED, id)).hasSize(2);
    assertThat(ExportVerifier.verify(again.body(), key).entries()).hasSize(5); // recorded, approved, 1st export and release, 2nd export
  }

  @Test
  void theLegalFloorRefusesFederalPrivateAndOutOfStateRequestsAndKeepsThemOnFile() {
    record Case(String name, String state, String kind) {
    }
    for (Case c : List.of(new Case("Federal Bureau of Investigation", "CA", "federal"),
        new Case("Bay Recovery Services", "CA", "private"),
        new Case("Reno Police Department", "NV", "local"),
        new Case("FBI San Francisco field office", "CA", "local"))) {
      Answer a = post("/api/v1/data-requests", recorder, body(c.name(), c.state(), c.kind(), PURPOSE,
          "[\"" + plate() + "\"]"));

      assertThat(a.status()).as(c + ": " + a.body()).isEqualTo(403);
      assertThat(a.json().path("error").path("code").stringValue()).isEqualTo("LEGAL_FLOOR");
      assertThat(a.body()).doesNotContain(c.name());
      JsonNode onFile = get("/api/v1/data-requests", reviewer).json().path("requests").get(0);
      assertThat(onFile.path("status").stringValue()).isEqualTo("REFUSED_BY_FLOOR");
      assertThat(onFile.path("agency").path("name").stringValue()).isEqualTo(c.name());
      assertThat(onFile.path("refusalCode").stringValue()).isEqualTo("LEGAL_FLOOR");
      long id = onFile.path("id").longValue();
      assertThat(since(DataRequestAuditTypes.DATA_REQUEST_REFUSED, id)).singleElement().satisfies(e -> {
        assertThat(e.path("reasonCode").stringValue()).isEqualTo("LEGAL_FLOOR");
        assertThat(e.path("agencyKind").stringValue()).isEqualTo(c.kind());
        assertThat(e.toString()).doesNotContain(c.name(), CASE, REQUESTER);
      });
      assertThat(since(DataRequestAuditTypes.DATA_REQUEST_RECORDED, id)).isEmpty();
      // and it can never be approved
      Answer approval = post("/api/v1/data-requests/" + id + "/approval", reviewer, "{}");
      assertThat(approval.status()).as(approval.body()).isEqualTo(409);
      assertThat(approval.json().path("error").path("code").stringValue()).isEqualTo("NOT_PENDING");
    }
  }

  @Test
  void aProhibitedPurposeIsRefusedAndKeptOnFile() {
    Answer a = post("/api/v1/data-requests", recorder, body("Oakland Police Department", "CA", "local",
        "locate the driver for immigration enforcement", "[\"" + plate() + "\"]"));

    assertThat(a.status()).as(a.body()).isEqualTo(403);
    assertThat(a.json().path("error").path("code").stringValue()).isEqualTo("PROHIBITED_PURPOSE");
    assertThat(a.json().path("error").path("field").stringValue()).isEqualTo("purpose");
    JsonNode onFile = get("/api/v1/data-requests", reviewer).json().path("requests").get(0);
    assertThat(onFile.path("status").stringValue()).isEqualTo("REFUSED_PROHIBITED_PURPOSE");
    long id = onFile.path("id").longValue();
    assertThat(since(DataRequestAuditTypes.DATA_REQUEST_REFUSED, id)).singleElement().satisfies(e -> {
      assertThat(e.path("reasonCode").stringValue()).isEqualTo("PROHIBITED_PURPOSE");
      assertThat(e.path("reasonCategory").stringValue()).isEqualTo("IMMIGRATION");
      assertThat(e.toString()).doesNotContain("immigration enforcement", CASE);
    });
  }

  @Test
  void aDeniedRequestIsKeptOnFileAndNeverExported() {
    Answer recorded = post("/api/v1/data-requests", recorder,
        body("Berkeley Police Department", "CA", "local", PURPOSE, "[]"));
    assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
    long id = recorded.json().path("id").longValue();

    Answer noReason = post("/api/v1/data-requests/" + id + "/denial", reviewer, "{}");
    assertThat(noReason.status()).isEqualTo(422);
    assertThat(noReason.json().path("error").path("field").stringValue()).isEqualTo("reason");
    Answer denied = post("/api/v1/data-requests/" + id + "/denial", reviewer, "{\"reason\":\"no case tie shown\"}");
    assertThat(denied.status()).as(denied.body()).isEqualTo(200);
    assertThat(denied.json().path("status").stringValue()).isEqualTo("DENIED");
    assertThat(since(DataRequestAuditTypes.DATA_REQUEST_DENIED, id)).singleElement()
        .satisfies(e -> assertThat(e.toString()).doesNotContain("no case tie shown"));

    assertThat(export(id, reviewer).status()).isEqualTo(409);
    assertThat(post("/api/v1/data-requests/" + id + "/approval", reviewer, "{}").status()).isEqualTo(409);
    assertThat(get("/api/v1/data-requests/" + id, reviewer).json().path("status").stringValue()).isEqualTo("DENIED");
  }

  @Test
  void refusesAnInvalidRequestNamingTheFieldAndOtherRoles() {
    record Case(String json, String field) {
    }
    String good = body("Oakland Police Department", "CA", "local", PURPOSE, "[\"" + plate() + "\"]");
    for (Case c : List.of(
        new Case(good.replace("\"caseNumber\":\"" + CASE + "\",", ""), "caseNumber"),
        new Case(good.replace("\"offense\":\"ROBBERY\"", "\"offense\":\"JAYWALKING\""), "offense"),
        new Case(good.replace("\"kind\":\"local\"", "\"kind\":\"county\""), "agency.kind"),
        new Case(good.replaceAll("\"plates\":\\[[^]]*],\\s*\"from\":\"[^\"]*\",\"to\":\"[^\"]*\",", ""), "plates"),
        new Case(good.replaceAll("\"plates\":\\[[^]]*]", "\"plates\":[\"AB!12\"]"), "plates[0]"),
        new Case(good.replaceAll("\"receivedAt\":\"[^\"]*\"", "\"receivedAt\":\"yesterday\""), "receivedAt"),
        new Case(good.replaceAll("\"from\":\"[^\"]*\"", "\"from\":\"2001-01-01T00:00:00Z\""), "from"))) {
      Answer a = post("/api/v1/data-requests", recorder, c.json());
      assertThat(a.status()).as(c.field() + ": " + a.body()).isEqualTo(422);
      assertThat(a.json().path("error").path("field").stringValue()).isEqualTo(c.field());
    }

    String investigator = seeder.seed(AccountSeeder.Spec.of("dr-inv-" + ThreadLocalRandom.current().nextInt(1_000_000),
        "In Vestigator", Roles.INVESTIGATOR)).apiToken();
    long before = audited(DataRequestAuditTypes.DATA_REQUEST_REFUSED).size();
    Answer a = post("/api/v1/data-requests", investigator, good);
    assertThat(a.status()).isEqualTo(403);
    assertThat(get("/api/v1/data-requests", investigator).status()).isEqualTo(403);
    List<JsonNode> refused = audited(DataRequestAuditTypes.DATA_REQUEST_REFUSED);
    assertThat(refused.subList((int) before, refused.size())).extracting(
        e -> e.path("action").stringValue() + ":" + e.path("reasonCode").stringValue())
        .containsExactly("record:ROLE", "view:ROLE");
  }
}
