package org.glassplate.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditTypes;
import org.glassplate.server.audit.OfflineAudit;
import org.glassplate.server.core.Caller;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code glassplate backup --data DIR --to FILE} (issue 18): one zip archive of a data directory, taken
 * while its server runs (or, when none does, with its embedded PostgreSQL started for the backup alone).
 *
 * <p>The database is copied table by table with {@code COPY ... TO STDOUT (FORMAT binary)} inside one
 * REPEATABLE READ, READ ONLY transaction, so every table is from the same snapshot; the schema is not
 * copied but its Flyway version is recorded ({@link BackupManifest}), and the restore rebuilds it with
 * the migrations. The settings and keys of DIR go in beside it (the log's signer key, the witness and
 * federation keys and the witness's state, glassplate.properties, the metrics token, the demo's
 * credentials); the database passwords do not (a restore makes new ones), nor anything the server
 * rewrites at start. {@code manifest.json}, the last entry, lists every other entry with its size and
 * SHA-256.
 *
 * <p>FILE is never overwritten: the archive is written to {@code .NAME.PID.partial} beside it, synced,
 * and only then linked to FILE (which fails if FILE appeared meanwhile), so that a backup killed half
 * way leaves no FILE and every earlier backup as it was. A {@code BACKUP_TAKEN} audit entry is
 * committed before the snapshot is taken (so the backup holds it): if it cannot be written, there is no
 * backup. Progress, a line a table, goes to {@code err}.
 *
 * <p>The archive also holds a physical base backup of the database ({@code pg/...}, {@link #baseBackup}), the
 * start of a point-in-time restore ({@code restore --until}), and the WAL archive is pruned to what it needs.
 */
final class BackupCommand {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  /** Entries of DIR (relative paths) a backup never holds: passwords made anew, runtime files, other servers' data. */
  static final List<String> NOT_BACKED_UP = List.of(EmbeddedDatabase.OWNER_PASSWORD_FILE,
      EmbeddedDatabase.APP_PASSWORD_FILE, "embedded-postgres.json", "glassplate.lock", "pg", "partners", "wal-archive",
      "audit-published.checkpoint");

  private BackupCommand() {
  }

  static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
    Map<String, String> opts = Launcher.options(args, List.of("--data", "--to", "--check"));
    if (opts != null && opts.containsKey("--check") && opts.size() == 1) {
      return RestoreCommand.check(Path.of(opts.get("--check")), out, err);
    }
    if (opts == null || !opts.containsKey("--to") || opts.containsKey("--check")) {
      err.println("usage: glassplate backup --data DIR --to FILE\n       glassplate backup --check FILE");
      return USAGE;
    }
    Path data = Path.of(opts.getOrDefault("--data", "glassplate-data")).toAbsolutePath().normalize();
    Path target = Path.of(opts.get("--to")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(data.resolve("audit-signer.key"))) {
      err.println("glassplate: " + data + " is not the data directory of a Glassplate server (it has no audit-signer.key)");
      return FAILED;
    }
    if (Files.exists(target)) {
      err.println("glassplate: " + target + " exists; a backup never overwrites one: give another --to");
      return FAILED;
    }
    if (!Files.isDirectory(target.getParent())) {
      err.println("glassplate: the directory " + target.getParent() + " does not exist");
      return FAILED;
    }
    EmbeddedDatabase embedded = null;
    boolean locked = EmbeddedDatabase.holdsLock();
    Path partial = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
    try {
      removeStalePartials(target, err);
      EmbeddedDatabase.Credentials db;
      try {
        embedded = EmbeddedDatabase.start(data);
        db = embedded.credentials();
        err.println("glassplate: no server runs on " + data + ": its database was started for the backup");
      } catch (EmbeddedDatabase.DataDirectoryInUse e) {
        Optional<EmbeddedDatabase.Credentials> running = EmbeddedDatabase.running(data);
        if (running.isEmpty()) {
          err.println("glassplate: " + e.getMessage() + "; and it has no embedded-postgres.json to reach its database");
          return FAILED;
        }
        db = running.get();
        err.println("glassplate: backing up the database of the server running on " + data);
      }
      BackupManifest manifest = write(data, db, partial, clock, err);
      try {
        Files.createLink(target, partial); // atomic, and never over an existing FILE
      } catch (FileAlreadyExistsException e) {
        err.println("glassplate: " + target + " appeared while the backup ran; it is left as it was");
        return FAILED;
      } catch (UnsupportedOperationException | IOException e) {
        if (Files.exists(target)) {
          throw e;
        }
        Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      Files.deleteIfExists(partial);
      syncDirectory(target.getParent());
      // only now that the new backup is in place: pruned before, a failed backup would have cost the WAL that
      // the previous one needs
      if (manifest.base() != null) {
        Path walArchive = Path.of(manifest.base().walArchive());
        String first = manifest.base().walSegments().stream().filter(n -> SEGMENT.matcher(n).matches())
            .min(Comparator.comparing(n -> n.substring(8))).orElseThrow();
        recordNewestBase(walArchive, first);
        pruneWalArchive(walArchive, first, walKeepDays(data), clock, err);
      }
      out.println("backup " + target + ": " + manifest.tables().size() + " tables, " + manifest.rows()
          + " rows, audit log size " + manifest.logSize() + ", schema version " + manifest.schemaVersion() + ", "
          + manifest.files().size() + " files of the data directory");
      return OK;
    } catch (IOException | SQLException | RuntimeException e) {
      // exception types and SQL states only: a database message may quote row values (R-AUD-4)
      err.println("glassplate: the backup failed, nothing was written to " + target + ": " + describe(e));
      return FAILED;
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException e) {
        err.println("glassplate: could not remove " + partial);
      }
      if (embedded != null) {
        embedded.stop(err);
        if (!locked) {
          EmbeddedDatabase.unlockDataDirectory();
        }
      }
    }
  }

  static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        return sb.append(" (SQL state ").append(s.getSQLState()).append(')').toString();
      }
    }
    if (e instanceof IOException && e.getMessage() != null) {
      sb.append(": ").append(e.getMessage()); // our own messages and file names, never row values
    }
    return sb.toString();
  }

  /** Partial archives of backups that were killed: their process is gone. */
  private static void removeStalePartials(Path target, PrintStream err) throws IOException {
    String prefix = "." + target.getFileName() + ".";
    try (Stream<Path> siblings = Files.list(target.getParent())) {
      for (Path p : siblings.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(prefix) && name.endsWith(".partial")) {
          String pid = name.substring(prefix.length(), name.length() - ".partial".length());
          boolean alive;
          try {
            alive = ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
          } catch (NumberFormatException e) {
            continue;
          }
          if (!alive) {
            Files.deleteIfExists(p);
            err.println("glassplate: removed " + p + ", left by a backup that did not finish");
          }
        }
      }
    }
  }

  private static BackupManifest write(Path data, EmbeddedDatabase.Credentials db, Path partial, Clock clock,
      PrintStream err) throws IOException, SQLException {
    String agencyId = RestoreCommand.agencyId(data);
    long pauseMillis = Long.getLong("glassplate.backup.pause-ms-per-table", 0); // tests: to kill it half way
    Map<String, BackupManifest.Entry> entries = new LinkedHashMap<>();
    List<BackupManifest.Table> tables = new ArrayList<>();
    List<BackupManifest.Partition> partitions = new ArrayList<>();
    List<BackupManifest.Sequence> sequences = new ArrayList<>();
    List<BackupManifest.DataFile> files = new ArrayList<>();
    // created readable by its owner only: it holds the keys and every read
    try (FileChannel channel = FileChannel.open(partial, java.util.Set.of(StandardOpenOption.CREATE_NEW,
             StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
         ZipOutputStream zip = new ZipOutputStream(java.nio.channels.Channels.newOutputStream(channel));
         Connection c = DriverManager.getConnection(Launcher.withSafeErrors(db.url()), EmbeddedDatabase.USER,
             db.ownerPassword())) {
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
      // the audit entry first, committed: no backup without it (fail closed); the snapshot then holds it
      c.setAutoCommit(true);
      OfflineAudit.append(c, agencyId, AuditEvent.of(AuditTypes.BACKUP_TAKEN, Caller.system()).operatorOfThisMachine()
          .build(), clock.instant());

      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      String version;
      long logSize;
      try (Statement s = c.createStatement()) {
        version = schemaVersion(s); // the first query takes the snapshot
        try (ResultSet rs = s.executeQuery("SELECT size FROM audit_log_state")) {
          logSize = rs.next() ? rs.getLong(1) : 0;
        }
        try (ResultSet rs = s.executeQuery("""
            SELECT c.relname, p.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_inherits i ON i.inhrelid = c.oid
            JOIN pg_class p ON p.oid = i.inhparent
            WHERE n.nspname = 'public' AND c.relispartition AND c.relkind IN ('r', 'p') ORDER BY 1""")) {
          while (rs.next()) {
            partitions.add(new BackupManifest.Partition(rs.getString(1), rs.getString(2), rs.getString(3)));
          }
        }
        List<String> names = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND c.relname <> 'flyway_schema_history' ORDER BY 1""")) {
          while (rs.next()) {
            names.add(rs.getString(1));
          }
        }
        try (ResultSet rs = s.executeQuery(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1")) {
          while (rs.next()) {
            String name = rs.getString(1);
            long last = rs.getLong(2);
            sequences.add(new BackupManifest.Sequence(name, rs.wasNull() ? null : last)); // null: never used
          }
        }
        err.println("glassplate: schema version " + version + ", audit log size " + logSize + ", " + names.size()
            + " tables");
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        for (String table : names) {
          List<String> columns = columns(c, table);
          String entry = "db/" + table + ".copy";
          String cols = String.join(", ", columns.stream().map(ApplicationRoleGrants::identifier).toList());
          long[] rows = new long[1];
          entries.put(entry, zipEntry(zip, entry, o -> rows[0] = copy.copyOut("COPY (SELECT " + cols + " FROM "
              + ApplicationRoleGrants.identifier(table) + ") TO STDOUT (FORMAT binary)", o)));
          tables.add(new BackupManifest.Table(table, columns, rows[0], entry));
          err.printf("  %-36s %,12d rows%n", table, rows[0]);
          if (pauseMillis > 0) {
            Thread.sleep(pauseMillis);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      } finally {
        c.rollback();
      }
      BackupManifest.Base base;
      try (Connection b = DriverManager.getConnection(Launcher.withSafeErrors(db.url()), EmbeddedDatabase.USER,
          db.ownerPassword())) {
        base = baseBackup(zip, b, data, entries, clock, err);
      }
      for (Path f : dataFiles(data)) {
        String rel = data.relativize(f).toString();
        String entry = "files/" + rel;
        entries.put(entry, zipEntry(zip, entry, o -> Files.copy(f, o)));
        files.add(new BackupManifest.DataFile(rel, PosixFilePermissions.toString(Files.getPosixFilePermissions(f))));
      }
      err.println("  " + files.size() + " files of " + data);
      BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, clock.instant().toString(), version, logSize,
          tables, partitions, sequences, files, new ArrayList<>(entries.values()), base);
      zip.putNextEntry(new ZipEntry(BackupManifest.MANIFEST));
      zip.write(manifest.toJson());
      zip.closeEntry();
      zip.finish();
      zip.flush();
      channel.force(true);
      return manifest;
    }
  }

  /** Files of PostgreSQL's data directory a base backup leaves out (as pg_basebackup does), by name. */
  private static final java.util.Set<String> BASE_SKIPPED_FILES = java.util.Set.of("postmaster.pid", "postmaster.opts",
      "backup_label", "backup_label.old", "tablespace_map", "tablespace_map.old", "pg_internal.init", "epg-lock",
      "recovery.signal", "standby.signal", "current_logfiles", EmbeddedDatabase.RECOVERY_CONF);
  /** Directories whose contents a base backup leaves out (they are made anew), relative to the data directory. */
  private static final java.util.Set<String> BASE_EMPTIED_DIRS = java.util.Set.of("pg_wal", "pg_dynshmem", "pg_notify",
      "pg_replslot", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");
  /** A WAL segment's file name: timeline, then log and segment numbers (8 hex digits each). */
  static final java.util.regex.Pattern SEGMENT = java.util.regex.Pattern.compile("[0-9A-F]{24}");

  /**
   * The physical base backup (issue 18): {@code pg_backup_start} (non-exclusive, fast checkpoint), every
   * file of DIR/pg into {@code pg/...}, then {@code pg_backup_stop} on the same connection, which waits until
   * the WAL up to its end is archived; its backup_label (and tablespace_map) and the WAL segments from the
   * start to the end, from DIR/wal-archive, go in too, so the copy can be made consistent without the
   * archive. Then the archive is pruned to what this base backup needs ({@link #pruneWalArchive}).
   */
  private static BackupManifest.Base baseBackup(ZipOutputStream zip, Connection c, Path data,
      Map<String, BackupManifest.Entry> entries, Clock clock, PrintStream err) throws IOException, SQLException {
    Path pg = data.resolve("pg");
    Path walArchive = data.resolve(EmbeddedDatabase.WAL_ARCHIVE);
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT current_setting('archive_mode'), current_setting('archive_command')")) {
        rs.next();
        if (!"on".equals(rs.getString(1)) || !EmbeddedDatabase.archiveCommand(walArchive).equals(rs.getString(2))) {
          throw new IOException("the database of " + data + " does not archive its WAL into " + walArchive
              + " (a server started by an older Glassplate?): restart the server, then take the backup");
        }
      }
      String startLsn;
      try (ResultSet rs = s.executeQuery("SELECT pg_backup_start('glassplate backup', true)")) {
        rs.next();
        startLsn = rs.getString(1);
      }
      err.println("glassplate: base backup started at WAL " + startLsn + ": copying " + pg);
      List<String> directories = new ArrayList<>();
      long[] copied = {0, 0};
      Files.walkFileTree(pg, new java.nio.file.SimpleFileVisitor<>() {
        @Override
        public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes a)
            throws IOException {
          String rel = pg.relativize(dir).toString();
          if (!rel.isEmpty()) {
            if (dir.getFileName().toString().startsWith("pgsql_tmp")) {
              return java.nio.file.FileVisitResult.SKIP_SUBTREE;
            }
            directories.add(rel);
          }
          if (BASE_EMPTIED_DIRS.contains(rel)) {
            if (rel.equals("pg_wal")) {
              directories.add("pg_wal/archive_status");
            }
            return java.nio.file.FileVisitResult.SKIP_SUBTREE;
          }
          return java.nio.file.FileVisitResult.CONTINUE;
        }

        @Override
        public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a)
            throws IOException {
          String name = f.getFileName().toString();
          if (!a.isRegularFile() || BASE_SKIPPED_FILES.contains(name) || name.startsWith("pgsql_tmp")) {
            return java.nio.file.FileVisitResult.CONTINUE;
          }
          String entry = "pg/" + pg.relativize(f);
          java.io.InputStream in;
          try {
            in = Files.newInputStream(f); // once open, it reads to its end even if dropped meanwhile
          } catch (java.nio.file.NoSuchFileException gone) {
            return java.nio.file.FileVisitResult.CONTINUE; // dropped before the copy: the WAL replays its removal
          }
          try (in) {
            entries.put(entry, zipEntry(zip, entry, in::transferTo));
          } catch (SQLException e) {
            throw new IOException(e);
          }
          copied[0]++;
          copied[1] += entries.get(entry).size();
          if (copied[0] % 500 == 0) {
            err.printf("  base backup: %,d files, %,d MiB%n", copied[0], copied[1] >> 20);
          }
          return java.nio.file.FileVisitResult.CONTINUE;
        }

        @Override
        public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
          if (e instanceof java.nio.file.NoSuchFileException) {
            return java.nio.file.FileVisitResult.CONTINUE; // removed while the copy ran: the WAL says so
          }
          throw e;
        }
      });
      err.printf("  base backup: %,d files, %,d MiB of %s%n", copied[0], copied[1] >> 20, pg);
      String stopLsn;
      String label;
      String spcmap;
      String stopSegment;
      String consistentAt;
      s.setQueryTimeout(600); // pg_backup_stop waits for the archive: an archive that fails does not hang the backup
      try (ResultSet rs = s.executeQuery("SELECT lsn, labelfile, spcmapfile, pg_walfile_name(lsn), "
          + "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM pg_backup_stop(true)")) {
        rs.next();
        stopLsn = rs.getString(1);
        label = rs.getString(2);
        spcmap = rs.getString(3);
        stopSegment = rs.getString(4);
        consistentAt = rs.getString(5);
      }
      s.setQueryTimeout(0);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("START WAL LOCATION: \\S+ \\(file ([0-9A-F]{24})\\)")
          .matcher(label);
      if (!m.find()) {
        throw new IOException("the base backup's label names no start segment");
      }
      String startSegment = m.group(1);
      entries.put("pg/backup_label", zipEntry(zip, "pg/backup_label",
          o -> o.write(label.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
      if (spcmap != null && !spcmap.isEmpty()) {
        entries.put("pg/tablespace_map", zipEntry(zip, "pg/tablespace_map",
            o -> o.write(spcmap.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
      }
      List<String> segments = new ArrayList<>();
      try (Stream<Path> archived = Files.list(walArchive)) {
        for (Path p : archived.sorted().toList()) {
          String name = p.getFileName().toString();
          boolean needed = SEGMENT.matcher(name).matches() && name.substring(0, 8).equals(startSegment.substring(0, 8))
              && name.compareTo(startSegment) >= 0 && name.compareTo(stopSegment) <= 0;
          if (needed || name.endsWith(".history")) {
            String entry = "pg/pg_wal/" + name;
            entries.put(entry, zipEntry(zip, entry, o -> Files.copy(p, o)));
            segments.add(name);
          }
        }
      }
      if (!segments.contains(startSegment) || !segments.contains(stopSegment)) {
        throw new IOException("the WAL archive " + walArchive + " lacks the segments " + startSegment + " to "
            + stopSegment + " that the base backup needs");
      }
      err.println("glassplate: base backup consistent at WAL " + stopLsn + " (" + consistentAt + "), WAL segments "
          + startSegment + " to " + stopSegment);
      return new BackupManifest.Base(startLsn, stopLsn, consistentAt, walArchive.toString(), directories, segments);
    }
  }

  /**
   * The file in the WAL archive that names the first segment the newest base backup needs, so that the running
   * server prunes the archive to it between backups ({@link WalArchivePruning}).
   */
  static final String NEWEST_BASE = ".newest-base-backup";

  static void recordNewestBase(Path walArchive, String firstSegment) throws IOException {
    Path tmp = walArchive.resolve(NEWEST_BASE + ".tmp");
    Files.writeString(tmp, firstSegment + "\n");
    Files.move(tmp, walArchive.resolve(NEWEST_BASE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The first segment the newest base backup needs, empty when no backup has recorded one. */
  static Optional<String> newestBase(Path walArchive) throws IOException {
    Path marker = walArchive.resolve(NEWEST_BASE);
    if (!Files.isRegularFile(marker)) {
      return Optional.empty();
    }
    String name = Files.readString(marker).strip();
    return SEGMENT.matcher(name).matches() ? Optional.of(name) : Optional.empty();
  }

  /** Setting of DIR/glassplate.properties: days of WAL the archive keeps beyond what the newest base backup needs. */
  static final String WAL_KEEP_DAYS_SETTING = "glassplate.backup.wal-keep-days";

  static int walKeepDays(Path data) throws IOException {
    Path local = data.resolve("glassplate.properties");
    java.util.Properties p = new java.util.Properties();
    if (Files.isRegularFile(local)) {
      try (java.io.InputStream in = Files.newInputStream(local)) {
        p.load(in);
      }
    }
    String value = p.getProperty(WAL_KEEP_DAYS_SETTING, "0").strip();
    if (!value.matches("\\d{1,3}")) {
      throw new IOException(WAL_KEEP_DAYS_SETTING + " in " + local + " must be a number of days (0 to 999), not '"
          + value + "'");
    }
    return Integer.parseInt(value);
  }

  /**
   * Removes from the WAL archive what no point-in-time recovery from the newest base backup needs (issue 18):
   * every segment (of any timeline) before {@code firstNeeded}, with its {@code .partial} and {@code .backup}
   * files, unless archived less than {@code keepDays} ago. The WAL holds every read written and deleted
   * since: kept longer, it keeps reads the retention purge has deleted. Timeline history files stay (tiny).
   */
  static int pruneWalArchive(Path walArchive, String firstNeeded, int keepDays, Clock clock, PrintStream err)
      throws IOException {
    int[] counts = pruneWal(walArchive, firstNeeded, keepDays, null, clock);
    err.println("glassplate: WAL archive " + walArchive + ": " + counts[0] + " files older than the newest base backup "
        + "needs removed" + (keepDays > 0 ? " (kept: the last " + keepDays + " days, " + WAL_KEEP_DAYS_SETTING + ")" : "")
        + ", " + counts[1] + " kept");
    return counts[0];
  }

  /**
   * The pruning itself: {@code {removed, kept}}. With {@code firstNeeded} null (no base backup recorded, so no
   * segment can serve a recovery) every segment archived more than {@code max(keepDays, 1)} days ago goes.
   * With {@code retention} (the policy's shortest: reads that matched nothing) no segment archived longer ago
   * than that stays, whatever a base backup needs: it holds reads the purge has deleted.
   */
  static int[] pruneWal(Path walArchive, String firstNeeded, int keepDays, java.time.Duration retention, Clock clock)
      throws IOException {
    java.time.Instant keepFrom = clock.instant()
        .minus(java.time.Duration.ofDays(firstNeeded == null ? Math.max(keepDays, 1) : keepDays));
    java.time.Instant retainedFrom = retention == null ? java.time.Instant.MIN : clock.instant().minus(retention);
    int removed = 0;
    int kept = 0;
    try (Stream<Path> archived = Files.list(walArchive)) {
      for (Path p : archived.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(".tmp")) {
          // a copy the archive command did not finish (PostgreSQL archives that segment again)
          if (Files.getLastModifiedTime(p).toInstant().isBefore(clock.instant().minus(java.time.Duration.ofDays(1)))) {
            Files.deleteIfExists(p);
          }
          continue;
        }
        if (name.length() < 24 || !SEGMENT.matcher(name.substring(0, 24)).matches()) {
          continue; // timeline history files, the newest base backup's note
        }
        String segment = name.substring(0, 24);
        boolean older = firstNeeded == null || segment.substring(8).compareTo(firstNeeded.substring(8)) < 0;
        java.time.Instant archivedAt = Files.getLastModifiedTime(p).toInstant();
        if (older && archivedAt.isBefore(keepFrom) || archivedAt.isBefore(retainedFrom)) {
          Files.deleteIfExists(p);
          removed++;
        } else {
          kept++;
        }
      }
    }
    syncDirectory(walArchive);
    return new int[] {removed, kept};
  }

  @FunctionalInterface
  private interface Body {
    void write(OutputStream out) throws IOException, SQLException;
  }

  private static BackupManifest.Entry zipEntry(ZipOutputStream zip, String name, Body body)
      throws IOException, SQLException {
    MessageDigest sha = BackupManifest.sha256();
    long[] size = {0};
    zip.putNextEntry(new ZipEntry(name));
    OutputStream counting = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        zip.write(b);
        size[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        zip.write(b, off, len);
        size[0] += len;
      }
    };
    DigestOutputStream d = new DigestOutputStream(counting, sha);
    body.write(d);
    d.flush();
    zip.closeEntry();
    return new BackupManifest.Entry(name, size[0], HexFormat.of().formatHex(sha.digest()));
  }

  /** The highest applied Flyway version (out-of-order migrations are allowed, so not the last one applied). */
  private static String schemaVersion(Statement s) throws SQLException {
    String best = null;
    try (ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
      while (rs.next()) {
        String v = rs.getString(1);
        if (best == null || org.flywaydb.core.api.MigrationVersion.fromVersion(v)
            .isNewerThan(org.flywaydb.core.api.MigrationVersion.fromVersion(best))) {
          best = v;
        }
      }
    }
    if (best == null) {
      throw new SQLException("the database has no applied migration", "55000");
    }
    return best;
  }

  private static List<String> columns(Connection c, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("""
        SELECT attname FROM pg_attribute WHERE attrelid = ('public.' || quote_ident(?))::regclass
          AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum""")) {
      p.setString(1, table);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /** The regular files of DIR a backup holds: its top level and the witness's state, not {@link #NOT_BACKED_UP}. */
  static List<Path> dataFiles(Path data) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> top = Files.list(data)) {
      for (Path p : top.sorted().toList()) {
        String name = p.getFileName().toString();
        if (NOT_BACKED_UP.contains(name) || name.endsWith(".tmp") || name.endsWith(".new")) {
          continue;
        }
        if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          out.add(p);
        } else if (name.equals("witness") && Files.isDirectory(p)) {
          try (Stream<Path> w = Files.walk(p)) {
            w.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().forEach(out::add);
          }
        }
      }
    }
    return out;
  }

  static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // not every file system lets a directory be synced; the rename is still atomic
    }
  }
}
