package org.glassplate.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL 15 (the zonky binaries) on a persistent data directory, for {@code demo} and
 * {@code serve --data}, locked down (issue 18): it listens on 127.0.0.1 only, and every connection,
 * over TCP or the local socket, needs a password (scram-sha-256). Two roles: {@code postgres}, the
 * superuser that owns the tables and runs the migrations, and {@code glassplate_app}, which the
 * application connects as and which owns nothing, so it cannot disable or drop the audit log's
 * triggers ({@link ApplicationRoleGrants}). Their passwords are generated on first start into
 * {@code DIR/db-owner.password} and {@code DIR/db-app.password} (mode 0600) and kept. While it runs,
 * {@code DIR/embedded-postgres.json} says how to connect (not the password: where to read it). It archives
 * its WAL into {@code DIR/wal-archive} for point-in-time recovery ({@link #configureArchiving}).
 *
 * <p>A data directory of an older Glassplate, initialised with {@code trust}, is upgraded on its next
 * start before the server accepts a connection: the superuser's password is set in single-user mode
 * and {@code pg_hba.conf} is rewritten.
 */
final class EmbeddedDatabase implements AutoCloseable {
  static final String DATABASE = "glassplate";
  static final String USER = "postgres";
  static final String APP_USER = "glassplate_app";
  static final String HOST = "127.0.0.1";
  static final String OWNER_PASSWORD_FILE = "db-owner.password";
  static final String APP_PASSWORD_FILE = "db-app.password";
  /** Where completed WAL segments go ({@code DIR/wal-archive}), for point-in-time recovery (issue 18). */
  static final String WAL_ARCHIVE = "wal-archive";
  /** The settings file Glassplate rewrites at every start, included by postgresql.conf: WAL archiving. */
  static final String ARCHIVE_CONF = "glassplate-archive.conf";
  /** The settings of a point-in-time recovery ({@link PointInTimeRecovery}), included while it runs only. */
  static final String RECOVERY_CONF = "glassplate-recovery.conf";
  /** Setting of DIR/glassplate.properties: the longest a completed change waits before its WAL is archived. */
  static final String ARCHIVE_TIMEOUT_SETTING = "glassplate.backup.wal-archive-timeout";
  /** First line of the pg_hba.conf Glassplate writes; a data directory without it has not been locked down yet. */
  static final String HBA_HEADER = "# glassplate: password authentication only; rewritten at every start";
  private static final String HBA = HBA_HEADER + """

      # TYPE  DATABASE  USER  ADDRESS       METHOD
      local   all       all                 scram-sha-256
      host    all       all   127.0.0.1/32  scram-sha-256
      host    all       all   ::1/128       scram-sha-256
      """;

  private final EmbeddedPostgres postgres;
  private final Path infoFile;
  private final Credentials credentials;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path infoFile, Credentials credentials) {
    this.postgres = postgres;
    this.infoFile = infoFile;
    this.credentials = credentials;
  }

  /** How the application reaches this database: as {@link #APP_USER}, migrating as {@link #USER}. */
  record Credentials(String url, String ownerPassword, String appPassword) {
    /** The Spring properties that point the application at it (passwords included: keep them out of logs). */
    List<String> springArguments() {
      return List.of(
          "--spring.datasource.url=" + Launcher.withSafeErrors(url),
          "--spring.datasource.username=" + APP_USER,
          "--spring.datasource.password=" + appPassword,
          "--spring.flyway.user=" + USER,
          "--spring.flyway.password=" + ownerPassword);
    }

    @Override
    public String toString() {
      return "Credentials[" + url + "]";
    }
  }

  static EmbeddedDatabase start(Path dataDir) throws IOException {
    Path pgDir = dataDir.resolve("pg");
    Files.createDirectories(dataDir);
    lockDataDirectory(dataDir);
    // We hold the data directory's lock, so no live Glassplate owns a PostgreSQL running on it.
    stopLeftover(pgDir);
    boolean newOwnerPassword = !Files.exists(dataDir.resolve(OWNER_PASSWORD_FILE));
    String ownerPassword = DatabasePasswords.readOrCreate(dataDir.resolve(OWNER_PASSWORD_FILE));
    String appPassword = DatabasePasswords.readOrCreate(dataDir.resolve(APP_PASSWORD_FILE));
    EmbeddedPostgres pg;
    try {
      pg = builder(pgDir, ownerPassword, newOwnerPassword).start();
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause(); // from lockDown, before the server started
    }
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        if (!rs.next()) {
          s.execute("CREATE DATABASE " + DATABASE);
        }
      }
      // the application's role: may log in, owns nothing, can do nothing but what ApplicationRoleGrants grants
      s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + APP_USER + "') THEN "
          + "CREATE ROLE " + APP_USER + "; END IF; END $$");
      s.execute("ALTER ROLE " + APP_USER + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS "
          + "PASSWORD '" + appPassword + "'");
    } catch (Exception e) {
      pg.close();
      throw new IOException("could not prepare the embedded database (" + e.getClass().getSimpleName() + ")", e);
    }
    Path info = dataDir.resolve("embedded-postgres.json");
    Files.writeString(info, "{\"host\":\"" + HOST + "\",\"port\":" + pg.getPort() + ",\"database\":\"" + DATABASE
        + "\",\"user\":\"" + USER + "\",\"passwordFile\":" + jsonString(dataDir.resolve(OWNER_PASSWORD_FILE))
        + ",\"applicationUser\":\"" + APP_USER + "\",\"applicationPasswordFile\":"
        + jsonString(dataDir.resolve(APP_PASSWORD_FILE)) + "}\n", StandardCharsets.UTF_8);
    return new EmbeddedDatabase(pg, info, new Credentials(jdbcUrl(pg.getPort()), ownerPassword, appPassword));
  }

  private static EmbeddedPostgres.Builder builder(Path pgDir, String ownerPassword, boolean newOwnerPassword) {
    return EmbeddedPostgres.builder()
        .setDataDirectory(pgDir)
        .setCleanDataDirectory(false)
        .setServerConfig("listen_addresses", HOST)
        .setServerConfig("password_encryption", "scram-sha-256")
        .setServerConfig("max_connections", "60")
        .setServerConfig("shared_buffers", "256MB")
        .setServerConfig("synchronous_commit", "on")
        // zonky starts the server with -F (fsync off), made for throwaway test databases; an acknowledged read
        // and a committed audit entry must survive a power cut (R-ING-2), so fsync is on (-c comes after -F)
        .setServerConfig("fsync", "on")
        // zonky's own connections (its start-up check, getPostgresDatabase) log in with the password
        .setConnectConfig("password", ownerPassword)
        // after initdb (which zonky runs with trust), before the server starts: no moment with trust
        .setDataDirectoryCustomizer(dir -> lockDown(dir.toPath(), ownerPassword, newOwnerPassword))
        .setPGStartupWait(Duration.ofSeconds(60))
        // Launcher's own hook stops PostgreSQL after the application has closed (its last audit entry
        // is the server's stop); zonky's hook would stop it in parallel with that.
        .setRegisterShutdownHook(false);
  }

  /**
   * The credentials of the embedded PostgreSQL that a running server started on {@code dataDir}, from its
   * {@code embedded-postgres.json} and password files; empty when there is none.
   */
  static Optional<Credentials> running(Path dataDir) throws IOException {
    Path info = dataDir.resolve("embedded-postgres.json");
    if (!Files.isRegularFile(info)) {
      return Optional.empty();
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"port\"\\s*:\\s*(\\d+)").matcher(Files.readString(info));
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(new Credentials(jdbcUrl(Integer.parseInt(m.group(1))),
        DatabasePasswords.read(dataDir.resolve(OWNER_PASSWORD_FILE)),
        DatabasePasswords.read(dataDir.resolve(APP_PASSWORD_FILE))));
  }

  /**
   * Makes {@code pgDir} refuse every connection without the password: sets the superuser's password when
   * the directory has none yet (just initialised by zonky, or locked down by no Glassplate before, or its
   * password file is new), in single-user mode so that no connection is ever accepted without it, then
   * writes pg_hba.conf.
   */
  private static void lockDown(Path pgDir, String ownerPassword, boolean newOwnerPassword) {
    try {
      Path hba = pgDir.resolve("pg_hba.conf");
      boolean lockedDown = Files.exists(hba) && Files.readString(hba).startsWith(HBA_HEADER);
      if (!lockedDown || newOwnerPassword) {
        PostgresSingleUser.run(pgDir, "ALTER ROLE " + USER + " PASSWORD '" + ownerPassword + "';");
      }
      Files.writeString(hba, HBA, StandardCharsets.UTF_8);
      configureArchiving(pgDir, pgDir.getParent());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Turns WAL archiving on for the data directory {@code pgDir} of Glassplate data directory {@code dataDir}
   * (issue 18): {@code wal_level=replica}, {@code archive_mode=on}, and an {@code archive_command} that copies
   * each completed segment into {@code DIR/wal-archive} under a temporary name, syncs it and renames it; a
   * segment already there is never overwritten (the command succeeds only when the one there is the same,
   * as after a crash between archiving and PostgreSQL noting it, and fails otherwise, so that PostgreSQL keeps
   * the segment and says so in its log). {@code archive_timeout} (5 minutes unless {@value
   * #ARCHIVE_TIMEOUT_SETTING} says) bounds how long a quiet server's last changes wait outside the archive.
   * The settings go in {@value #ARCHIVE_CONF}, rewritten at every start and included by postgresql.conf.
   */
  static void configureArchiving(Path pgDir, Path dataDir) throws IOException {
    Path archive = dataDir.resolve(WAL_ARCHIVE).toAbsolutePath().normalize();
    Files.createDirectories(archive);
    String conf = "# glassplate: WAL archiving for point-in-time recovery; rewritten at every start\n"
        + "wal_level = replica\n"
        + "archive_mode = on\n"
        + "archive_command = " + confQuote(archiveCommand(archive)) + "\n"
        + "archive_timeout = " + confQuote(archiveTimeout(dataDir)) + "\n";
    Files.writeString(pgDir.resolve(ARCHIVE_CONF), conf, StandardCharsets.UTF_8);
    includeFromPostgresqlConf(pgDir);
  }

  /**
   * The {@code archive_command} into {@code archive}: a segment already there succeeds only when it is the
   * same; otherwise a copy under a temporary name, synced, renamed into place, and the directory synced.
   */
  static String archiveCommand(Path archive) {
    String a = shellQuote(archive.toString()).replace("%", "%%"); // % starts a placeholder of archive_command
    return "a=" + a + "; if test -f \"$a/%f\"; then cmp -s \"%p\" \"$a/%f\"; else cp \"%p\" \"$a/.%f.tmp\" "
        + "&& { sync \"$a/.%f.tmp\" 2>/dev/null || sync; } && mv \"$a/.%f.tmp\" \"$a/%f\" && { sync \"$a\" 2>/dev/null || true; }; fi";
  }

  /** Adds the include lines of {@value #ARCHIVE_CONF} and {@value #RECOVERY_CONF} to postgresql.conf, once. */
  static void includeFromPostgresqlConf(Path pgDir) throws IOException {
    Path conf = pgDir.resolve("postgresql.conf");
    String text = Files.readString(conf, StandardCharsets.UTF_8);
    StringBuilder more = new StringBuilder();
    for (String file : List.of(ARCHIVE_CONF, RECOVERY_CONF)) {
      String line = "include_if_exists = '" + file + "'";
      if (!text.contains(line)) {
        more.append(line).append('\n');
      }
    }
    if (!more.isEmpty()) {
      Files.writeString(conf, (text.endsWith("\n") ? "" : "\n") + more, StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.APPEND);
    }
  }

  /** {@value #ARCHIVE_TIMEOUT_SETTING} of DIR/glassplate.properties, e.g. {@code 5min}, {@code 60s}, {@code 1h}. */
  static String archiveTimeout(Path dataDir) throws IOException {
    Path local = dataDir.resolve("glassplate.properties");
    java.util.Properties p = new java.util.Properties();
    if (Files.isRegularFile(local)) {
      try (java.io.InputStream in = Files.newInputStream(local)) {
        p.load(in);
      }
    }
    String value = p.getProperty(ARCHIVE_TIMEOUT_SETTING, "5min").strip();
    if (!value.matches("[1-9]\\d{0,6}(s|min|h)")) {
      throw new IOException(ARCHIVE_TIMEOUT_SETTING + " in " + local + " must be like 5min, 60s or 1h, not '" + value + "'");
    }
    return value;
  }

  static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  static String confQuote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  private static String jsonString(Path p) {
    return "\"" + p.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String jdbcUrl(int port) {
    return "jdbc:postgresql://" + HOST + ":" + port + "/" + DATABASE;
  }

  private static java.nio.channels.FileChannel lockChannel;
  private static java.nio.channels.FileLock lock;

  /**
   * Holds {@code DIR/glassplate.lock} for the life of this process. The operating system releases it
   * when the process dies, even by kill -9, so a held lock means a live Glassplate.
   */
  static synchronized void lockDataDirectory(Path dataDir) throws IOException {
    if (lock != null) {
      return;
    }
    Files.createDirectories(dataDir);
    java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dataDir.resolve("glassplate.lock"),
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
    java.nio.channels.FileLock l;
    try {
      l = ch.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      ch.close();
      throw new DataDirectoryInUse(dataDir);
    }
    lockChannel = ch;
    lock = l;
  }

  /** Whether this process holds a data directory's lock. */
  static synchronized boolean holdsLock() {
    return lock != null;
  }

  /**
   * Releases the data directory's lock, for a command that started the embedded database for its own
   * work ({@code backup}, {@code restore}) and has stopped it again.
   */
  static synchronized void unlockDataDirectory() {
    if (lock == null) {
      return;
    }
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      // the process ends soon; the operating system releases it then
    }
    lock = null;
    lockChannel = null;
  }

  /** Another Glassplate (or one still stopping) holds the data directory. */
  static final class DataDirectoryInUse extends IOException {
    DataDirectoryInUse(Path dir) {
      super("the data directory " + dir + " is in use by another Glassplate (or one still shutting down); "
          + "stop it first or give another --data");
    }
  }

  int port() {
    return postgres.getPort();
  }

  Credentials credentials() {
    return credentials;
  }

  @Override
  public void close() throws IOException {
    try {
      postgres.close();
    } finally {
      Files.deleteIfExists(infoFile);
    }
  }

  /** Stops it as {@link #close} does, saying on {@code err} (the exception's type only) when it did not stop cleanly. */
  void stop(PrintStream err) {
    try {
      close();
    } catch (IOException | RuntimeException e) {
      err.println("glassplate: embedded PostgreSQL did not stop cleanly: " + e.getClass().getSimpleName());
    }
  }

  /**
   * A server killed with -9 leaves its PostgreSQL running on the data directory; stop it (fast
   * shutdown: committed work is safe in the WAL) before starting a new one.
   */
  private static void stopLeftover(Path pgDir) throws IOException {
    Path pidFile = pgDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty()) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().info().command().map(c -> c.contains("postgres")).orElse(false)) {
      return;
    }
    System.err.println("glassplate: stopping a PostgreSQL left running on " + pgDir + " (pid " + pid + ")");
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
      process.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("a PostgreSQL (pid " + pid + ") still runs on " + pgDir + "; stop it first", e);
    }
  }
}
