package org.glassplate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glassplate.server.CommandRuns.database;
import static org.glassplate.server.CommandRuns.restore;
import static org.glassplate.server.CommandRuns.size;
import static org.glassplate.server.support.ServerProcesses.awaitHealthy;
import static org.glassplate.server.support.ServerProcesses.freePort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.glassplate.server.CommandRuns.Run;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.support.JarProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glassplate restore --until TIME} against real demo processes (issue 18, item 1): the demo's
 * embedded database archives its WAL into {@code DIR/wal-archive}; a backup (with its physical base
 * backup) is taken; reads A arrive, then TIME, then reads B; the restore to TIME brings back A and not B,
 * the audit log's entries after TIME come back from the tile archive when the restored server starts (the
 * log never rolls back a published checkpoint), and {@code audit verify} passes against the checkpoint
 * saved after B. A TIME in a bad format, in the future, before the base backup ended or beyond what the WAL
 * archive reaches is refused, saying why, before anything is written.
 */
class PointInTimeRestoreIT {
  @TempDir
  Path tmp;

  @RegisterExtension
  final JarProcesses processes = new JarProcesses("pitr-it");

  private Run glassplate(String... args) throws Exception {
    return CommandRuns.jar(tmp, List.of(), args);
  }

  private String verify(int port, String... options) {
    return CommandRuns.verify(tmp, port, options);
  }

  private static long count(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void restoreUntilATimeHasTheChangesBeforeItAndNotThoseAfterAndTheLogVerifies() throws Exception {
    Path data = tmp.resolve("data");
    Path tiles = tmp.resolve("tile-archive");
    Path backup = tmp.resolve("backup.zip");
    int port = freePort();
    Process first = processes.demo(data, port, "--rate", "5", "--history-days", "0", "--audit-archive-dir",
        tiles.toString());
    awaitHealthy(port, Duration.ofSeconds(120));
    try (Connection c = database(data)) {
      assertThat(count(c, "SELECT count(*) FROM pg_settings WHERE name = 'archive_mode' AND setting = 'on'"))
          .as("the embedded database archives its WAL").isEqualTo(1);
    }
    Thread.sleep(2_000);

    Run taken = glassplate("backup", "--data", data.toString(), "--to", backup.toString());
    assertThat(taken.exit()).as(taken.all()).isZero();
    assertThat(taken.err()).contains("base backup started at WAL").contains("base backup consistent at WAL")
        .contains("WAL archive " + data.resolve("wal-archive"));
    BackupManifest manifest;
    try (ZipFile z = new ZipFile(backup.toFile())) {
      manifest = BackupManifest.parse(z.getInputStream(z.getEntry(BackupManifest.MANIFEST)).readAllBytes());
      assertThat(z.getEntry("pg/backup_label")).isNotNull();
      assertThat(z.getEntry("pg/PG_VERSION")).isNotNull();
      assertThat(z.getEntry("pg/postmaster.pid")).isNull();
    }
    assertThat(manifest.base()).isNotNull();
    assertThat(manifest.base().walSegments()).isNotEmpty();
    assertThat(manifest.base().walArchive()).isEqualTo(data.resolve("wal-archive").toString());
    assertThat(manifest.tables()).as("the logical copy is still taken").isNotEmpty();
    Instant baseEnded = Instant.parse(manifest.base().consistentAt());
    String firstNeeded = manifest.base().walSegments().stream().filter(n -> n.matches("[0-9A-F]{24}")).min(
        String::compareTo).orElseThrow();
    try (Stream<Path> s = Files.list(data.resolve("wal-archive"))) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9A-F]{24}.*")).toList())
          .as("the WAL archive is pruned to what the base backup needs").isNotEmpty()
          .allMatch(n -> n.substring(8, 24).compareTo(firstNeeded.substring(8)) >= 0);
    }
    assertThat(BackupCommand.newestBase(data.resolve("wal-archive"))).as("named for the server's hourly pruning")
        .contains(firstNeeded);

    // changes A, then TIME, then changes B (reads of the demo's cameras, a few a second, in bursts)
    long lastOfA;
    try (Connection c = database(data)) {
      long atBackup = count(c, "SELECT coalesce(max(id), 0) FROM plate_read");
      lastOfA = atBackup;
      for (int i = 0; i < 120 && lastOfA == atBackup; i++) {
        Thread.sleep(500);
        lastOfA = count(c, "SELECT coalesce(max(id), 0) FROM plate_read");
      }
      assertThat(lastOfA).as("reads arrived after the backup").isGreaterThan(atBackup);
    }
    Thread.sleep(1_000);
    Instant until = Instant.now();
    Thread.sleep(1_000);
    Path afterB = tmp.resolve("after-b.checkpoint");
    long published = 0;
    long readsOfB = 0;
    for (int i = 0; i < 180 && readsOfB < 5; i++) {
      Thread.sleep(500);
      try (Connection c = database(data)) {
        readsOfB = count(c, "SELECT count(*) FROM plate_read WHERE received_at > '" + until.plusSeconds(1) + "'");
      }
    }
    assertThat(readsOfB).isGreaterThanOrEqualTo(5);
    published = size(verify(port, "--save-checkpoint", afterB.toString()));
    first.destroy(); // a clean stop
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Path walArchive = data.resolve("wal-archive");
    try (Stream<Path> s = Files.list(walArchive)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9A-F]{24}")).toList())
          .as("the archive holds the WAL after the base backup").isNotEmpty();
    }

    // refused before anything is written: bad format, the future, before the base backup ended, beyond the archive
    Path target = tmp.resolve("restored");
    Run badFormat = restore("--from", backup.toString(), "--data", target.toString(), "--until", "yesterday noon");
    assertThat(badFormat.exit()).isEqualTo(1);
    assertThat(badFormat.err()).contains("--until: 'yesterday noon' is not a time");
    Run future = restore("--from", backup.toString(), "--data", target.toString(), "--until",
        Instant.now().plusSeconds(3600).toString());
    assertThat(future.err()).contains("is in the future");
    Run tooEarly = restore("--from", backup.toString(), "--data", target.toString(), "--until",
        baseEnded.minusSeconds(1).toString());
    assertThat(tooEarly.exit()).isEqualTo(1);
    assertThat(tooEarly.err()).contains("is before the base backup of " + backup + " finished (" + baseEnded + ")");
    Thread.sleep(2_000);
    Instant beyond = Instant.now().minusMillis(500);
    Run beyondArchive = restore("--from", backup.toString(), "--data", target.toString(), "--until", beyond.toString(),
        "--wal-archive", walArchive.toString());
    assertThat(beyondArchive.exit()).as(beyondArchive.all()).isEqualTo(1);
    assertThat(beyondArchive.err()).contains("the WAL archive " + walArchive + " does not reach " + beyond)
        .contains("it reaches 20");
    assertThat(target).doesNotExist();
    // an archive that looks recent enough but holds no commit after TIME: PostgreSQL's replay ends before
    // TIME, and the restore is refused the same way, leaving nothing behind
    Path newest;
    try (Stream<Path> s = Files.list(walArchive)) {
      newest = s.filter(p -> p.getFileName().toString().matches("[0-9A-F]{24}")).max(Comparator.naturalOrder())
          .orElseThrow();
    }
    java.nio.file.attribute.FileTime archivedAt = Files.getLastModifiedTime(newest);
    Files.setLastModifiedTime(newest, java.nio.file.attribute.FileTime.from(Instant.now()));
    Run endsBefore = restore("--from", backup.toString(), "--data", target.toString(), "--until", beyond.toString());
    Files.setLastModifiedTime(newest, archivedAt);
    assertThat(endsBefore.exit()).as(endsBefore.all()).isEqualTo(1);
    assertThat(endsBefore.err()).contains("replayed WAL segment " + newest.getFileName())
        .contains("the WAL archive " + walArchive + " does not reach " + beyond);
    assertThat(target).doesNotExist();
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".restoring-"));
    }

    Instant restoreStarted = Instant.now();
    Run restored = glassplate("restore", "--from", backup.toString(), "--data", target.toString(), "--until",
        until.toString(), "--audit-archive-dir", tiles.toString());
    System.out.println(taken.err() + restored.err()); // in the test report: what the operator sees
    assertThat(restored.exit()).as(restored.all()).isZero();
    assertThat(restored.err()).contains("replayed WAL segment").contains("recovery stopping before")
        .contains("from the tile archive");
    assertThat(restored.out()).contains("as it was at " + until);
    assertThat(target.resolve("pg/" + EmbeddedDatabase.RECOVERY_CONF)).doesNotExist();
    assertThat(target.resolve("pg/recovery.signal")).doesNotExist();

    int port2 = freePort();
    processes.demo(target, port2, "--rate", "5", "--history-days", "0", "--audit-archive-dir", tiles.toString());
    awaitHealthy(port2, Duration.ofSeconds(120));
    assertThat(size(verify(port2, "--trusted-checkpoint", afterB.toString()))).isGreaterThanOrEqualTo(published);
    try (Connection c = database(target)) {
      assertThat(count(c, "SELECT count(*) FROM plate_read WHERE id = " + lastOfA)).as("A is back").isEqualTo(1);
      // B: received after TIME (the restored server's own cameras' reads come after the restore started)
      assertThat(count(c, "SELECT count(*) FROM plate_read WHERE received_at > '" + until + "' AND received_at < '"
          + restoreStarted + "'")).as("B is not").isZero();
      assertThat(count(c, "SELECT count(*) FROM audit_entry WHERE type_code = "
          + AuditEventTypes.RESTORED_TO_POINT_IN_TIME.code())).isEqualTo(1);
      assertThat(count(c, "SELECT count(*) FROM audit_entry WHERE type_code = "
          + AuditEventTypes.LOG_REBUILT_FROM_ARCHIVE.code())).as("the log's entries after TIME came from the tile archive")
          .isEqualTo(1);
    }
  }
}
