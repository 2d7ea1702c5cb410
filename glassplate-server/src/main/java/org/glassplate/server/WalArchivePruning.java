package org.glassplate.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps the embedded database's WAL archive ({@code DIR/wal-archive}) from growing without end between backups
 * (issue 18). PostgreSQL archives a segment of 16 MiB at least every {@code archive_timeout} while anything is
 * written, which a server taking reads always does: about 4.6 GB a day at 5 minutes. Only the segments after the
 * newest base backup can serve a recovery, so once an hour the running server removes what {@code backup} would
 * remove ({@link BackupCommand#pruneWal}): the segments before the one the newest base backup needs (named in
 * {@link BackupCommand#NEWEST_BASE}), and, when no backup has ever named one, every segment older than a day, of
 * no use to any recovery. {@code glassplate.backup.wal-keep-days} keeps more, as for backups; but never longer
 * than the policy keeps reads that matched nothing: an archived segment holds every read written while it was
 * current, and the purge cannot reach it there.
 */
final class WalArchivePruning {
  static final Duration EVERY = Duration.ofHours(1);

  private WalArchivePruning() {
  }

  /**
   * Prunes now; says on {@code err} what went, only when something did. {@code retention} is the policy's
   * retention of reads that matched nothing: no segment stays longer, whatever a base backup needs.
   */
  static int once(Path data, Duration retention, Clock clock, PrintStream err) throws IOException {
    Path archive = data.resolve(EmbeddedDatabase.WAL_ARCHIVE);
    if (!Files.isDirectory(archive)) {
      return 0;
    }
    String first = BackupCommand.newestBase(archive).orElse(null);
    int keepDays = BackupCommand.walKeepDays(data);
    if (keepDays > 0 && Duration.ofDays(keepDays).compareTo(retention) > 0) {
      err.println("glassplate: " + BackupCommand.WAL_KEEP_DAYS_SETTING + "=" + keepDays + " is longer than the policy "
          + "keeps reads (" + retention.toDays() + " days): the WAL archive keeps no more than that");
    }
    int[] counts = BackupCommand.pruneWal(archive, first, keepDays, retention, clock);
    if (counts[0] > 0) {
      err.println("glassplate: WAL archive " + archive + ": " + counts[0] + " segments removed "
          + (first == null ? "that no recovery can use (no base backup has been taken)"
              : "(older than the newest base backup needs, or than the policy keeps reads)")
          + ", " + counts[1] + " kept");
    }
    return counts[0];
  }

  /** Every hour on a daemon thread, the first time a minute after start, with the policy in force then. */
  static ScheduledExecutorService start(Path data, Supplier<Duration> retention, PrintStream err) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "glassplate-wal-archive-pruning");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> {
      try {
        once(data, retention.get(), Clock.systemUTC(), err);
      } catch (IOException | RuntimeException e) {
        err.println("glassplate: pruning the WAL archive failed (" + e.getClass().getSimpleName() + "); it is tried "
            + "again in an hour");
      }
    }, 60, EVERY.toSeconds(), TimeUnit.SECONDS);
    return timer;
  }
}
