package org.glassplate.server;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The replay half of {@code glassplate restore --until TIME} (issue 18): on a base backup unpacked into a
 * data directory, PostgreSQL (the embedded binaries, run with {@code pg_ctl}) replays the WAL archive up
 * to TIME and promotes, then stops. While it replays nobody can connect: no TCP address, its socket in a
 * private directory, no hot standby. The replay has ended when {@code postmaster.pid} says {@code ready}
 * (the server promoted; during the replay it says {@code standby}); a recovery that cannot reach TIME ends
 * in a FATAL error and the server's exit instead, and is refused naming how far the archive reaches.
 */
final class PointInTimeRecovery {
  private static final DateTimeFormatter POSTGRES_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00'").withZone(ZoneOffset.UTC);
  private static final Pattern RESTORED = Pattern.compile("restored log file \"([0-9A-F]{24})\" from archive");

  private PointInTimeRecovery() {
  }

  /** What the replay did: where it stopped, as PostgreSQL said it. */
  record Result(String stoppedAt, int segments) {
  }

  /**
   * The newest time the WAL archive certainly reaches: when its newest complete segment was archived
   * (every change up to then is in it or an earlier one); empty when it holds no segment.
   */
  static Optional<Instant> reaches(Path walArchive) throws IOException {
    try (Stream<Path> s = Files.list(walArchive)) {
      Optional<Path> newest = s.filter(p -> BackupCommand.SEGMENT.matcher(p.getFileName().toString()).matches())
          .max(Comparator.comparing(p -> p.getFileName().toString().substring(8)));
      if (newest.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(Files.getLastModifiedTime(newest.get()).toInstant());
    }
  }

  /**
   * Replays {@code walArchive} on the base backup in {@code pgDir} (of the Glassplate data directory
   * {@code dataDir}) up to {@code until}, promotes and stops the server.
   *
   * @throws RestoreCommand.Refused when the archive does not reach {@code until}
   * @throws IOException when PostgreSQL fails otherwise (its FATAL line said)
   */
  static Result replay(Path pgDir, Path dataDir, Path walArchive, Instant until, PrintStream err)
      throws IOException, RestoreCommand.Refused {
    EmbeddedDatabase.configureArchiving(pgDir, dataDir); // after the promotion, the new timeline is archived in DIR
    Path work = Files.createTempDirectory("glassplate-pitr"); // 0700: the socket, and PostgreSQL's log
    Path log = work.resolve("postgresql.log");
    String a = EmbeddedDatabase.shellQuote(walArchive.toString()).replace("%", "%%");
    String conf = "# glassplate restore --until: removed when the replay ends\n"
        + "restore_command = " + EmbeddedDatabase.confQuote("a=" + a + "; test -f \"$a/%f\" && cp \"$a/%f\" \"%p\"") + "\n"
        + "recovery_target_time = '" + POSTGRES_TIME.format(until.truncatedTo(ChronoUnit.MICROS)) + "'\n"
        + "recovery_target_action = 'promote'\n"
        + "recovery_target_inclusive = on\n"
        + "hot_standby = off\n"
        + "listen_addresses = ''\n"
        + "unix_socket_directories = " + EmbeddedDatabase.confQuote(work.toString()) + "\n";
    Path recoveryConf = pgDir.resolve(EmbeddedDatabase.RECOVERY_CONF);
    try {
      Files.writeString(recoveryConf, conf, StandardCharsets.UTF_8);
      EmbeddedDatabase.includeFromPostgresqlConf(pgDir);
      Files.writeString(pgDir.resolve("recovery.signal"), "", StandardCharsets.UTF_8);
      // pg_ctl -w returns once the replay has begun (with hot standby off the server reports itself up then);
      // the replay has ended when postmaster.pid says "ready" (promoted), or failed when the server is gone
      Process start = pgCtl(pgDir, "-l", log.toString(), "-w", "-t", "600", "start");
      int segments = 0;
      String stopped = null;
      List<String> fatal = new ArrayList<>();
      long offset = 0;
      boolean ended = false;
      while (!ended) {
        boolean pgCtlDone;
        try {
          pgCtlDone = start.waitFor(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while the WAL was replayed");
        }
        String status = postmasterStatus(pgDir);
        ended = pgCtlDone && (start.exitValue() != 0 || status == null || status.equals("ready"));
        List<String> lines = new ArrayList<>();
        offset = newLines(log, offset, lines);
        for (String line : lines) {
          Matcher m = RESTORED.matcher(line);
          if (m.find()) {
            segments++;
            err.println("  replayed WAL segment " + m.group(1));
          } else if (line.contains("recovery stopping")) {
            stopped = line.substring(line.indexOf("recovery stopping"));
            err.println("  " + stopped);
          } else if (line.contains("consistent recovery state reached") || line.contains("archive recovery complete")
              || line.contains("selected new timeline ID")) {
            err.println("  " + line.substring(line.indexOf("LOG:") + 4).strip());
          } else if (line.contains("FATAL:") || line.contains("PANIC:")) {
            fatal.add(line.substring(line.indexOf(line.contains("FATAL:") ? "FATAL:" : "PANIC:")).strip());
          }
        }
      }
      if (start.exitValue() != 0 || Files.exists(pgDir.resolve("recovery.signal"))) {
        if (fatal.stream().anyMatch(f -> f.contains("recovery ended before configured recovery target was reached"))) {
          throw new RestoreCommand.Refused("the WAL archive " + walArchive + " does not reach " + until
              + reaches(walArchive).map(t -> ": it reaches " + t + " (when its newest segment was archived)").orElse(""));
        }
        throw new IOException("PostgreSQL's replay of the WAL archive failed: "
            + (fatal.isEmpty() ? "pg_ctl exit status " + start.exitValue() : fatal.get(fatal.size() - 1)));
      }
      return new Result(stopped, segments);
    } finally {
      if (Files.exists(pgDir.resolve("postmaster.pid"))) {
        try {
          pgCtl(pgDir, "-m", "fast", "-w", "-t", "300", "stop").waitFor(310, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      Files.deleteIfExists(recoveryConf);
      Files.deleteIfExists(pgDir.resolve("recovery.signal"));
      try (Stream<Path> s = Files.walk(work)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** The status line of postmaster.pid ({@code starting}, {@code standby}, {@code ready}...), null when there is none. */
  private static String postmasterStatus(Path pgDir) throws IOException {
    try {
      List<String> lines = Files.readAllLines(pgDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
      if (!lines.isEmpty() && lines.get(0).strip().matches("\\d+")
          && !ProcessHandle.of(Long.parseLong(lines.get(0).strip())).map(ProcessHandle::isAlive).orElse(false)) {
        return null; // left by a server that died
      }
      return lines.size() > 7 ? lines.get(7).strip() : "starting";
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }

  private static long newLines(Path log, long offset, List<String> out) throws IOException {
    if (!Files.exists(log)) {
      return offset;
    }
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      if (f.length() <= offset) {
        return offset;
      }
      f.seek(offset);
      byte[] bytes = new byte[(int) Math.min(f.length() - offset, 1 << 20)];
      f.readFully(bytes);
      int end = new String(bytes, StandardCharsets.UTF_8).lastIndexOf('\n');
      if (end < 0) {
        return offset;
      }
      String text = new String(bytes, 0, end + 1, StandardCharsets.UTF_8);
      text.lines().forEach(out::add);
      return offset + text.getBytes(StandardCharsets.UTF_8).length;
    }
  }

  private static Process pgCtl(Path pgDir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      cmd.addAll(List.of("unshare", "-U")); // as zonky runs it as root: PostgreSQL refuses to run as root
    }
    cmd.add(PostgresSingleUser.binaries().toPath().resolve("bin/pg_ctl").toString());
    cmd.addAll(List.of("-D", pgDir.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }
}
