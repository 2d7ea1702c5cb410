package org.glassplate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database's {@code archive_command} run by a shell as PostgreSQL runs it (issue 18): a
 * segment is copied into the WAL archive; the same segment again succeeds and changes nothing; a different
 * segment of that name fails and leaves the archived one as it was; a path with a quote and a percent sign
 * is quoted right. And the archive's pruning keeps what the newest base backup needs.
 */
class WalArchiveCommandTest {
  private static final Duration THIRTY_DAYS = Duration.ofDays(30);

  @TempDir
  Path tmp;

  /** Runs the command as PostgreSQL would for pg_wal/NAME: %p, %f substituted, %% a percent sign. */
  private int archive(Path archive, Path pgDir, String name) throws Exception {
    String command = EmbeddedDatabase.archiveCommand(archive).replace("%p", "pg_wal/" + name).replace("%f", name)
        .replace("%%", "%");
    Process p = new ProcessBuilder("sh", "-c", command).directory(pgDir.toFile()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  @Test
  void aSegmentIsArchivedOnceAndNeverOverwrittenByADifferentOne() throws Exception {
    Path pgDir = tmp.resolve("pg");
    Files.createDirectories(pgDir.resolve("pg_wal"));
    Path archive = tmp.resolve("wal 'archive' 100%");
    Files.createDirectories(archive);
    String name = "000000010000000000000003";
    Files.writeString(pgDir.resolve("pg_wal/" + name), "first", StandardCharsets.UTF_8);

    assertThat(archive(archive, pgDir, name)).isZero();
    assertThat(Files.readString(archive.resolve(name))).isEqualTo("first");
    assertThat(archive(archive, pgDir, name)).as("the same segment again").isZero();

    Files.writeString(pgDir.resolve("pg_wal/" + name), "other", StandardCharsets.UTF_8);
    assertThat(archive(archive, pgDir, name)).as("a different segment of that name").isNotZero();
    assertThat(Files.readString(archive.resolve(name))).isEqualTo("first");
    try (Stream<Path> s = Files.list(archive)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly(name);
    }
  }

  @Test
  void pruningRemovesTheSegmentsBeforeTheBaseBackupUnlessKeptByTheWindow() throws Exception {
    Path archive = tmp.resolve("wal-archive");
    Files.createDirectories(archive);
    Instant now = Instant.parse("2027-01-31T12:00:00Z");
    String[] names = {"000000010000000000000001", "000000010000000000000002", "000000010000000000000003.00000028.backup",
        "000000020000000000000004", "00000002.history", "000000020000000000000005"};
    for (String n : names) {
      Files.writeString(archive.resolve(n), n);
      Files.setLastModifiedTime(archive.resolve(n), FileTime.from(now.minusSeconds(3 * 86_400)));
    }
    Files.setLastModifiedTime(archive.resolve(names[1]), FileTime.from(now.minusSeconds(3_600)));
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    BackupCommand.pruneWalArchive(archive, "000000020000000000000004", 1, Clock.fixed(now, ZoneOffset.UTC), err);
    try (Stream<Path> s = Files.list(archive)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
          "000000010000000000000002", "00000002.history", "000000020000000000000004", "000000020000000000000005");
    }
    BackupCommand.pruneWalArchive(archive, "000000020000000000000004", 0, Clock.fixed(now, ZoneOffset.UTC), err);
    try (Stream<Path> s = Files.list(archive)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
          "00000002.history", "000000020000000000000004", "000000020000000000000005");
    }
  }

  @Test
  void theRunningServerPrunesToTheNewestBaseBackupOrDropsWhatNoRecoveryCanUse() throws Exception {
    Path data = tmp.resolve("data");
    Path archive = data.resolve("wal-archive");
    Files.createDirectories(archive);
    Instant now = Instant.parse("2027-01-31T12:00:00Z");
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    String[] names = {"000000010000000000000001", "000000010000000000000002", "000000010000000000000003",
        "00000001.history"};
    for (String n : names) {
      Files.writeString(archive.resolve(n), n);
      Files.setLastModifiedTime(archive.resolve(n), FileTime.from(now.minusSeconds(2 * 86_400)));
    }
    Files.setLastModifiedTime(archive.resolve(names[2]), FileTime.from(now.minusSeconds(600)));
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(said, true, StandardCharsets.UTF_8);

    // no backup has named a base: segments older than a day serve no recovery and go; the recent one stays
    assertThat(WalArchivePruning.once(data, THIRTY_DAYS, clock, err)).isEqualTo(2);
    try (Stream<Path> s = Files.list(archive)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("00000001.history", "000000010000000000000003");
    }
    assertThat(said.toString()).contains("2 segments removed that no recovery can use");

    // a backup named its base: what comes after it stays, however old, and nothing is said when nothing goes
    Files.setLastModifiedTime(archive.resolve(names[2]), FileTime.from(now.minusSeconds(5 * 86_400)));
    BackupCommand.recordNewestBase(archive, "000000010000000000000003");
    said.reset();
    assertThat(WalArchivePruning.once(data, THIRTY_DAYS, clock, err)).isZero();
    assertThat(archive.resolve(names[2])).exists();
    assertThat(said.toString()).isEmpty();
    assertThat(BackupCommand.newestBase(archive)).contains("000000010000000000000003");

    // but never longer than the policy keeps reads: past that, a segment goes whatever the base backup needs
    Files.writeString(data.resolve("glassplate.properties"), "glassplate.backup.wal-keep-days=90\n");
    said.reset();
    assertThat(WalArchivePruning.once(data, Duration.ofDays(4), clock, err)).isEqualTo(1);
    assertThat(archive.resolve(names[2])).doesNotExist();
    assertThat(said.toString()).contains("wal-keep-days=90 is longer than the policy keeps reads (4 days)")
        .contains("1 segments removed");

    // no archive (an external database): nothing to do
    assertThat(WalArchivePruning.once(tmp.resolve("elsewhere"), THIRTY_DAYS, clock, err)).isZero();
  }
}
