package org.glassplate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.glassplate.log.verify.VerifyCommand;
import org.glassplate.server.audit.LogIntegrity;
import org.glassplate.server.core.Caller;
import org.glassplate.server.oversight.SelfAuditReport;
import org.glassplate.server.oversight.SelfAuditStatus;
import org.glassplate.server.oversight.SelfAudits;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.MutableClock;
import org.glassplate.server.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Upgrades keep data (issue 18, item 4): a database dumped by an earlier Glassplate, with its data
 * (a day of the demo's history, a second policy version, searches performed and refused, a self-audit),
 * is restored into a fresh database and the server is started on it, so Flyway migrates it to the
 * newest schema as it does on every start. Then the reads, cameras, accounts with their credentials,
 * roles, tokens and training, the policy versions, the hot lists and the audit log must be as they were
 * in the dump (the answers of {@code upgrade/checks.properties}, recorded when the dump was made), the
 * log must verify from outside against the dump's latest signed checkpoint (so nothing in it was lost
 * or rewritten), and the self-audit must pass. The people of the dump use the server with their own
 * API tokens.
 *
 * <p>The dump is {@code upgrade/v1560/} (made by {@code upgrade/make-upgrade-dump.sh} at schema V1560;
 * {@code upgrade/SOURCES.md}). A later migration must keep this test green; a later dump is added
 * beside it, not instead of it, with a class of its own naming it ({@link #DUMP_PROPERTY}).
 */
@SpringBootTest(classes = {GlassplateApplication.class, IntegrationTest.TestClockConfig.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // no job acts on the restored data before the test has set the clock to the dump's time
        "glassplate.retention.purge-initial-delay=PT24H",
        "glassplate.oversight.self-audit-first=PT24H",
        "glassplate.accounts.inactivity-first-check=PT24H",
        "spring.datasource.hikari.maximum-pool-size=6",
        UpgradeIT.DUMP_PROPERTY + "=" + UpgradeIT.DUMP})
@ContextConfiguration(initializers = UpgradeIT.RestoredDump.class)
class UpgradeIT {
  /** The dump this test migrates: a directory of {@code upgrade/}. */
  static final String DUMP = "v1560";
  /**
   * Which dump a test class migrates: a later dump gets its own class, {@code @TestPropertySource(properties =
   * "glassplate.test.upgrade-dump=v1700") class UpgradeFromV1700IT extends UpgradeIT {}}, and this one stays.
   */
  static final String DUMP_PROPERTY = "glassplate.test.upgrade-dump";
  static final String BASE = "org/glassplate/server/upgrade/";
  /** Tables whose rows come and go on their own (sessions, waiting entries, nonces, failure counts). */
  static final Set<String> TRANSIENT = Set.of("spring_session", "spring_session_attributes", "audit_pending",
      "sharing_nonce", "sign_in_failure");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort
  int port;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  MutableClock clock;

  @Autowired
  LogIntegrity integrity;

  @Autowired
  SelfAudits selfAudits;

  @TempDir
  Path tmp;

  @org.springframework.beans.factory.annotation.Value("${" + DUMP_PROPERTY + "}")
  String dump;

  /**
   * Restores the dump into a fresh database before the application starts, and gives the application the
   * dump's data directory: its log signer key and its settings (the agency id is part of the log's origin).
   */
  static final class RestoredDump implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext ctx) {
      String dump = ctx.getEnvironment().getProperty(DUMP_PROPERTY, DUMP);
      TestDatabase.Server server = TestDatabase.server();
      String url = TestDatabase.newDatabase();
      try {
        restore(dump, url, server.user(), server.password(), resourceText(dump + "/glassplate.sql.gz"));
        Path data = Files.createTempDirectory("gp-upgrade-data");
        Path key = data.resolve("audit-signer.key");
        Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, resourceText(dump + "/audit-signer.key"));
        List<String> props = new ArrayList<>(List.of(
            "spring.datasource.url=" + url,
            "spring.datasource.username=" + server.user(),
            "spring.datasource.password=" + server.password(),
            "glassplate.data-dir=" + data));
        properties(dump + "/glassplate.properties").forEach((k, v) -> props.add(k + "=" + v));
        TestPropertyValues.of(props).applyTo(ctx);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Runs pg_dump's plain SQL through JDBC as one script (the driver splits it, minding quotes and dollar
   * quotes); psql's own meta-commands (a line starting with a backslash, e.g. {@code \restrict}) are left out.
   */
  static void restore(String dump, String url, String user, String password, String sql) {
    StringBuilder script = new StringBuilder(sql.length());
    sql.lines().filter(l -> !l.startsWith("\\")).forEach(l -> script.append(l).append('\n'));
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute(script.toString());
    } catch (SQLException e) {
      throw new IllegalStateException("could not restore the upgrade dump " + dump + " (SQL state " + e.getSQLState()
          + "): " + e.getMessage(), e);
    }
  }

  static String resourceText(String name) throws IOException {
    try (InputStream in = UpgradeIT.class.getClassLoader().getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IOException("missing test resource " + BASE + name);
      }
      byte[] bytes = name.endsWith(".gz") ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  static Map<String, String> properties(String name) throws IOException {
    Properties p = new Properties();
    p.load(new java.io.StringReader(resourceText(name)));
    Map<String, String> out = new LinkedHashMap<>();
    p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k).strip()));
    return out;
  }

  /** The checks of {@code checks.properties}, in file order (later ones use earlier answers as ${name}). */
  static Map<String, String> checks() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : resourceText("checks.properties").lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
    }
    return out;
  }

  static String substitute(String query, Map<String, String> answers) {
    Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(query);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = answers.get(m.group(1));
      if (value == null) {
        throw new AssertionError("checks.properties uses ${" + m.group(1) + "} before it is answered");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return m.appendTail(out).toString();
  }

  Map<String, String> expected() throws IOException {
    return properties(dump + "/expected.properties");
  }

  String answer(String query) {
    String value = jdbc.sql(query).query(String.class).optional().orElse("");
    return value == null ? "" : value;
  }

  long count(String query) {
    return jdbc.sql(query).query(Long.class).single();
  }

  /** The dump's own time, a few minutes after its last audit entry: API tokens and training are current then. */
  @BeforeEach
  void atTheDumpsTime() {
    Instant last = jdbc.sql("SELECT max(recorded_at) FROM audit_entry WHERE idx < :size")
        .param("size", Long.parseLong(expectedUnchecked().get("at-dump.audit.size")))
        .query(java.sql.Timestamp.class).single().toInstant();
    clock.advance(Duration.between(clock.instant(), last.plus(Duration.ofMinutes(5))));
  }

  @AfterEach
  void backToNow() {
    clock.reset();
  }

  private Map<String, String> expectedUnchecked() {
    try {
      return expected();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theDumpIsMigratedToTheNewestSchema() throws IOException {
    Map<String, String> manifest = properties(dump + "/manifest.properties");
    int dumped = Integer.parseInt(manifest.get("schema.version"));
    int newest = 0;
    for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V*__*.sql")) {
      newest = Math.max(newest, Integer.parseInt(r.getFilename().replaceAll("^V(\\d+)__.*", "$1")));
    }
    assertThat(newest).isGreaterThanOrEqualTo(dumped);
    assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE NOT success")).isZero();
    assertThat(count("SELECT max(version::int) FROM flyway_schema_history WHERE version IS NOT NULL")).isEqualTo(newest);
    // the dump's own history is still there, every row of it from before the dump: nothing of it ran again
    long dumpedRows = Long.parseLong(expected().get("table.flyway_schema_history"));
    assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE version::int <= :v AND installed_on <= :madeAt")
        .param("v", dumped).param("madeAt", java.sql.Timestamp.from(Instant.parse(manifest.get("made.at"))))
        .query(Long.class).single()).isEqualTo(dumpedRows);
    assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE version::int <= " + dumped)).isEqualTo(dumpedRows);
  }

  @Test
  void everyCheckAnswersAsInTheDumpAndNoTableLostRows() throws IOException {
    Map<String, String> expected = expected();
    Map<String, String> answers = new LinkedHashMap<>();
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> check : checks().entrySet()) {
      String name = check.getKey();
      if (name.startsWith("at-dump.")) {
        answers.put(name, expected.get(name)); // a fact of the dump, used by later checks
        continue;
      }
      String want = expected.get(name);
      assertThat(want).as("expected.properties answers " + name).isNotNull();
      String got = answer(substitute(check.getValue(), answers));
      answers.put(name, got);
      if (!want.equals(got)) {
        wrong.add(name + ": dumped " + want + ", now " + got);
      }
    }
    Set<String> tables = new TreeSet<>(jdbc.sql("""
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition""").query(String.class).list());
    for (Map.Entry<String, String> e : expected.entrySet()) {
      if (!e.getKey().startsWith("table.")) {
        continue;
      }
      String table = e.getKey().substring("table.".length());
      if (!tables.contains(table)) {
        wrong.add("table " + table + " (" + e.getValue() + " rows in the dump) is gone");
      } else if (!TRANSIENT.contains(table) && count("SELECT count(*) FROM \"" + table + "\"") < Long.parseLong(e.getValue())) {
        wrong.add("table " + table + " had " + e.getValue() + " rows, now " + count("SELECT count(*) FROM \"" + table + "\""));
      }
    }
    assertThat(wrong).as("what the migration changed").isEmpty();
    assertThat(Long.parseLong(expected.get("reads.count"))).isGreaterThan(1000); // a dump with data, not an empty schema
  }

  @Test
  void theAuditLogVerifiesAgainstTheDumpsLatestCheckpointAndTheSelfAuditPasses() throws Exception {
    Map<String, String> expected = expected();
    long dumpedSize = Long.parseLong(expected.get("at-dump.audit.size"));
    assertThat(get("/api/v1/audit/key", null).body().strip()).isEqualTo(expected.get("audit.verifier-key"));

    LogIntegrity.TreeVerdict tree = integrity.verifyTree();
    assertThat(tree.intact()).as(tree.detail()).isTrue();
    assertThat(tree.size()).isGreaterThanOrEqualTo(dumpedSize);

    // From outside, as an auditor who saved the checkpoint before the upgrade: consistent with it.
    Path trusted = tmp.resolve("dumped.checkpoint");
    Files.writeString(trusted, resourceText(dump + "/latest-checkpoint.txt").strip() + "\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = VerifyCommand.run(new String[] {"audit", "verify", "http://localhost:" + port,
        "--pin-file", tmp.resolve("known-logs").toString(), "--trusted-checkpoint", trusted.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String said = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, said);
    assertThat(said).contains("OK size=");

    // The self-audit: policy, agreements, accounts' roles, hot lists and cameras against the approved state on
    // the record, the whole log recomputed against its tiles and checkpoint, triggers enabled, the same key.
    SelfAuditReport report = selfAudits.run(Caller.system(), SelfAudits.Trigger.COMMAND);
    assertThat(report.status()).as("drifted: " + report.drifted()).isEqualTo(SelfAuditStatus.OK);
  }

  @Test
  void theDumpsPeopleUseTheServerWithTheirOwnTokens() throws IOException {
    Map<String, String> expected = expected();
    Map<String, String> tokens = properties(dump + "/api-tokens.properties");

    // policy: the version in force and its hash, as dumped
    JsonNode policy = JSON.readTree(get("/api/v1/policy", null).body());
    assertThat(policy.get("version").asInt() + ":" + policy.get("sha256").asString()).isEqualTo(expected.get("policy.current"));

    // accounts: an administrator lists the same people
    Answer accounts = get("/api/v1/accounts", tokens.get("admin"));
    assertEquals(200, accounts.status(), accounts.body());
    List<String> usernames = new ArrayList<>();
    for (String a : expected.get("accounts").split(",")) {
      usernames.add(a.substring(0, a.indexOf(':')));
    }
    assertThat(accounts.body()).contains(usernames.stream().map(u -> "\"" + u + "\"").toList());

    // reads: the investigator's search finds the dumped reads of the busiest plate, by their ids
    String plate = answer("SELECT plate FROM plate_read GROUP BY plate ORDER BY count(*) DESC, plate LIMIT 1");
    List<Long> ids = jdbc.sql("SELECT id FROM plate_read WHERE plate = :p ORDER BY id").param("p", plate)
        .query(Long.class).list();
    assertThat(ids).isNotEmpty();
    Instant from = jdbc.sql("SELECT min(captured_at) FROM plate_read").query(java.sql.Timestamp.class).single().toInstant();
    String body = JSON.createObjectNode().put("plate", plate).put("from", from.toString())
        .put("to", clock.instant().toString()).put("caseNumber", "26-007730").put("offense", "ROBBERY")
        .put("reason", "armed robbery at the bus depot, suspect vehicle seen leaving northbound")
        .put("pageSize", 100).toString();
    Answer search = post("/api/v1/searches", tokens.get("investigator"), body);
    assertEquals(200, search.status(), search.body());
    List<Long> found = new ArrayList<>();
    JSON.readTree(search.body()).get("results").forEach(r -> found.add(r.get("readId").asLong()));
    assertThat(found).containsExactlyInAnyOrderElementsOf(ids);

    // a camera of the dump still sends reads
    Map.Entry<String, String> camera = tokens.entrySet().stream().filter(e -> e.getKey().startsWith("camera."))
        .findFirst().orElseThrow();
    long before = count("SELECT count(*) FROM plate_read");
    Answer ingest = post("/api/v1/reads", camera.getValue(), "{\"reads\":[{\"plate\":\"8UPG560\",\"state\":\"CA\","
        + "\"capturedAt\":\"" + clock.instant().minusSeconds(5) + "\"}]}");
    assertEquals(200, ingest.status(), ingest.body());
    assertThat(JSON.readTree(ingest.body()).get("accepted").asInt()).isEqualTo(1);
    assertThat(JSON.readTree(ingest.body()).get("alerts").size()).isZero(); // on no hot list of the dump
    assertThat(count("SELECT count(*) FROM plate_read")).isEqualTo(before + 1);
    jdbc.sql("DELETE FROM plate_read WHERE plate = '8UPG560'").update(); // the dump's checks stay as dumped
  }

  record Answer(int status, String body) {
  }

  Answer get(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  Answer post(String path, String token, String json) {
    return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  static Answer send(HttpRequest request) {
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
