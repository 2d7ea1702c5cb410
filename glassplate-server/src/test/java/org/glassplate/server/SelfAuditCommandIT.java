package org.glassplate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glassplate.log.note.Ed25519NoteSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./glassplate self-audit --data DIR} as an operator runs it, the real jar in its own process
 * (DESIGN.md, "The fixed contract"): exit 2 without the log's key, 0 on a clean installation, 1 after
 * an append-only trigger was disabled in its database, each check printed.
 */
class SelfAuditCommandIT {
  private static final Path JAR = Path.of("target", "glassplate.jar").toAbsolutePath();

  @TempDir
  Path data;

  record Run(int exit, String output) {
    String lastLine() {
      List<String> lines = output.strip().lines().toList();
      return lines.get(lines.size() - 1);
    }
  }

  private Run selfAudit(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-Xmx512m", "-jar", JAR.toString(), "self-audit"));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile(data.getParent(), "self-audit-", ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("self-audit did not finish: " + Files.readString(log));
    }
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  @Test
  void exitsTwoWithoutTheLogsKeyZeroWhenCleanAndOneOnADisabledTrigger() throws Exception {
    Run noKey = selfAudit("--data", data.toString());
    assertThat(noKey.exit()).as(noKey.output()).isEqualTo(2);
    assertThat(noKey.output()).contains("no audit signer key in " + data);

    Files.writeString(data.resolve("audit-signer.key"),
        Ed25519NoteSigner.generate("localhost/glassplate/demo-pd").signerKey() + "\n");
    Run clean = selfAudit("--data", data.toString());
    assertThat(clean.exit()).as(clean.output()).isZero();
    assertThat(clean.lastLine()).matches("OK self-audit \\d+");
    assertThat(clean.output()).contains("OK    audit-triggers ").contains("OK    policy ");

    // as the tables' owner, with the password the data directory keeps (the database is locked down)
    String password = Files.readString(data.resolve(EmbeddedDatabase.OWNER_PASSWORD_FILE)).strip();
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data.resolve("pg"))
        .setCleanDataDirectory(false).setConnectConfig("password", password).start();
         Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "glassplate"), "postgres", password);
         Statement s = c.createStatement()) {
      s.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
    }
    Run drift = selfAudit("--data", data.toString());
    assertThat(drift.exit()).as(drift.output()).isEqualTo(1);
    assertThat(drift.output()).contains("DRIFT audit-triggers ")
        .contains("before: audit_entry_append_only on audit_entry: enabled")
        .contains("after:  audit_entry_append_only on audit_entry: disabled");
    assertThat(drift.lastLine()).matches("DRIFT self-audit \\d+: .*audit-triggers.*");
  }
}
