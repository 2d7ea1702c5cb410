package org.glassplate.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.flywaydb.core.Flyway;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.CheckpointVerificationException;
import org.glassplate.log.note.CheckpointVerifier;
import org.glassplate.log.note.Ed25519NoteSigner;
import org.glassplate.log.tiles.TilePath;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditTypes;
import org.glassplate.server.audit.OfflineAudit;
import org.glassplate.server.core.Caller;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code glassplate restore --from FILE --data DIR [--audit-archive-dir A] [--published-checkpoint F]}
 * (issue 18); {@code glassplate backup --check FILE} runs its first step alone.
 *
 * <p>First the archive is checked, every entry against the SHA-256 and size of its manifest; a damaged
 * or truncated archive is refused with the entry and the reason, and nothing is written. DIR must be
 * missing or empty. Then the backup is restored into a directory beside DIR, renamed to DIR only when
 * it is complete: the data directory's files (with their permissions), a fresh embedded PostgreSQL with
 * new passwords, the schema by the migrations up to the backup's version, and the rows by binary COPY
 * as the tables' owner with triggers and foreign keys off for the load ({@code session_replication_role
 * = replica}: the rows were consistent when copied), the sequences set, and a {@code BACKUP_RESTORED}
 * audit entry. The server then starts on DIR as usual.
 *
 * <p>The log must not roll back a checkpoint it has published: given a later published checkpoint (the
 * tile archive's {@code checkpoint}, or {@code --published-checkpoint}, e.g. one saved by an auditor's
 * {@code audit verify --save-checkpoint} or a witness), the restore goes on only when the tile archive
 * holds the entry bundles that take the backup's log up to it (the server rebuilds them at start), and
 * refuses otherwise, naming the sizes.
 *
 * <p>With {@code --until TIME [--wal-archive W]}, the backup's physical base backup is restored instead of
 * its logical copy, and the WAL archive (the backed-up server's {@code DIR/wal-archive}, or W) is replayed up
 * to TIME ({@link PointInTimeRecovery}); the same checks of the published checkpoint then apply to the log as
 * it was at TIME, and a {@code RESTORED_TO_POINT_IN_TIME} audit entry is written.
 */
final class RestoreCommand {
  static final int OK = 0;
  static final int REFUSED = 1;
  static final int USAGE = 2;

  private RestoreCommand() {
  }

  /** A reason to refuse the restore, said to the operator as it is. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
    Map<String, String> opts = Launcher.options(args, List.of("--from", "--data", "--audit-archive-dir",
        "--published-checkpoint", "--until", "--wal-archive"));
    if (opts == null || !opts.containsKey("--from") || !opts.containsKey("--data")
        || (opts.containsKey("--wal-archive") && !opts.containsKey("--until"))) {
      err.println("usage: glassplate restore --from FILE --data DIR [--until TIME [--wal-archive DIR]] "
          + "[--audit-archive-dir DIR] [--published-checkpoint FILE]");
      return USAGE;
    }
    return run(Path.of(opts.get("--from")).toAbsolutePath().normalize(), opts, false, out, err, clock);
  }

  /** {@code glassplate backup --check FILE}: whether the archive is whole, by its manifest. */
  static int check(Path from, PrintStream out, PrintStream err) {
    return run(from.toAbsolutePath().normalize(), Map.of(), true, out, err, Clock.systemUTC());
  }

  private static int run(Path from, Map<String, String> opts, boolean checkOnly, PrintStream out, PrintStream err,
      Clock clock) {
    try (ZipFile zip = open(from)) {
      BackupManifest manifest = check(zip, from);
      err.println("glassplate: " + from + " is whole: " + manifest.entries().size() + " entries match its manifest "
          + "(backup of " + manifest.createdAt() + ", schema version " + manifest.schemaVersion() + ", audit log size "
          + manifest.logSize() + ")");
      if (checkOnly) {
        out.println("OK " + from);
        return OK;
      }
      Path data = Path.of(opts.get("--data")).toAbsolutePath().normalize();
      requireEmpty(data);
      if (opts.containsKey("--until")) {
        Instant until = until(opts.get("--until"), manifest, from, clock);
        Path walArchive = walArchive(manifest, opts, until);
        PointInTimeRecovery.Result r = restoreToPointInTime(zip, manifest, data, until, walArchive, opts, clock, err);
        out.println("restored " + from + " into " + data + " as it was at " + until + " (" + r.segments()
            + " WAL segments replayed); start the server with --data " + data);
        return OK;
      }
      String published = checkPublished(zip, manifest.logSize(), "the backup's log", opts, err);
      restore(zip, manifest, data, published, clock, err);
      out.println("restored " + from + " into " + data + ": " + manifest.tables().size() + " tables, "
          + manifest.rows() + " rows; start the server with --data " + data);
      return OK;
    } catch (Refused e) {
      err.println("glassplate: restore refused: " + e.getMessage());
      return REFUSED;
    } catch (IOException | SQLException | RuntimeException e) {
      err.println("glassplate: the restore failed: " + BackupCommand.describe(e));
      return REFUSED;
    }
  }

  private static ZipFile open(Path from) throws Refused {
    if (!Files.isRegularFile(from)) {
      throw new Refused(from + " does not exist");
    }
    try {
      return new ZipFile(from.toFile());
    } catch (ZipException e) {
      throw new Refused(from + " is damaged or truncated: it is not a whole zip archive (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new Refused(from + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Checks every entry against the manifest: the manifest on success, Refused naming the first bad entry. */
  static BackupManifest check(ZipFile zip, Path from) throws Refused {
    ZipEntry m = zip.getEntry(BackupManifest.MANIFEST);
    if (m == null) {
      throw new Refused(from + " has no " + BackupManifest.MANIFEST + ": not a Glassplate backup, or damaged");
    }
    BackupManifest manifest;
    try (InputStream in = zip.getInputStream(m)) {
      manifest = BackupManifest.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new Refused(from + ": entry " + BackupManifest.MANIFEST + " is damaged (" + e.getMessage() + ")");
    } catch (IllegalArgumentException e) {
      throw new Refused(from + ": " + e.getMessage());
    }
    Set<String> listed = new HashSet<>();
    for (BackupManifest.Entry e : manifest.entries()) {
      listed.add(e.name());
      ZipEntry z = zip.getEntry(e.name());
      if (z == null) {
        throw new Refused(from + ": entry " + e.name() + " is missing (the manifest lists it)");
      }
      MessageDigest sha = BackupManifest.sha256();
      long size = 0;
      try (InputStream in = zip.getInputStream(z)) {
        byte[] buf = new byte[65536];
        for (int n; (n = in.read(buf)) > 0; ) {
          sha.update(buf, 0, n);
          size += n;
        }
      } catch (IOException ex) {
        throw new Refused(from + ": entry " + e.name() + " is damaged (" + ex.getMessage() + ")");
      }
      if (size != e.size()) {
        throw new Refused(from + ": entry " + e.name() + " has " + size + " bytes, its manifest says " + e.size());
      }
      String hex = HexFormat.of().formatHex(sha.digest());
      if (!hex.equals(e.sha256())) {
        throw new Refused(from + ": entry " + e.name() + " is damaged: its SHA-256 is " + hex + ", its manifest says "
            + e.sha256());
      }
    }
    for (ZipEntry z : java.util.Collections.list(zip.entries())) {
      if (!z.getName().equals(BackupManifest.MANIFEST) && !listed.contains(z.getName())) {
        throw new Refused(from + ": entry " + z.getName() + " is not in its manifest");
      }
    }
    for (BackupManifest.Table t : manifest.tables()) {
      if (!listed.contains(t.entry())) {
        throw new Refused(from + ": table " + t.name() + " has no entry in its manifest");
      }
    }
    for (BackupManifest.DataFile f : manifest.files()) {
      if (!listed.contains("files/" + f.path()) || f.path().contains("..") || f.path().startsWith("/")) {
        throw new Refused(from + ": file " + f.path() + " is not a file the manifest lists");
      }
    }
    return manifest;
  }

  private static void requireEmpty(Path data) throws Refused, IOException {
    if (!Files.exists(data)) {
      return;
    }
    if (!Files.isDirectory(data)) {
      throw new Refused(data + " exists and is not a directory");
    }
    try (Stream<Path> s = Files.list(data)) {
      if (s.findAny().isPresent()) {
        throw new Refused(data + " is not empty: a restore only goes into a new or empty data directory");
      }
    }
  }

  /**
   * Refuses when a checkpoint is known to have been published beyond the backup's log and the tile
   * archive cannot take the log up to it; returns the latest known published checkpoint's note, or null.
   */
  private static String checkPublished(ZipFile zip, long n, String whose, Map<String, String> opts, PrintStream err)
      throws Refused, IOException {
    String verifierKey;
    try (InputStream in = zip.getInputStream(zip.getEntry("files/audit-signer.key"))) {
      verifierKey = Ed25519NoteSigner.fromSignerKey(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
          .verifierKey();
    } catch (NullPointerException | IllegalArgumentException e) {
      throw new Refused("the backup holds no audit signer key (files/audit-signer.key)");
    }
    Path archive = opts.containsKey("--audit-archive-dir") ? Path.of(opts.get("--audit-archive-dir")).toAbsolutePath()
        .normalize() : null;
    Checkpoint archived = null;
    String note = null;
    if (archive != null && Files.isRegularFile(archive.resolve("checkpoint"))) {
      archived = verified(archive.resolve("checkpoint"), verifierKey);
      note = Files.readString(archive.resolve("checkpoint"), StandardCharsets.UTF_8);
    } else if (archive != null) {
      err.println("glassplate: the tile archive " + archive + " has no checkpoint yet");
    }
    Checkpoint published = archived;
    if (opts.containsKey("--published-checkpoint")) {
      Path file = Path.of(opts.get("--published-checkpoint"));
      Checkpoint given = verified(file, verifierKey);
      if (published == null || given.size() > published.size()) {
        published = given;
        note = Files.readString(file, StandardCharsets.UTF_8);
      }
    }
    if (published == null) {
      err.println("glassplate: no tile archive or published checkpoint given: the restored log has " + n
          + " entries; if the log published a later checkpoint, witnesses will see the server roll it back");
      return null;
    }
    if (published.size() <= n) {
      return note;
    }
    String gap = whose + " has " + n + " entries but checkpoint " + published.size() + " was published";
    if (archived == null || archived.size() < published.size()) {
      throw new Refused(gap + "; restore the tile archive (glassplate.audit.archive-dir) and name it with "
          + "--audit-archive-dir" + (archived == null ? "" : " (the one given has checkpoint " + archived.size() + ")")
          + ", or restore a later backup: the restored server would publish a smaller log");
    }
    for (long i = n / TilePath.FULL_WIDTH; i * TilePath.FULL_WIDTH < published.size(); i++) {
      int width = TilePath.widthAt(0, i, published.size());
      Path full = archive.resolve(new TilePath(true, 0, i, TilePath.FULL_WIDTH).path());
      if (!Files.isRegularFile(full) && (width == TilePath.FULL_WIDTH || !hasPartial(full, width))) {
        throw new Refused(gap + "; the tile archive " + archive + " lacks entry bundle "
            + new TilePath(true, 0, i, width) + ": restore the whole tile archive, or a later backup");
      }
    }
    err.println("glassplate: " + gap + ": the server rebuilds entries " + n + " to " + (published.size() - 1)
        + " from the tile archive when it starts (start it with --audit-archive-dir " + archive + ")");
    return note;
  }

  private static boolean hasPartial(Path full, int width) throws IOException {
    Path partials = full.resolveSibling(full.getFileName() + ".p");
    if (!Files.isDirectory(partials)) {
      return false;
    }
    try (Stream<Path> s = Files.list(partials)) {
      return s.anyMatch(p -> p.getFileName().toString().matches("\\d+")
          && Integer.parseInt(p.getFileName().toString()) >= width);
    }
  }

  private static Checkpoint verified(Path file, String verifierKey) throws Refused, IOException {
    try {
      return CheckpointVerifier.verify(Files.readString(file, StandardCharsets.UTF_8), verifierKey, null);
    } catch (CheckpointVerificationException e) {
      throw new Refused("the checkpoint in " + file + " is not one signed by the backup's log key: " + e.getMessage());
    }
  }

  private static void restore(ZipFile zip, BackupManifest manifest, Path data, String publishedNote, Clock clock,
      PrintStream err) throws IOException, SQLException, Refused {
    Path staging = staging(data);
    boolean locked = EmbeddedDatabase.holdsLock();
    try {
      unpackFiles(zip, manifest, staging, err);
      if (publishedNote != null) {
        // kept outside the database as the server keeps it: a start without the tile archive refuses to
        // publish a smaller log than this one, rather than forget it was published
        Files.writeString(staging.resolve("audit-published.checkpoint"), publishedNote, StandardCharsets.UTF_8);
      }
      try (EmbeddedDatabase db = EmbeddedDatabase.start(staging)) {
        EmbeddedDatabase.Credentials creds = db.credentials();
        String url = Launcher.withSafeErrors(creds.url());
        Flyway.configure().dataSource(url, EmbeddedDatabase.USER, creds.ownerPassword())
            .locations("classpath:db/migration").outOfOrder(true).target(manifest.schemaVersion())
            .callbacks(new ApplicationRoleGrants(EmbeddedDatabase.APP_USER))
            .load().migrate();
        err.println("glassplate: schema migrated to version " + manifest.schemaVersion());
        load(zip, manifest, url, creds.ownerPassword(), agencyId(staging), clock, err);
      } finally {
        if (!locked) {
          EmbeddedDatabase.unlockDataDirectory();
        }
      }
      moveIntoPlace(staging, data);
    } catch (IOException | SQLException | RuntimeException | Refused e) {
      discard(staging, err);
      throw e;
    }
  }

  private static void unpackFiles(ZipFile zip, BackupManifest manifest, Path staging, PrintStream err)
      throws IOException, Refused {
    for (BackupManifest.DataFile f : manifest.files()) {
      Path target = staging.resolve(f.path()).normalize();
      if (!target.startsWith(staging)) {
        throw new Refused("file " + f.path() + " of the backup is outside the data directory");
      }
      Files.createDirectories(target.getParent());
      try (InputStream in = zip.getInputStream(zip.getEntry("files/" + f.path()))) {
        Files.copy(in, target);
      }
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(f.permissions()));
    }
    err.println("glassplate: " + manifest.files().size() + " files of the data directory restored");
  }

  /** {@code --until}: an ISO 8601 time with its zone, after the base backup ended and not in the future. */
  static Instant until(String value, BackupManifest manifest, Path from, Clock clock) throws Refused {
    Instant until;
    try {
      until = java.time.OffsetDateTime.parse(value.strip().replace(' ', 'T')).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new Refused("--until: '" + value + "' is not a time with its zone, like 2027-01-31T14:05:00Z or "
          + "2027-01-31T06:05:00-08:00");
    }
    Instant now = clock.instant();
    if (until.isAfter(now)) {
      throw new Refused("--until: " + until + " is in the future (it is now " + now + ")");
    }
    if (manifest.base() == null) {
      throw new Refused(from + " holds no base backup of the database (it was taken by an older Glassplate): "
          + "a point-in-time restore needs one; restore it without --until");
    }
    Instant consistent = Instant.parse(manifest.base().consistentAt());
    if (!until.isAfter(consistent)) {
      throw new Refused("--until: " + until + " is before the base backup of " + from + " finished (" + consistent
          + "): restore an older backup to reach it, or give a later time");
    }
    return until;
  }

  /** The WAL archive to replay: {@code --wal-archive}, or the one the backup's database archived to. */
  private static Path walArchive(BackupManifest manifest, Map<String, String> opts, Instant until)
      throws Refused, IOException {
    Path archive = Path.of(opts.getOrDefault("--wal-archive", manifest.base().walArchive())).toAbsolutePath().normalize();
    if (!Files.isDirectory(archive)) {
      throw new Refused("the WAL archive " + archive + " does not exist"
          + (opts.containsKey("--wal-archive") ? "" : " (the backup's database archived there): name it with --wal-archive"));
    }
    java.util.Optional<Instant> reaches = PointInTimeRecovery.reaches(archive);
    if (reaches.isEmpty() || until.isAfter(reaches.get())) {
      throw new Refused("the WAL archive " + archive + " does not reach " + until + ": "
          + reaches.map(t -> "it reaches " + t + " (when its newest segment was archived); changes wait at most "
              + "archive_timeout (" + EmbeddedDatabase.ARCHIVE_TIMEOUT_SETTING + ") before they are archived")
              .orElse("it holds no WAL segment"));
    }
    return archive;
  }

  /**
   * {@code restore --until}: the base backup and DIR's files into a directory beside DIR, the WAL archive
   * replayed up to {@code until} ({@link PointInTimeRecovery}), new database passwords, the tile archive's
   * check against the log as it was then, a {@code RESTORED_TO_POINT_IN_TIME} audit entry (no restore
   * without it), then renamed to DIR.
   */
  private static PointInTimeRecovery.Result restoreToPointInTime(ZipFile zip, BackupManifest manifest, Path data,
      Instant until, Path walArchive, Map<String, String> opts, Clock clock, PrintStream err)
      throws IOException, SQLException, Refused {
    Path staging = staging(data);
    boolean locked = EmbeddedDatabase.holdsLock();
    try {
      unpackFiles(zip, manifest, staging, err);
      Path pg = staging.resolve("pg");
      Files.createDirectories(pg);
      Files.setPosixFilePermissions(pg, PosixFilePermissions.fromString("rwx------"));
      for (String dir : manifest.base().directories()) {
        Path d = pg.resolve(dir).normalize();
        if (!d.startsWith(pg)) {
          throw new Refused("directory " + dir + " of the base backup is outside the data directory");
        }
        Files.createDirectories(d);
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
      }
      int n = 0;
      for (BackupManifest.Entry e : manifest.entries()) {
        if (!e.name().startsWith("pg/")) {
          continue;
        }
        Path target = staging.resolve(e.name()).normalize();
        if (!target.startsWith(pg)) {
          throw new Refused("entry " + e.name() + " of the base backup is outside the data directory");
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = zip.getInputStream(zip.getEntry(e.name()))) {
          Files.copy(in, target);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        n++;
      }
      err.println("glassplate: base backup unpacked (" + n + " files); replaying the WAL archive " + walArchive
          + " up to " + until);
      PointInTimeRecovery.Result replayed = PointInTimeRecovery.replay(pg, staging, walArchive, until, err);
      err.println("glassplate: " + replayed.segments() + " WAL segments replayed"
          + (replayed.stoppedAt() == null ? "" : "; " + replayed.stoppedAt()));
      try (EmbeddedDatabase db = EmbeddedDatabase.start(staging);
           Connection c = DriverManager.getConnection(Launcher.withSafeErrors(db.credentials().url()),
               EmbeddedDatabase.USER, db.credentials().ownerPassword())) {
        long logSize;
        try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT size FROM audit_log_state")) {
          logSize = rs.next() ? rs.getLong(1) : 0;
        }
        err.println("glassplate: the database as it was at " + until + ": audit log size " + logSize);
        String published = checkPublished(zip, logSize, "the log at " + until, opts, err);
        if (published != null) {
          Files.writeString(staging.resolve("audit-published.checkpoint"), published, StandardCharsets.UTF_8);
        }
        c.setAutoCommit(true);
        OfflineAudit.append(c, agencyId(staging), AuditEvent.of(AuditTypes.RESTORED_TO_POINT_IN_TIME, Caller.system()).operatorOfThisMachine()
            .with("until", until.toString()).with("backupCreatedAt", manifest.createdAt())
            .with("logSize", logSize).with("walSegmentsReplayed", replayed.segments()).build(), clock.instant());
      } finally {
        if (!locked) {
          EmbeddedDatabase.unlockDataDirectory();
        }
      }
      moveIntoPlace(staging, data);
      return replayed;
    } catch (IOException | SQLException | RuntimeException | Refused e) {
      discard(staging, err);
      throw e;
    }
  }

  private static void load(ZipFile zip, BackupManifest manifest, String url, String ownerPassword, String agencyId,
      Clock clock, PrintStream err) throws SQLException, IOException {
    try (Connection c = DriverManager.getConnection(url, EmbeddedDatabase.USER, ownerPassword)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        // the owner loads rows that were consistent when copied: no trigger fires, no foreign key is checked
        s.execute("SET session_replication_role = replica");
        if (manifest.partitions() != null) {
          for (BackupManifest.Partition p : manifest.partitions()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + ApplicationRoleGrants.identifier(p.name()) + " PARTITION OF "
                + ApplicationRoleGrants.identifier(p.parent()) + " " + p.bound());
          }
        }
        // rows the migrations wrote (the log's state row, defaults) give way to the backup's
        s.execute("TRUNCATE " + String.join(", ", manifest.tables().stream()
            .map(t -> ApplicationRoleGrants.identifier(t.name())).toList()));
      }
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      for (BackupManifest.Table t : manifest.tables()) {
        String cols = String.join(", ", t.columns().stream().map(ApplicationRoleGrants::identifier).toList());
        long rows;
        try (InputStream in = zip.getInputStream(zip.getEntry(t.entry()))) {
          rows = copy.copyIn("COPY " + ApplicationRoleGrants.identifier(t.name()) + " (" + cols
              + ") FROM STDIN (FORMAT binary)", in);
        }
        if (rows != t.rows()) {
          throw new SQLException("table " + t.name() + " took " + rows + " rows, the backup has " + t.rows(), "XX000");
        }
        err.printf("  %-36s %,12d rows%n", t.name(), rows);
      }
      if (manifest.sequences() != null) {
        try (PreparedStatement p = c.prepareStatement("SELECT setval(('public.' || quote_ident(?))::regclass, ?, true)")) {
          for (BackupManifest.Sequence q : manifest.sequences()) {
            if (q.lastValue() != null) {
              p.setString(1, q.name());
              p.setLong(2, q.lastValue());
              p.executeQuery().close();
            }
          }
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("SET session_replication_role = origin");
      }
      OfflineAudit.append(c, agencyId, AuditEvent.of(AuditTypes.BACKUP_RESTORED, Caller.system()).operatorOfThisMachine()
          .with("backupCreatedAt", manifest.createdAt()).with("schemaVersion", manifest.schemaVersion())
          .with("logSize", manifest.logSize()).build(), clock.instant());
      c.commit();
    }
  }

  /** {@code glassplate.agency.id} of the data directory's glassplate.properties, or the application's default. */
  static String agencyId(Path data) throws IOException {
    Path local = data.resolve("glassplate.properties");
    Properties p = new Properties();
    if (Files.isRegularFile(local)) {
      try (InputStream in = Files.newInputStream(local)) {
        p.load(in);
      }
    }
    return p.getProperty("glassplate.agency.id", "demo-pd").strip();
  }

  /** An empty directory beside {@code data} to build the restore in, before it takes {@code data}'s place. */
  private static Path staging(Path data) throws IOException {
    Path staging = data.resolveSibling("." + data.getFileName() + ".restoring-" + ProcessHandle.current().pid());
    deleteTree(staging);
    // no one else may look in while the keys and the database files are written, before their modes are set
    Files.createDirectories(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    return staging;
  }

  /** The restored data directory, built beside {@code data}, takes its place (empty or absent, as checked). */
  private static void moveIntoPlace(Path staging, Path data) throws IOException {
    Files.deleteIfExists(staging.resolve("glassplate.lock"));
    if (Files.isDirectory(data)) {
      Files.delete(data);
    }
    Files.move(staging, data, StandardCopyOption.ATOMIC_MOVE);
    BackupCommand.syncDirectory(data.getParent());
  }

  /** A restore that failed leaves nothing behind. */
  private static void discard(Path staging, PrintStream err) {
    try {
      deleteTree(staging);
    } catch (IOException ignored) {
      err.println("glassplate: could not remove " + staging);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
