package org.glassplate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glassplate.log.verify.VerifyCommand;
import org.glassplate.server.support.JarProcesses;

/**
 * The commands the backup and restore tests run ({@code BackupRestoreIT}, {@code PointInTimeRestoreIT}): the
 * jar as a process of its own, {@code restore} and {@code audit verify} in this JVM, and the embedded database
 * of a data directory.
 */
final class CommandRuns {
  private CommandRuns() {
  }

  /** A command's exit code, standard output and standard error. */
  record Run(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  /** {@code java JVM... -jar glassplate.jar ARGS...} as its own process, its standard error kept under {@code tmp}. */
  static Run jar(Path tmp, List<String> jvm, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(JarProcesses.JAVA));
    cmd.addAll(jvm);
    cmd.addAll(List.of("-jar", JarProcesses.JAR.toString()));
    cmd.addAll(List.of(args));
    Path err = tmp.resolve("err-" + System.nanoTime());
    Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, Files.readString(err));
  }

  static Run restore(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = RestoreCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@code audit verify http://localhost:PORT OPTIONS...} with its pins under {@code tmp}: exit code and last line. */
  static String verify(Path tmp, int port, String... options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("audit", "verify", "http://localhost:" + port, "--pin-file",
        tmp.resolve("known-logs").toString()));
    args.addAll(List.of(options));
    int exit = VerifyCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    return exit + " " + lines[lines.length - 1];
  }

  /** The size of a log that {@link #verify} found OK. */
  static long size(String verified) {
    assertThat(verified).matches("0 OK size=\\d+ root=.*");
    return Long.parseLong(verified.replaceAll("0 OK size=(\\d+) .*", "$1"));
  }

  /** The running embedded database of {@code data}, as its owner. */
  static Connection database(Path data) throws Exception {
    EmbeddedDatabase.Credentials c = EmbeddedDatabase.running(data).orElseThrow();
    return DriverManager.getConnection(c.url(), EmbeddedDatabase.USER, c.ownerPassword());
  }
}
