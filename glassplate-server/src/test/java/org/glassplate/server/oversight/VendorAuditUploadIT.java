package org.glassplate.server.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Roles;
import org.glassplate.server.support.AuditEntries;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.PageClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * Vendor audit exports uploaded by an auditor over real HTTP (R-GOV-5, issue 17): the real Okaloosa County audit,
 * sent as a multipart form to {@code POST /oversight/vendor-audits}, is imported in the background while
 * {@code GET /api/v1/oversight/vendor-audits/{id}} shows its progress, and ends with the very counts the command
 * line's import finds in it ({@code VendorAuditImportTest}); its report is served to auditors only, every upload and
 * every opening recorded, and neither happens when the audit log cannot record it. A file with bad rows lists them
 * with their lines.
 */
class VendorAuditUploadIT extends IntegrationTest {
  static final String OKALOOSA = "vendor/11_1_2025-12_8_2025-Okaloosa_County_FL_SO-Audit_EXTRACTED.csv";
  static final Duration IMPORT_TIMEOUT = Duration.ofSeconds(90);

  @Autowired
  AccountSeeder seeder;

  @Value("${glassplate.data-dir}")
  Path dataDir;

  AccountSeeder.SeededUser auditor;

  @BeforeEach
  void auditor() {
    auditor = seeder.seed(AccountSeeder.Spec.of("vendor-aud-" + suffix(), "Vera Vendoraudit", Roles.AUDITOR));
  }

  static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  static byte[] fixture(String name) {
    try (var in = VendorAuditUploadIT.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anAuditorUploadsTheOkaloosaAuditAndGetsTheImportsCountsAndItsReport() {
    byte[] okaloosa = fixture(OKALOOSA);
    long mark = mark();

    Answer sent = upload(auditor.apiToken(), null, List.of(new Part("Okaloosa audit.csv", okaloosa)),
        Map.of("format", "auto", "agencyState", ""));

    assertThat(sent.status()).as(sent.body()).isEqualTo(202);
    long id = sent.json().path("id").longValue();
    assertThat(sent.headers().firstValue("Location")).contains("/api/v1/oversight/vendor-audits/" + id);
    JsonNode done = awaitEnd(id, auditor.apiToken());
    assertThat(done.path("status").stringValue()).as(done.toString()).isEqualTo("DONE");
    // the figures VendorAuditImportTest finds in the same file through the command line's import
    assertThat(done.path("rowsRead").longValue()).isEqualTo(7273);
    assertThat(done.path("badRows").longValue()).isZero();
    assertThat(done.path("badRowList").size()).isZero();
    JsonNode findings = done.path("findings");
    assertThat(findings.path("BLANK_REASON").longValue()).isEqualTo(9);
    assertThat(findings.path("LOOKBACK_PAST_RETENTION").longValue()).isEqualTo(463);
    assertThat(findings.path("BROAD_SEARCH").longValue()).isEqualTo(3406);
    assertThat(findings.path("MODERATION_FLAGGED").longValue()).isEqualTo(14);
    assertThat(done.path("findingWords").path("BLANK_REASON").stringValue()).as("each rule in words")
        .isEqualTo("The search was run with no reason typed at all.");
    assertThat(done.path("bytesRead").longValue()).isEqualTo(okaloosa.length);
    assertThat(done.path("bytesTotal").longValue()).isEqualTo(okaloosa.length);
    assertThat(done.path("percent").intValue()).isEqualTo(100);
    assertThat(done.path("files").get(0).path("name").stringValue()).isEqualTo("Okaloosa audit.csv");
    assertThat(done.path("uploadedBy").stringValue()).isEqualTo("user:" + auditor.id());
    assertThat(uploadedFilesLeft()).as("the uploaded file is deleted once read").isEmpty();

    // the report: the page, the findings as CSV and the JSON, each opening recorded before it is sent
    Answer html = get(done.path("report").path("html").stringValue(), auditor.apiToken());
    assertThat(html.status()).isEqualTo(200);
    assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(html.body()).contains("Vendor audit report", "data-figure=\"rows\">7273<", "Okaloosa County FL SO");
    Answer json = get("/oversight/vendor-audits/" + id + "/report.json", auditor.apiToken());
    assertThat(json.status()).isEqualTo(200);
    JsonNode source = json.json().path("sources").get(0);
    assertThat(source.path("rows").longValue()).isEqualTo(7273);
    assertThat(source.path("findings").path("BLANK_REASON").longValue()).isEqualTo(9);
    assertThat(source.path("file").stringValue()).isEqualTo("Okaloosa audit.csv");
    Answer csv = get("/oversight/vendor-audits/" + id + "/findings.csv", auditor.apiToken());
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).isEqualTo("file,row,id,rules");
    assertThat(lines).hasSize(1 + done.path("flagged").intValue());
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Okaloosa audit.csv,4630,").contains("BLANK_REASON"));

    // on the record: the upload (its file names private), the end with its counts, and each opening
    JsonNode uploaded = one(AuditEventTypes.VENDOR_AUDIT_UPLOADED.name(), mark, id);
    assertThat(uploaded.path("actor").stringValue()).isEqualTo("user:" + auditor.id());
    assertThat(uploaded.path("fileCount").intValue()).isEqualTo(1);
    assertThat(uploaded.path("bytes").longValue()).isEqualTo(okaloosa.length);
    assertThat(uploaded.path("format").stringValue()).isEqualTo("auto");
    assertThat(uploaded.toString()).doesNotContain("Okaloosa");
    JsonNode imported = one(AuditEventTypes.VENDOR_AUDIT_IMPORTED.name(), mark, id);
    assertThat(imported.path("outcome").stringValue()).isEqualTo("SUCCESS");
    assertThat(imported.path("rows").longValue()).isEqualTo(7273);
    assertThat(imported.path("findings").path("BLANK_REASON").longValue()).isEqualTo(9);
    assertThat(entries(AuditEventTypes.VENDOR_AUDIT_REPORT_OPENED.name(), mark)).extracting(
        e -> e.path("importId").longValue() + " " + e.path("file").stringValue() + " " + e.path("actor").stringValue())
        .containsExactly(id + " report.html user:" + auditor.id(), id + " report.json user:" + auditor.id(),
            id + " findings.csv user:" + auditor.id());

    // the auditors' page lists it: who (by name), the file, the rows, the flagged searches and that it is done
    PageClient pages = new PageClient(baseUrl(), auditor.apiToken());
    Answer list = pages.page("/oversight/vendor-audits");
    assertThat(list.status()).isEqualTo(200);
    String row = list.body().substring(list.body().indexOf("id=\"import-" + id + "\""));
    row = row.substring(0, row.indexOf("</tr>"));
    assertThat(row).contains("data-status=\"DONE\"", "Vera Vendoraudit", "Okaloosa audit.csv", ">7273<",
        ">" + done.path("flagged").longValue() + "<", "done").doesNotContain("user:");
    assertThat(list.body()).contains("enctype=\"multipart/form-data\"", "name=\"_csrf\"", "href=\"/oversight/vendor-audits\"");
    Answer one = pages.page("/oversight/vendor-audits/" + id);
    assertThat(one.body()).contains("id=\"report-html\"", "7,273 rows read, 0 bad rows, 100%", "BLANK_REASON");
    assertThat(one.body()).as("the rule in words, its code muted beside them")
        .contains("no reason typed at all. <span class=\"code\">BLANK_REASON</span>");
  }

  @Test
  void aFileWithBadRowsListsEachWithItsLineAndTheGoodRowsAreRead() {
    List<String> real = new String(fixture(OKALOOSA), StandardCharsets.UTF_8).lines().limit(21).toList();
    assertThat(real.get(0)).startsWith("ID,Org_Name,Total_Networks_Searched");
    List<String> lines = new ArrayList<>(real);
    String[] cells = lines.get(3).split(",", -1);
    cells[2] = "many"; // line 4: the networks searched is no number
    lines.set(3, String.join(",", cells));
    lines.add(5, "only,three,cells"); // line 6
    byte[] file = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);

    // through the page's form, with its CSRF token: the browser is sent on to the upload's page
    Answer sent = upload(auditor.apiToken(), "text/html", List.of(new Part("with bad rows.csv", file)),
        Map.of("format", "okaloosa", "agencyState", "FL", "retentionDays", "90"));
    assertThat(sent.status()).as(sent.body()).isEqualTo(303);
    String location = sent.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches(".*/oversight/vendor-audits/\\d+$");
    long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    JsonNode done = awaitEnd(id, auditor.apiToken());

    assertThat(done.path("status").stringValue()).as(done.toString()).isEqualTo("DONE");
    assertThat(done.path("rowsRead").longValue()).isEqualTo(21);
    assertThat(done.path("badRows").longValue()).isEqualTo(2);
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < done.path("badRowList").size(); i++) {
      JsonNode b = done.path("badRowList").get(i);
      bad.add(b.path("file").stringValue() + ":" + b.path("line").longValue() + ": " + b.path("message").stringValue());
    }
    assertThat(bad).containsExactly(
        "with bad rows.csv:4: the networks searched is not a whole number",
        "with bad rows.csv:6: it has 3 cells where the header has 10");
    assertThat(done.path("format").stringValue()).isEqualTo("okaloosa");
    assertThat(done.path("retentionDays").intValue()).isEqualTo(90);
    Answer page = new PageClient(baseUrl(), auditor.apiToken()).page("/oversight/vendor-audits/" + id);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Rows that could not be read", "<td data-label=\"Line\">4</td>",
        "the networks searched is not a whole number", "<td data-label=\"Line\">6</td>",
        "it has 3 cells where the header has 10", "2 bad rows");
  }

  @Test
  void badOptionsAreRefusedNamingTheFieldAndNothingIsKept() {
    long before = imports();
    byte[] file = fixture(OKALOOSA);
    for (Map.Entry<String, String> bad : Map.of("format", "excel", "agencyState", "Atlantis", "retentionDays", "-3")
        .entrySet()) {
      Answer a = upload(auditor.apiToken(), null, List.of(new Part("a.csv", file)), Map.of(bad.getKey(), bad.getValue()));
      assertThat(a.status()).as(a.body()).isEqualTo(422);
      assertThat(a.json().path("error").path("field").stringValue()).isEqualTo(bad.getKey());
    }
    Answer none = upload(auditor.apiToken(), null, List.of(), Map.of("format", "auto"));
    assertThat(none.status()).as(none.body()).isEqualTo(422);
    assertThat(none.json().path("error").path("field").stringValue()).isEqualTo("files");
    // a browser is shown the form again with the refusal, never a 500
    Answer page = upload(auditor.apiToken(), "text/html", List.of(new Part("a.csv", file)), Map.of("format", "excel"));
    assertThat(page.status()).isEqualTo(422);
    assertThat(page.body()).contains("id=\"refusal\"", "id=\"upload-form\"", "format");
    assertThat(imports()).isEqualTo(before);
    assertThat(uploadedFilesLeft()).isEmpty();
  }

  @Test
  void anUploadLargerThanTheLimitIsRefusedBeforeItsBodyIsRead() throws Exception {
    long before = imports();
    try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(("POST /oversight/vendor-audits HTTP/1.1\r\nHost: localhost\r\n"
          + "Authorization: Bearer " + auditor.apiToken() + "\r\n"
          + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 600000000\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          StandardCharsets.US_ASCII)).readLine();
      assertThat(status).startsWith("HTTP/1.1 413");
    }
    assertThat(imports()).isEqualTo(before);
    // 2 MiB is every other endpoint's limit; an export of 2.5 MB goes through here
    byte[] big = (new String(fixture(OKALOOSA), StandardCharsets.UTF_8) + new String(fixture(OKALOOSA),
        StandardCharsets.UTF_8).lines().skip(1).reduce((a, b) -> a + "\n" + b).orElseThrow() + "\n")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(big.length).isGreaterThan(2 * 1024 * 1024);
    Answer sent = upload(auditor.apiToken(), null, List.of(new Part("twice.csv", big)), Map.of());
    assertThat(sent.status()).as(sent.body()).isEqualTo(202);
    JsonNode done = awaitEnd(sent.json().path("id").longValue(), auditor.apiToken());
    assertThat(done.path("rowsRead").longValue()).isEqualTo(2 * 7273);
    assertThat(done.path("findings").path("BLANK_REASON").longValue()).isEqualTo(18);
  }

  @Test
  void investigatorsAndOperatorsAreRefusedTheUploadTheProgressAndTheReportAndTheRefusalsAreRecorded() {
    Answer sent = upload(auditor.apiToken(), null, List.of(new Part("small.csv", smallOkaloosa())), Map.of());
    long id = sent.json().path("id").longValue();
    assertThat(awaitEnd(id, auditor.apiToken()).path("status").stringValue()).isEqualTo("DONE");
    AccountSeeder.SeededUser investigator = seeder.seed(AccountSeeder.Spec.of("vendor-inv-" + suffix(), "Ivo Inv",
        Roles.INVESTIGATOR));
    AccountSeeder.SeededUser operator = seeder.seed(AccountSeeder.Spec.of("vendor-op-" + suffix(), "Opal Op",
        Roles.OPERATOR));
    long mark = mark();
    long before = imports();

    for (AccountSeeder.SeededUser u : List.of(investigator, operator)) {
      Answer up = upload(u.apiToken(), null, List.of(new Part("small.csv", smallOkaloosa())), Map.of());
      assertThat(up.status()).as(up.body()).isEqualTo(403);
      assertThat(up.json().path("error").path("code").stringValue()).isEqualTo("FORBIDDEN");
      Answer report = get("/oversight/vendor-audits/" + id + "/report.html", u.apiToken());
      assertThat(report.status()).isEqualTo(403);
      assertThat(report.body()).doesNotContain("Okaloosa");
      assertThat(get("/api/v1/oversight/vendor-audits/" + id, u.apiToken()).status()).isEqualTo(403);
      Answer page = new PageClient(baseUrl(), u.apiToken()).page("/oversight/vendor-audits");
      assertThat(page.status()).isEqualTo(403);
      assertThat(page.body()).contains("Not open to you").doesNotContain("upload-form");
    }

    assertThat(imports()).isEqualTo(before);
    assertThat(entries(AuditEventTypes.VENDOR_AUDIT_REFUSED.name(), mark)).extracting(
        e -> e.path("actor").stringValue() + " " + e.path("action").stringValue() + " " + e.path("reasonCode").stringValue())
        .containsExactly("user:" + investigator.id() + " upload ROLE", "user:" + investigator.id() + " open_report ROLE",
            "user:" + investigator.id() + " view_import ROLE", "user:" + operator.id() + " upload ROLE",
            "user:" + operator.id() + " open_report ROLE", "user:" + operator.id() + " view_import ROLE");
    assertThat(entries(AuditEventTypes.VENDOR_AUDIT_REPORT_OPENED.name(), mark)).isEmpty();
  }

  @Test
  void whenTheAuditLogCannotRecordNoImportStartsAndNoReportIsShown() {
    Answer sent = upload(auditor.apiToken(), null, List.of(new Part("small.csv", smallOkaloosa())), Map.of());
    long id = sent.json().path("id").longValue();
    assertThat(awaitEnd(id, auditor.apiToken()).path("status").stringValue()).isEqualTo("DONE");
    long before = imports();
    long mark = mark();

    jdbc.sql("""
        CREATE FUNCTION test_vendor_audit_unwritable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit storage is unwritable (test)'; END $$""").update();
    jdbc.sql("""
        CREATE TRIGGER test_vendor_audit_unwritable BEFORE INSERT ON audit_pending
        FOR EACH ROW EXECUTE FUNCTION test_vendor_audit_unwritable()""").update();
    try {
      Answer up = upload(auditor.apiToken(), null, List.of(new Part("small.csv", smallOkaloosa())), Map.of());
      assertThat(up.status()).as(up.body()).isEqualTo(503);
      assertThat(up.json().path("error").path("code").stringValue()).isEqualTo("AUDIT_UNAVAILABLE");
      Answer report = get("/oversight/vendor-audits/" + id + "/report.html", auditor.apiToken());
      assertThat(report.status()).isEqualTo(503);
      assertThat(report.body()).doesNotContain("Okaloosa").doesNotContain("Vendor audit report");
    } finally {
      jdbc.sql("DROP TRIGGER test_vendor_audit_unwritable ON audit_pending").update();
      jdbc.sql("DROP FUNCTION test_vendor_audit_unwritable()").update();
    }
    assertThat(imports()).as("no import stored, none started").isEqualTo(before);
    assertThat(uploadedFilesLeft()).isEmpty();
    assertThat(entries(AuditEventTypes.VENDOR_AUDIT_UPLOADED.name(), mark)).isEmpty();
    assertThat(entries(AuditEventTypes.VENDOR_AUDIT_REPORT_OPENED.name(), mark)).isEmpty();
    assertThat(get("/oversight/vendor-audits/" + id + "/report.html", auditor.apiToken()).status()).isEqualTo(200);
  }

  // ---- support ----------------------------------------------------------------------------------------------------

  /** The header and 50 rows of the real Okaloosa audit. */
  static byte[] smallOkaloosa() {
    return (new String(fixture(OKALOOSA), StandardCharsets.UTF_8).lines().limit(51)
        .reduce((a, b) -> a + "\n" + b).orElseThrow() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  record Part(String filename, byte[] bytes) {
  }

  /**
   * A multipart form as a browser sends it: the files under {@code files}, then the fields. Without {@code accept}, as
   * a script does, to {@code POST /api/v1/oversight/vendor-audits} with the bearer token alone; with
   * {@code text/html}, as the page's form does: the page first (its cookie and CSRF token), then
   * {@code POST /oversight/vendor-audits} with the token in {@code _csrf}, redirects not followed.
   */
  Answer upload(String token, String accept, List<Part> files, Map<String, String> fields) {
    Map<String, String> all = new java.util.LinkedHashMap<>(fields);
    java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
        .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
    String path = "/api/v1/oversight/vendor-audits";
    if (accept != null) {
      path = "/oversight/vendor-audits";
      HttpRequest page = HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", "text/html")
          .header("Authorization", "Bearer " + token).GET().build();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
          .matcher(sendWith(client, page).body());
      assertThat(m.find()).as("the page's CSRF token").isTrue();
      all.put("_csrf", m.group(1));
    }
    String boundary = "----glassplate" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Part p : files) {
      write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + p.filename()
          + "\"\r\nContent-Type: text/csv\r\n\r\n");
      body.writeBytes(p.bytes());
      write(body, "\r\n");
    }
    all.forEach((k, v) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
        + "\"\r\n\r\n" + v + "\r\n"));
    write(body, "--" + boundary + "--\r\n");
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (accept != null) {
      b.header("Accept", accept);
    }
    return sendWith(client, b.build());
  }

  private static Answer sendWith(java.net.http.HttpClient client, HttpRequest request) {
    try {
      java.net.http.HttpResponse<String> r = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Polls the import's JSON until it is done or failed; its progress never goes back meanwhile. */
  JsonNode awaitEnd(long id, String token) {
    long deadline = System.nanoTime() + IMPORT_TIMEOUT.toNanos();
    long lastBytes = -1;
    while (true) {
      Answer a = get("/api/v1/oversight/vendor-audits/" + id, token);
      assertThat(a.status()).as(a.body()).isEqualTo(200);
      JsonNode j = a.json();
      assertThat(j.path("bytesRead").longValue()).isGreaterThanOrEqualTo(lastBytes);
      lastBytes = j.path("bytesRead").longValue();
      String status = j.path("status").stringValue();
      if (status.equals("DONE") || status.equals("FAILED")) {
        return j;
      }
      assertThat(System.nanoTime()).as("import %d ended within %s: %s", id, IMPORT_TIMEOUT, j).isLessThan(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  List<Path> uploadedFilesLeft() {
    Path uploads = dataDir.resolve("vendor-audits").resolve("uploads");
    if (!Files.exists(uploads)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(uploads)) {
      return s.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long imports() {
    return jdbc.sql("SELECT count(*) FROM vendor_audit_import").query(Long.class).single();
  }

  long mark() {
    return jdbc.sql("SELECT coalesce(max(id), 0) FROM " + AuditEntries.ALL).query(Long.class).single();
  }

  List<JsonNode> entries(String type, long afterId) {
    return jdbc.sql("SELECT convert_from(entry, 'UTF8') FROM " + AuditEntries.ALL
            + "WHERE id > :after AND convert_from(entry, 'UTF8')::jsonb ->> 'type' = :t ORDER BY id")
        .param("after", afterId).param("t", type).query(String.class).list().stream().map(JSON::readTree).toList();
  }

  JsonNode one(String type, long afterId, long importId) {
    List<JsonNode> found = entries(type, afterId).stream().filter(e -> e.path("importId").longValue() == importId)
        .toList();
    assertThat(found).as("%s entries of import %d", type, importId).hasSize(1);
    return found.get(0);
  }
}
