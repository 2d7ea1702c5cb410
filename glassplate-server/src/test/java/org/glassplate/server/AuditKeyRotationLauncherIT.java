package org.glassplate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glassplate.server.support.ServerProcesses.awaitHealthy;
import static org.glassplate.server.support.ServerProcesses.freePort;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassplate.log.note.Ed25519NoteSigner;
import org.glassplate.server.support.JarProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving the audit log to a new key (issue 18), the real jar in its own processes as an operator and an
 * outside auditor run it: {@code audit rotate-key} is refused while the server runs; with the server
 * stopped it moves the log to origin {@code …/2}; after a restart and more entries, {@code audit verify
 * --trusted-checkpoint} with a checkpoint of the OLD origin follows the announcement and prints OK with the
 * new origin; the origins are public ({@code /api/v1/audit/origins}, the transparency page and JSON); the
 * self-audit is OK. Then a key swapped by hand (the key file and the database's stored key, no
 * announcement): verify refuses it and the self-audit reports a drift.
 */
class AuditKeyRotationLauncherIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir
  Path data;

  @TempDir
  Path auditor;

  @RegisterExtension
  final JarProcesses processes = new JarProcesses("audit-rotate-it");

  record Run(int exit, String out) {
    String lastLine() {
      return out.strip().lines().reduce((a, b) -> b).orElse("");
    }
  }

  private Run run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(JarProcesses.JAVA, "-Xmx512m", "-jar", JarProcesses.JAR.toString()));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile(auditor, "run-", ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", args) + " did not finish: " + Files.readString(log));
    }
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private Run verify(int port, Path pins, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("audit", "verify", "http://localhost:" + port, "--pin-file",
        pins.toString()));
    args.addAll(List.of(options));
    return run(args.toArray(String[]::new));
  }

  private static String get(int port, String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  private Process demo(int port) throws Exception {
    Process p = processes.demo(data, port, "--rate", "5", "--history-days", "0");
    awaitHealthy(port, Duration.ofSeconds(120));
    Thread.sleep(2_500); // traffic, each batch audited, and checkpoints signed
    return p;
  }

  private static void stop(Process p) throws Exception {
    p.destroy(); // SIGTERM: the stop is audited and integrated before the server ends
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
  }

  /** The stopped server's PostgreSQL, started as its owner with the password the data directory keeps. */
  private EmbeddedPostgres ownersDatabase(String password) throws Exception {
    return EmbeddedPostgres.builder().setDataDirectory(data.resolve("pg")).setCleanDataDirectory(false)
        .setConnectConfig("password", password).start();
  }

  private static Connection owner(EmbeddedPostgres pg, String password) throws Exception {
    return DriverManager.getConnection(pg.getJdbcUrl("postgres", "glassplate"), "postgres", password);
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long size(Run verified) {
    assertThat(verified.lastLine()).as(verified.out()).matches("OK size=\\d+ root=[A-Za-z0-9+/=]{44}");
    return Long.parseLong(verified.lastLine().replaceAll("OK size=(\\d+) .*", "$1"));
  }

  @Test
  void aMovedLogVerifiesFromTheOldKeysCheckpointAndAKeySwappedByHandIsRefused() throws Exception {
    int port = freePort();
    Process first = demo(port);
    Path old = auditor.resolve("old.checkpoint");
    Run v1 = verify(port, auditor.resolve("pins"), "--save-checkpoint", old.toString());
    assertThat(v1.exit()).as(v1.out()).isZero();
    long oldSize = size(v1);
    String oldOrigin = Files.readString(old).lines().findFirst().orElseThrow();
    assertThat(oldOrigin).startsWith("localhost/glassplate/");
    String oldKey = get(port, "/api/v1/audit/key").strip();

    Run refused = run("audit", "rotate-key", "--data", data.toString());
    assertThat(refused.exit()).as(refused.out()).isEqualTo(1);
    assertThat(refused.out()).contains("rotate-key refused").contains("a server is running on " + data);
    assertThat(data.resolve("audit-signer.key.new")).doesNotExist();

    stop(first);
    String oldKeyFile = Files.readString(data.resolve("audit-signer.key")).strip();

    // Fail closed: when the move cannot be recorded (here the database refuses the ended origin's row),
    // nothing changes: no announcement, the same tree size and key, no new key file.
    String password = Files.readString(data.resolve(EmbeddedDatabase.OWNER_PASSWORD_FILE)).strip();
    long sizeBefore;
    try (EmbeddedPostgres pg = ownersDatabase(password); Connection c = owner(pg, password);
         Statement s = c.createStatement()) {
      s.execute("CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
          + "RAISE EXCEPTION 'refused by the test'; END $$");
      s.execute("CREATE TRIGGER test_refuse BEFORE INSERT ON audit_log_origin FOR EACH ROW EXECUTE FUNCTION test_refuse()");
      sizeBefore = count(s, "SELECT size FROM audit_log_state");
    }
    Run failed = run("audit", "rotate-key", "--data", data.toString());
    assertThat(failed.exit()).as(failed.out()).isEqualTo(1);
    assertThat(failed.out()).contains("rotate-key failed, nothing changed");
    assertThat(Files.readString(data.resolve("audit-signer.key")).strip()).isEqualTo(oldKeyFile);
    assertThat(data.resolve("audit-signer.key.new")).doesNotExist();
    try (EmbeddedPostgres pg = ownersDatabase(password); Connection c = owner(pg, password);
         Statement s = c.createStatement()) {
      assertThat(count(s, "SELECT size FROM audit_log_state")).isEqualTo(sizeBefore);
      assertThat(count(s, "SELECT count(*) FROM audit_entry WHERE type_code = 158")).isZero();
      assertThat(count(s, "SELECT count(*) FROM audit_log_origin")).isZero();
      s.execute("DROP TRIGGER test_refuse ON audit_log_origin");
      s.execute("DROP FUNCTION test_refuse()");
    }

    Path kept = auditor.resolve("custody").resolve("old-audit-signer.key");
    Run rotated = run("audit", "rotate-key", "--data", data.toString(), "--keep-old-key", kept.toString());
    assertThat(rotated.exit()).as(rotated.out()).isZero();
    String newOrigin = oldOrigin + "/2";
    Matcher m = Pattern.compile("rotated: origin (\\S+) key (\\S+) size (\\d+)").matcher(rotated.out());
    assertThat(m.find()).as(rotated.out()).isTrue();
    assertThat(m.group(1)).isEqualTo(newOrigin);
    String newKey = m.group(2);
    assertThat(newKey).startsWith(newOrigin + "+").isNotEqualTo(oldKey);
    assertThat(Files.readString(kept).strip()).as("the old private key, moved out for custody").isEqualTo(oldKeyFile);
    assertThat(Files.readString(data.resolve("audit-signer.key")).strip()).isNotEqualTo(oldKeyFile);
    assertThat(Files.readString(data.resolve("audit-published.checkpoint"))).startsWith(newOrigin + "\n");

    Process second = demo(port);
    assertThat(get(port, "/api/v1/audit/key").strip()).isEqualTo(newKey);
    assertThat(get(port, "/api/v1/audit/checkpoint")).startsWith(newOrigin + "\n");

    // the auditor, holding a checkpoint signed with the old key, follows the move
    Run v2 = verify(port, auditor.resolve("pins"), "--trusted-checkpoint", old.toString());
    assertThat(v2.exit()).as(v2.out()).isZero();
    assertThat(v2.out()).contains("followed the log's move to a new key: origin \"" + oldOrigin + "\" ended at size ")
        .contains("announced origin \"" + newOrigin + "\" with key " + newKey)
        .contains("origin " + newOrigin + " key " + newKey)
        .doesNotContain("first use of log \"" + newOrigin);
    assertThat(size(v2)).isGreaterThan(oldSize);

    String origins = get(port, "/api/v1/audit/origins");
    assertThat(origins).contains("\"origin\":\"" + oldOrigin + "\"").contains("\"verifierKey\":\"" + oldKey + "\"")
        .contains("\"finalCheckpoint\":\"" + oldOrigin + "\\n").contains("\"origin\":\"" + newOrigin + "\"")
        .contains("\"verifierKey\":\"" + newKey + "\"");
    String json = get(port, "/transparency.json");
    assertThat(json).contains("\"origins\":[").contains("\"origin\":\"" + oldOrigin + "\"")
        .contains("\"nextOrigin\":\"" + newOrigin + "\"").contains("\"origin\":\"" + newOrigin + "\"")
        .contains("\"publicKey\":\"" + newKey + "\"").contains("\"finalSize\":");
    String page = get(port, "/transparency");
    assertThat(page).contains("id=\"log-origins\"").contains(oldOrigin).contains(newOrigin).contains(oldKey)
        .contains(newKey);

    Run audit = run("self-audit", "--data", data.toString());
    assertThat(audit.out()).contains("OK    audit-signer-key ").contains("the key its previous key announced");

    // A key swapped by hand: the database's stored key (as its owner) and the key file, without an announcement.
    Ed25519NoteSigner forged = Ed25519NoteSigner.generate(newOrigin);
    String pgPort = Files.readString(data.resolve("embedded-postgres.json")).replaceAll("(?s).*\"port\":(\\d+).*", "$1");
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/glassplate",
        "postgres", password);
         PreparedStatement s = c.prepareStatement("UPDATE audit_log_state SET verifier_key = ?")) {
      s.setString(1, forged.verifierKey());
      s.executeUpdate();
    }
    stop(second);
    Files.writeString(data.resolve("audit-signer.key"), forged.signerKey() + "\n");
    Files.delete(data.resolve("audit-published.checkpoint")); // else the server refuses to start: not its key's
    demo(port);
    assertThat(get(port, "/api/v1/audit/key").strip()).isEqualTo(forged.verifierKey());

    Run v3 = verify(port, auditor.resolve("fresh-pins"), "--trusted-checkpoint", old.toString());
    assertThat(v3.exit()).as(v3.out()).isEqualTo(1);
    // refused: the key it serves is not the one the old key announced
    assertThat(v3.lastLine()).startsWith("FAIL").contains(forged.verifierKey()).contains("announced")
        .contains(newKey);
    Run pinned = verify(port, auditor.resolve("pins"), "--trusted-checkpoint", old.toString());
    assertThat(pinned.exit()).as(pinned.out()).isEqualTo(1);

    Run drift = run("self-audit", "--data", data.toString());
    assertThat(drift.exit()).as(drift.out()).isEqualTo(1);
    assertThat(drift.out()).contains("DRIFT audit-signer-key ").contains("last announced key " + newKey)
        .contains("signs with " + forged.verifierKey());
  }
}
