package org.glassplate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glassplate.server.CommandRuns.database;
import static org.glassplate.server.CommandRuns.restore;
import static org.glassplate.server.CommandRuns.size;
import static org.glassplate.server.support.ServerProcesses.awaitHealthy;
import static org.glassplate.server.support.ServerProcesses.freePort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
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
 * {@code glassplate backup} and {@code restore} against real demo processes (issue 18, item 1): a backup
 * taken while the server runs, the data directory wiped, the backup restored with the tile archive: the
 * server starts, the log verifies against a checkpoint saved before the backup and one published after
 * it (the entries after the backup are rebuilt from the archive), reads and accounts are back. Without
 * the archive, the restore refuses to publish a smaller log and says why; with an archive that lacks the
 * bundles, the server refuses to start. A damaged or truncated archive is refused naming the entry; a
 * backup killed with -9 half way leaves no archive behind and the previous one whole.
 */
class BackupRestoreIT {
  private static final Path JAR = JarProcesses.JAR;
  private static final String JAVA = JarProcesses.JAVA;

  @TempDir
  Path tmp;

  @RegisterExtension
  final JarProcesses processes = new JarProcesses("backup-restore-it");

  private Process demo(Path data, int port, String... more) throws IOException {
    List<String> options = new ArrayList<>(List.of("--rate", "5", "--history-days", "0"));
    options.addAll(List.of(more));
    return processes.demo(data, port, options.toArray(String[]::new));
  }

  private Run glassplate(List<String> jvm, String... args) throws Exception {
    return CommandRuns.jar(tmp, jvm, args);
  }

  private String verify(int port, String... options) {
    return CommandRuns.verify(tmp, port, options);
  }

  private static List<String> strings(Connection c, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static long count(Connection c, String sql) throws Exception {
    return Long.parseLong(strings(c, sql).get(0));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private static long logSize(Path backup) throws Exception {
    try (ZipFile z = new ZipFile(backup.toFile())) {
      return BackupManifest.parse(z.getInputStream(z.getEntry(BackupManifest.MANIFEST)).readAllBytes()).logSize();
    }
  }

  @Test
  void backupWipeRestoreTheLogVerifiesAndTheTileArchiveRebuildsWhatTheBackupMissed() throws Exception {
    Path data = tmp.resolve("data");
    Path archive = tmp.resolve("tile-archive");
    Path backup = tmp.resolve("backup.zip");
    int port = freePort();
    Process first = demo(data, port, "--audit-archive-dir", archive.toString());
    awaitHealthy(port, java.time.Duration.ofSeconds(120));
    Thread.sleep(3_000); // camera traffic: reads, each batch audited
    Path beforeBackup = tmp.resolve("before-backup.checkpoint");
    long saved = size(verify(port, "--save-checkpoint", beforeBackup.toString()));

    List<String> accounts;
    List<String> reads;
    try (Connection c = database(data)) {
      accounts = strings(c, "SELECT username || ' ' || password_hash FROM account ORDER BY id");
      reads = strings(c, "SELECT id || ' ' || captured_at FROM plate_read ORDER BY id");
    }
    assertThat(accounts).isNotEmpty();
    assertThat(reads).isNotEmpty();

    Run taken = glassplate(List.of(), "backup", "--data", data.toString(), "--to", backup.toString());
    assertThat(taken.exit()).as(taken.all()).isZero();
    assertThat(taken.err()).contains("plate_read").contains("audit_entry").contains("rows");
    long backedUp = logSize(backup);
    assertThat(backedUp).isGreaterThanOrEqualTo(saved);

    // the log goes on after the backup: a checkpoint beyond the backup's log is published and saved by an auditor
    Path afterBackup = tmp.resolve("after-backup.checkpoint");
    long published = 0;
    for (int i = 0; i < 60 && published <= backedUp; i++) {
      Thread.sleep(500);
      published = size(verify(port, "--trusted-checkpoint", beforeBackup.toString(), "--save-checkpoint",
          afterBackup.toString()));
    }
    assertThat(published).isGreaterThan(backedUp);
    try (Connection c = database(data)) {
      assertThat(count(c, "SELECT count(*) FROM audit_entry WHERE type_code = "
          + AuditEventTypes.BACKUP_TAKEN.code())).as("the backup is audited").isEqualTo(1);
    }
    first.destroy(); // a clean stop: its last checkpoint goes to the tile archive too
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    long archived = Long.parseLong(Files.readAllLines(archive.resolve("checkpoint")).get(1));
    assertThat(archived).as("the archive has the last checkpoint").isGreaterThanOrEqualTo(published);
    deleteTree(data);

    // without the tile archive, the restore refuses to roll back the published checkpoint, and says why
    Run refused = restore("--from", backup.toString(), "--data", data.toString(), "--published-checkpoint",
        afterBackup.toString());
    assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err()).contains("the backup's log has " + backedUp + " entries but checkpoint ")
        .contains("was published").contains("glassplate.audit.archive-dir");
    assertThat(data).doesNotExist();

    // an archive that lacks the bundles: the restore refuses too
    Path partialArchive = tmp.resolve("partial-archive");
    Files.createDirectories(partialArchive);
    Files.copy(archive.resolve("checkpoint"), partialArchive.resolve("checkpoint"));
    Run lacking = restore("--from", backup.toString(), "--data", data.toString(), "--audit-archive-dir",
        partialArchive.toString());
    assertThat(lacking.exit()).as(lacking.all()).isEqualTo(1);
    assertThat(lacking.err()).contains("the backup's log has " + backedUp + " entries but checkpoint ")
        .contains("lacks entry bundle tile/entries/");
    assertThat(data).doesNotExist();

    Run restored = glassplate(List.of(), "restore", "--from", backup.toString(), "--data", data.toString(),
        "--audit-archive-dir", archive.toString());
    assertThat(restored.exit()).as(restored.all()).isZero();
    assertThat(restored.err()).contains("from the tile archive");

    // started without the archive, or with one that cannot fill the gap, the server refuses to publish a
    // smaller log than the checkpoint the restore was shown (kept in DIR/audit-published.checkpoint)
    int other = freePort();
    Process withoutArchive = demo(data, other);
    assertThat(withoutArchive.waitFor(120, TimeUnit.SECONDS)).as("the server refuses to start").isTrue();
    assertThat(withoutArchive.exitValue()).isNotZero();
    assertThat(Files.readString(latestLog(other))).contains("glassplate: not starting: the database's log has "
        + backedUp + " entries but checkpoint " + archived + " was published").contains("glassplate.audit.archive-dir");
    int another = freePort();
    Process lackingArchive = demo(data, another, "--audit-archive-dir", partialArchive.toString());
    assertThat(lackingArchive.waitFor(120, TimeUnit.SECONDS)).as("the server refuses to start").isTrue();
    assertThat(lackingArchive.exitValue()).isNotZero();
    assertThat(Files.readString(latestLog(another))).contains("the database's log has " + backedUp
        + " entries but checkpoint " + archived + " was published").contains("lacks entry bundle");

    int port2 = freePort();
    demo(data, port2, "--audit-archive-dir", archive.toString());
    awaitHealthy(port2, java.time.Duration.ofSeconds(120));
    String before = verify(port2, "--trusted-checkpoint", beforeBackup.toString());
    assertThat(before).startsWith("0 OK size=");
    String after = verify(port2, "--trusted-checkpoint", afterBackup.toString());
    assertThat(size(after)).isGreaterThanOrEqualTo(published);
    try (Connection c = database(data)) {
      assertThat(strings(c, "SELECT username || ' ' || password_hash FROM account ORDER BY id")).isEqualTo(accounts);
      assertThat(strings(c, "SELECT id || ' ' || captured_at FROM plate_read ORDER BY id")).containsAll(reads);
      assertThat(count(c, "SELECT count(*) FROM audit_entry WHERE type_code = "
          + AuditEventTypes.LOG_REBUILT_FROM_ARCHIVE.code())).isEqualTo(1);
      assertThat(count(c, "SELECT count(*) FROM audit_entry WHERE type_code = "
          + AuditEventTypes.BACKUP_RESTORED.code())).isEqualTo(1);
      assertThat(count(c, "SELECT count(*) FROM audit_entry WHERE pending_id < 0"))
          .as("the entries after the backup came from the archive").isEqualTo(archived - backedUp);
    }
  }

  private static Path latestLog(int port) throws IOException {
    try (Stream<Path> s = Files.list(Path.of("target"))) {
      return s.filter(p -> p.getFileName().toString().startsWith("backup-restore-it-" + port + "-"))
          .max(Comparator.naturalOrder()).orElseThrow();
    }
  }

  @Test
  void aDamagedArchiveIsRefusedWithItsReasonAndAKilledBackupLeavesThePreviousOneWhole() throws Exception {
    Path data = tmp.resolve("data");
    int port = freePort();
    demo(data, port);
    awaitHealthy(port, java.time.Duration.ofSeconds(120));
    Path b1 = tmp.resolve("b1.zip");
    Run first = glassplate(List.of(), "backup", "--data", data.toString(), "--to", b1.toString());
    assertThat(first.exit()).as(first.all()).isZero();
    String whole = sha256(b1);

    Run again = glassplate(List.of(), "backup", "--data", data.toString(), "--to", b1.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("never overwrites");
    assertThat(sha256(b1)).isEqualTo(whole);

    // kill -9 in the middle of a backup (slowed down between tables so that it is surely half way)
    Path b2 = tmp.resolve("b2.zip");
    List<String> cmd = new ArrayList<>(List.of(JAVA, "-Dglassplate.backup.pause-ms-per-table=300", "-jar",
        JAR.toString(), "backup", "--data", data.toString(), "--to", b2.toString()));
    Process killed = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("killed.log").toFile()).start();
    Path partial = tmp.resolve(".b2.zip." + killed.pid() + ".partial");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(Files.exists(partial) && Files.readString(tmp.resolve("killed.log")).contains(" rows"))
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(partial).as("the backup is writing").exists();
    assertThat(Files.readString(tmp.resolve("killed.log"))).doesNotContain("backup " + b2);
    killed.destroyForcibly();
    assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(b2).as("no archive from a killed backup").doesNotExist();
    assertThat(sha256(b1)).isEqualTo(whole);
    Run check = glassplate(List.of(), "backup", "--check", b1.toString());
    assertThat(check.exit()).as(check.all()).isZero();
    assertThat(check.out()).contains("OK " + b1);
    // the next backup to that name goes ahead, and clears what the killed one left
    Run retried = glassplate(List.of(), "backup", "--data", data.toString(), "--to", b2.toString());
    assertThat(retried.exit()).as(retried.all()).isZero();
    assertThat(partial).doesNotExist();
    assertThat(glassplate(List.of(), "backup", "--check", b2.toString()).exit()).isZero();

    // one byte changed inside an entry: refused, naming the entry; nothing written
    Path damaged = tmp.resolve("damaged.zip");
    byte[] bytes = Files.readAllBytes(b1);
    long offset;
    String name;
    try (ZipFile z = new ZipFile(b1.toFile())) {
      var e = z.getEntry("files/glassplate.properties");
      name = e.getName();
      offset = localDataOffset(bytes, name);
      assertThat(e.getCompressedSize()).isGreaterThan(10);
    }
    bytes[(int) offset + 5] ^= 0x20;
    Files.write(damaged, bytes);
    Path target = tmp.resolve("restored");
    Run bad = restore("--from", damaged.toString(), "--data", target.toString());
    assertThat(bad.exit()).as(bad.all()).isEqualTo(1);
    assertThat(bad.err()).contains("restore refused").contains("entry " + name);
    assertThat(target).doesNotExist();

    Path truncated = tmp.resolve("truncated.zip");
    Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(b1), (int) Files.size(b1) / 2));
    Run cut = restore("--from", truncated.toString(), "--data", target.toString());
    assertThat(cut.exit()).isEqualTo(1);
    assertThat(cut.err()).contains("damaged or truncated");
    assertThat(target).doesNotExist();

    Files.createDirectories(target);
    Files.writeString(target.resolve("something"), "kept");
    Run notEmpty = restore("--from", b1.toString(), "--data", target.toString());
    assertThat(notEmpty.exit()).isEqualTo(1);
    assertThat(notEmpty.err()).contains("is not empty");
    assertThat(Files.readString(target.resolve("something"))).isEqualTo("kept");
  }

  /** Where the data of the local entry {@code name} starts in a zip file's bytes. */
  private static long localDataOffset(byte[] zip, String name) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 30 + n.length < zip.length; i++) {
      if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 3 && zip[i + 3] == 4) {
        int nameLength = (zip[i + 26] & 0xff) | (zip[i + 27] & 0xff) << 8;
        int extraLength = (zip[i + 28] & 0xff) | (zip[i + 29] & 0xff) << 8;
        if (nameLength == n.length && java.util.Arrays.equals(zip, i + 30, i + 30 + nameLength, n, 0, n.length)) {
          return i + 30L + nameLength + extraLength;
        }
      }
    }
    throw new AssertionError("no entry " + name);
  }
}
