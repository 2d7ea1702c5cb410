package org.glassplate.server;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs SQL in PostgreSQL's single-user mode ({@code postgres --single}) on a stopped data directory:
 * no socket, no connection, so nothing can log in while it runs. The embedded database sets its
 * superuser's password this way before its server first accepts connections.
 */
final class PostgresSingleUser {

  private PostgresSingleUser() {
  }

  /** Runs {@code sql} (one statement a line) against the database {@code postgres}; IOException if it fails. */
  static void run(Path pgDir, String sql) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      // as zonky starts the server when run as root: PostgreSQL refuses to run as root
      cmd.addAll(List.of("unshare", "-U"));
    }
    cmd.addAll(List.of(binaries().toPath().resolve("bin/postgres").toString(), "--single",
        "-D", pgDir.toString(), "-c", "password_encryption=scram-sha-256", "postgres"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write((sql + "\n").getBytes(StandardCharsets.UTF_8));
    }
    // the output is PostgreSQL's own (no statement echo without -E); read it only to report a failure's first line
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("PostgreSQL single-user mode did not finish on " + pgDir);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted while PostgreSQL ran in single-user mode on " + pgDir, e);
    }
    if (p.exitValue() != 0 || output.contains("ERROR:")) {
      String first = output.lines().filter(l -> l.contains("ERROR") || l.contains("FATAL")).findFirst()
          .orElse("exit status " + p.exitValue());
      throw new IOException("PostgreSQL single-user mode failed on " + pgDir + ": " + first);
    }
  }

  /**
   * The directory of the PostgreSQL binaries zonky has unpacked (and unpacks if needed). Zonky keeps it
   * to itself; its own preparation is called so that single-user mode runs the very server that zonky
   * starts.
   */
  static File binaries() throws IOException {
    try {
      Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
      prepare.setAccessible(true);
      return (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IOException("cannot find the embedded PostgreSQL binaries (" + e.getClass().getSimpleName() + ")", e);
    }
  }
}
