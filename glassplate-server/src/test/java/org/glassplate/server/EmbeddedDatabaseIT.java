package org.glassplate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded PostgreSQL is locked down (issue 18): password authentication on every connection, TCP or
 * local socket, listening on 127.0.0.1 only, the password generated once into the data directory (0600)
 * and kept, an older trust-mode data directory upgraded on its next start, and the application's role
 * unable to switch off the audit log's triggers.
 */
class EmbeddedDatabaseIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  Path data;

  @Test
  void refusesConnectionsWithoutThePasswordAndKeepsThePasswordAcrossRestarts() throws Exception {
    String password;
    try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
      Path ownerFile = data.resolve(EmbeddedDatabase.OWNER_PASSWORD_FILE);
      Path appFile = data.resolve(EmbeddedDatabase.APP_PASSWORD_FILE);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ownerFile))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(appFile))).isEqualTo("rw-------");
      password = Files.readString(ownerFile).strip();
      String appPassword = Files.readString(appFile).strip();
      assertThat(password).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(appPassword);

      String infoText = Files.readString(data.resolve("embedded-postgres.json"));
      JsonNode info = JSON.readTree(infoText);
      assertThat(info.path("host").stringValue()).isEqualTo("127.0.0.1");
      assertThat(info.path("port").intValue()).isEqualTo(db.port());
      assertThat(info.path("database").stringValue()).isEqualTo("glassplate");
      assertThat(info.path("user").stringValue()).isEqualTo("postgres");
      assertThat(info.path("passwordFile").stringValue()).isEqualTo(ownerFile.toAbsolutePath().toString());
      assertThat(info.path("applicationUser").stringValue()).isEqualTo("glassplate_app");
      assertThat(info.path("applicationPasswordFile").stringValue()).isEqualTo(appFile.toAbsolutePath().toString());
      assertThat(infoText).doesNotContain(password).doesNotContain(appPassword);

      String url = "jdbc:postgresql://127.0.0.1:" + db.port() + "/glassplate";
      assertRefused(url, "postgres", null);
      assertRefused(url, "postgres", "not-the-password");
      assertRefused(url, "postgres", appPassword);
      assertRefused(url, "glassplate_app", null);
      assertRefused(url, "glassplate_app", password);
      try (Connection c = DriverManager.getConnection(url, "postgres", password)) {
        assertThat(one(c, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
        assertThat(one(c, "SHOW fsync")).as("an acknowledged write survives a power cut").isEqualTo("on");
        assertThat(one(c, "SHOW synchronous_commit")).isEqualTo("on");
        // the rules the server has loaded: every one asks for the password, none is broken
        assertThat(one(c, "SELECT string_agg(DISTINCT auth_method, ',') FROM pg_hba_file_rules")).isEqualTo("scram-sha-256");
        assertThat(one(c, "SELECT count(*) FROM pg_hba_file_rules WHERE error IS NOT NULL")).isEqualTo("0");
        assertThat(one(c, "SELECT count(*) FROM pg_hba_file_rules WHERE type = 'local'")).isEqualTo("1");
        assertThat(one(c, "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'postgres'"))
            .isEqualTo("t");
        assertThat(one(c, "SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = 'glassplate_app'"))
            .isEqualTo("f");
        refusesOverTheLocalSocket(one(c, "SHOW unix_socket_directories"), db.port(), password);
      }
      try (Connection c = DriverManager.getConnection(url, "glassplate_app", appPassword)) {
        assertThat(one(c, "SELECT current_user")).isEqualTo("glassplate_app");
      }
      refusedOnEveryOtherAddress(db.port());
    }

    try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
      assertThat(Files.readString(data.resolve(EmbeddedDatabase.OWNER_PASSWORD_FILE)).strip())
          .as("the password is made once and kept").isEqualTo(password);
      String url = "jdbc:postgresql://127.0.0.1:" + db.port() + "/glassplate";
      assertRefused(url, "postgres", null);
      try (Connection c = DriverManager.getConnection(url, "postgres", password)) {
        assertThat(one(c, "SELECT 1")).isEqualTo("1");
      }
    }
  }

  @Test
  void upgradesATrustDataDirectoryOfAnOlderGlassplateOnItsNextStart() throws Exception {
    // the data directory as Glassplate made it before issue 18: zonky's initdb, trust for everyone
    try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data.resolve("pg"))
        .setCleanDataDirectory(false).setRegisterShutdownHook(false).start()) {
      try (Connection c = DriverManager.getConnection(old.getJdbcUrl("postgres", "postgres"));
           Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE glassplate");
      }
      try (Connection c = DriverManager.getConnection(old.getJdbcUrl("postgres", "glassplate"));
           Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (n integer)");
        s.execute("INSERT INTO kept VALUES (42)");
      }
    }
    assertThat(Files.readString(data.resolve("pg/pg_hba.conf"))).containsPattern("(?m)^host\\s.*\\strust\\s*$");
    assertThat(data.resolve(EmbeddedDatabase.OWNER_PASSWORD_FILE)).doesNotExist();

    try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
      String password = Files.readString(data.resolve(EmbeddedDatabase.OWNER_PASSWORD_FILE)).strip();
      String url = "jdbc:postgresql://127.0.0.1:" + db.port() + "/glassplate";
      assertRefused(url, "postgres", null);
      try (Connection c = DriverManager.getConnection(url, "postgres", password)) {
        assertThat(one(c, "SELECT n FROM kept")).as("the department's data is still there").isEqualTo("42");
        assertThat(one(c, "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method = 'trust'")).isEqualTo("0");
      }
      assertThat(Files.readString(data.resolve("pg/pg_hba.conf"))).startsWith(EmbeddedDatabase.HBA_HEADER)
          .doesNotContainPattern("(?m)^[^#].*\\strust\\s*$");
    }
  }

  @Test
  void theApplicationsRoleCannotDisableOrDropTheAuditTriggers() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
      EmbeddedDatabase.Credentials login = db.credentials();
      // the migrations as the Launcher runs them: as the owner, then the grants to the application's role
      Flyway.configure().dataSource(login.url(), EmbeddedDatabase.USER, login.ownerPassword())
          .locations("classpath:db/migration").outOfOrder(true)
          .callbacks(new ApplicationRoleGrants(EmbeddedDatabase.APP_USER)).load().migrate();

      try (Connection c = DriverManager.getConnection(login.url(), EmbeddedDatabase.APP_USER, login.appPassword());
           Statement s = c.createStatement()) {
        for (String sql : List.of(
            "ALTER TABLE audit_entry DISABLE TRIGGER ALL",
            "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only",
            "DROP TRIGGER audit_entry_append_only ON audit_entry",
            "ALTER TABLE audit_tile DISABLE TRIGGER USER",
            "DROP FUNCTION audit_refuse_change() CASCADE",
            "CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
            "TRUNCATE audit_entry",
            "UPDATE audit_entry SET type_code = 0",
            "DELETE FROM audit_private",
            "SET session_replication_role = replica",
            "ALTER TABLE plate_read OWNER TO glassplate_app")) {
          assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class);
        }
        // what the application does need, it may: a day partition through its owner's function, reads, the log
        s.execute("SELECT plate_read_create_day(DATE '2026-11-30')");
        assertThat(one(c, "SELECT to_regclass('plate_read_p20261130') IS NOT NULL")).isEqualTo("t");
        s.execute("INSERT INTO audit_pending (type_code, entry, salt, private_fields) VALUES (1, '\\x7b7d', '\\x00', '{}')");
        s.execute("DELETE FROM audit_pending");
        s.execute("SELECT plate_read_drop_day(DATE '2026-11-30')");
        assertThat(one(c, "SELECT to_regclass('plate_read_p20261130') IS NULL")).isEqualTo("t");
      }
      try (Connection c = DriverManager.getConnection(login.url(), EmbeddedDatabase.USER, login.ownerPassword())) {
        assertThat(one(c, "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit_entry'::regclass AND tgenabled = 'O'"))
            .as("the triggers are still there and enabled").isEqualTo("2");
        assertThat(one(c, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'glassplate_app'"))
            .isEqualTo("0");
      }
    }
  }

  private static void assertRefused(String url, String user, String password) {
    assertThatThrownBy(() -> {
      try (Connection ignored = password == null ? DriverManager.getConnection(url, user, null)
          : DriverManager.getConnection(url, user, password)) {
        // connected: the assertion fails below
      }
    }).as("%s with %s", user, password == null ? "no password" : "a wrong password")
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("28P01", "08004"));
  }

  /** psql over the unix socket (when psql is on this machine): refused without the password, let in with it. */
  private static void refusesOverTheLocalSocket(String socketDirs, int port, String password) throws Exception {
    Optional<Path> psql = List.of("/usr/bin/psql", "/usr/local/bin/psql").stream().map(Path::of)
        .filter(Files::isExecutable).findFirst();
    if (psql.isEmpty() || socketDirs.isBlank()) {
      return;
    }
    String dir = socketDirs.split(",")[0].strip();
    assertThat(psql(psql.get(), dir, port, null).exit).as("psql over the socket without a password").isNotZero();
    Psql withPassword = psql(psql.get(), dir, port, password);
    assertThat(withPassword.exit).as(withPassword.output).isZero();
    assertThat(withPassword.output.strip()).isEqualTo("1");
  }

  private record Psql(int exit, String output) {
  }

  private static Psql psql(Path psql, String socketDir, int port, String password) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(psql.toString(), "-h", socketDir, "-p", Integer.toString(port), "-U",
        "postgres", "-d", "glassplate", "-w", "-A", "-t", "-c", "SELECT 1").redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("PG"));
    env.put("PGPASSFILE", "/dev/null");
    if (password != null) {
      env.put("PGPASSWORD", password);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Psql(p.exitValue(), out);
  }

  /** Nothing answers on the database's port at this machine's other addresses (listen_addresses is 127.0.0.1). */
  private static void refusedOnEveryOtherAddress(int port) throws Exception {
    List<InetAddress> others = new ArrayList<>();
    for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(ni.getInetAddresses())) {
        if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
          others.add(a);
        }
      }
    }
    for (InetAddress a : others) {
      assertThatThrownBy(() -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(a, port), 2000);
        }
      }).as("port %d on %s", port, a).isInstanceOf(java.io.IOException.class);
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 2000);
    }
  }

  private static String one(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
