package org.glassplate.server.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.glassplate.log.Merkle;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.CheckpointVerificationException;
import org.glassplate.log.tiles.TilePath;
import org.glassplate.log.tiles.Tiles;
import org.glassplate.server.audit.internal.AuditStore;
import org.glassplate.server.core.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the log from rolling back a checkpoint it has published (issue 18; a witness would see a fork).
 *
 * <p>Every checkpoint the sequencer signs is first written to {@code ${glassplate.data-dir}/}{@value
 * #PUBLISHED_COPY} (outside the database, so that a database restored or copied back alone is caught)
 * and, when {@code glassplate.audit.archive-dir} is set, copied into that <em>tile archive</em> after
 * its entry bundles and hash tiles, at their c2sp.org/tlog-tiles paths ({@code tile/entries/...},
 * {@code tile/L/...}, the partial ones as {@code .p/W} and only the widest kept), with the checkpoint
 * note itself in {@value #CHECKPOINT} written last: the archive's checkpoint is always covered by its
 * bundles. Full tiles and bundles never change, so the archive only grows.
 *
 * <p>On start, before the sequencer: when the archive's checkpoint or the kept copy (each verified with
 * the log's key and origin) is larger than the database's log, the missing entries are rebuilt from the
 * archive's entry bundles in one transaction, checked against the archive's checkpoint root, with that
 * checkpoint and a {@code LOG_REBUILT_FROM_ARCHIVE} entry. Bundles hold the public entries only: the
 * rebuilt entries have no salt or private fields (an auditor's opening of one answers 404; their
 * commitments stay in the signed entries). When the archive cannot fill the gap, the server refuses to
 * start, naming the sizes. A checkpoint kept there that the database's log does not contain (another
 * history of the same size) is refused as well.
 */
@Component
class TileArchive implements SmartLifecycle {
  static final String CHECKPOINT = "checkpoint";
  static final String PUBLISHED_COPY = "audit-published.checkpoint";
  private static final int W = TilePath.FULL_WIDTH;
  private static final int H = Merkle.HASH_SIZE;
  private static final long RETRY_MILLIS = 5000;
  private static final Logger log = LoggerFactory.getLogger(TileArchive.class);

  private final Path dir;
  private final Path publishedCopy;
  private final AuditStore store;
  private final TileStore tiles;
  private final LogKey key;
  private final LogOrigins origins;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final String agencyId;

  private final Object lock = new Object();
  private AuditLog.SignedCheckpoint wanted; // guarded by lock
  private long copiedSize = -1; // guarded by lock
  private volatile boolean running;
  private Thread thread;
  private long archivedSize; // archiver only

  TileArchive(AuditSettings settings, @Value("${glassplate.data-dir}") Path dataDir, AuditStore store,
      TileStore tiles, LogKey key, LogOrigins origins, TransactionTemplate tx, Clock clock,
      @Value("${glassplate.agency.id:demo-pd}") String agencyId) {
    this.dir = settings.archiveDir() == null ? null : settings.archiveDir().toAbsolutePath().normalize();
    this.publishedCopy = dataDir.resolve(PUBLISHED_COPY).toAbsolutePath().normalize();
    this.store = store;
    this.tiles = tiles;
    this.key = key;
    this.origins = origins;
    this.tx = tx;
    this.clock = clock;
    this.agencyId = agencyId;
  }

  // ---- on start: rebuild or refuse ----

  /** A verified checkpoint read from a file, with its note and the file's time. */
  private record Kept(Checkpoint checkpoint, String note, Instant at, Path file) {
    long size() {
      return checkpoint.size();
    }
  }

  private Optional<Kept> read(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String note = Files.readString(file, StandardCharsets.UTF_8);
      Checkpoint c = origins.verify(note); // of the current origin, or of one before a move to a new key
      return Optional.of(new Kept(c, note, Files.getLastModifiedTime(file).toInstant(), file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the published checkpoint kept in " + file, e);
    } catch (CheckpointVerificationException e) {
      throw new LogRollbackRefused("the checkpoint in " + file + " is not one of this log ("
          + key.origin() + ") signed with its key: " + e.getMessage());
    }
  }

  /**
   * Rebuilds the database's log up to the archive's checkpoint when it is behind, or refuses (an
   * IllegalStateException that names the sizes) when it is behind a published checkpoint the archive
   * cannot fill, or does not contain one.
   */
  void checkPublished() {
    Optional<Kept> archived = read(dir == null ? null : dir.resolve(CHECKPOINT));
    Optional<Kept> copy = read(publishedCopy);
    long stored = store.state().size();
    Kept known = archived.orElse(null);
    if (copy.isPresent() && (known == null || copy.get().size() > known.size())) {
      known = copy.get();
    }
    if (known == null) {
      return;
    }
    if (known.size() <= stored) {
      for (Kept k : new Kept[] {archived.orElse(null), copy.orElse(null)}) {
        if (k != null && k.size() > 0
            && !Arrays.equals(Proofs.root(k.size(), tiles.reader(stored)), k.checkpoint().rootHash())) {
          throw new LogRollbackRefused("the database's log does not contain checkpoint " + k.size()
              + " that this log published (kept in " + k.file() + "): it holds another history");
        }
      }
      return;
    }
    if (archived.isPresent() && archived.get().size() == known.size()) {
      rebuild(archived.get());
      return;
    }
    throw new LogRollbackRefused("the database's log has " + stored + " entries but checkpoint " + known.size()
        + " was published (kept in " + known.file() + "); " + (dir == null
        ? "restore the tile archive and name it (glassplate.audit.archive-dir, --audit-archive-dir)"
        : "restore the tile archive (glassplate.audit.archive-dir: " + dir + " has "
            + archived.map(k -> "checkpoint " + k.size()).orElse("no checkpoint") + ")")
        + " or a database backup that has them; starting would publish a smaller log than checkpoint " + known.size());
  }

  private void rebuild(Kept target) {
    long[] from = {-1};
    tx.executeWithoutResult(status -> {
      long size = store.lockTreeSize(); // the sequencer's fence: a running sequencer elsewhere stops and resumes
      from[0] = size;
      LogTree tree;
      try {
        tree = LogTree.resume(size, tiles.reader(size), tiles::readStored);
      } catch (IllegalStateException | IllegalArgumentException e) {
        throw new IllegalStateException("cannot rebuild the log from the tile archive: " + e.getMessage());
      }
      Instant now = clock.instant();
      long n = target.size();
      for (long i = size / W; i * W < n; i++) {
        long first = i * W;
        int width = TilePath.widthAt(0, i, n);
        List<byte[]> bundle = bundle(i, width, size, n);
        long start = Math.max(first, size);
        List<byte[]> entries = bundle.subList((int) (start - first), width);
        List<Integer> types = new ArrayList<>(entries.size());
        List<Instant> times = new ArrayList<>(entries.size());
        for (byte[] e : entries) {
          tree.append(Merkle.leafHash(e));
          JsonNode json = AuditRecorder.CANONICAL.readTree(e);
          types.add(json.path("typeCode").asInt());
          times.add(Instant.parse(json.path("time").asString()));
        }
        store.insertRebuiltEntries(start, entries, types, times, now);
        store.deletePendingEntries(entries);
        tiles.write(tree.takeChangedTiles());
      }
      if (!Arrays.equals(tree.root(), target.checkpoint().rootHash())) {
        throw new LogRollbackRefused("the database's log (" + size + " entries) and the tile archive's entries do "
            + "not make checkpoint " + n + " (another history, or a damaged archive in " + dir + ")");
      }
      store.setTreeSize(n);
      store.insertCheckpoint(new AuditLog.SignedCheckpoint(n, target.checkpoint().rootHash(), target.note(), target.at()));
      AuditRecorder.PendingRow row = AuditRecorder.pendingRow(AuditEvent.of(AuditTypes.LOG_REBUILT_FROM_ARCHIVE,
          Caller.system()).with("fromSize", size).with("toSize", n).build(), now, agencyId);
      store.insertPending(row.typeCode(), row.entry(), row.salt(), row.privateJson(), row.time());
    });
    tiles.clearCache();
    log.warn("rebuilt the audit log from {} to {} entries from the tile archive {} (the rebuilt entries have no "
        + "private fields)", from[0], target.size(), dir);
  }

  /** The first {@code width} entries of bundle {@code index}, from the archive: full, that partial, or a wider one. */
  private List<byte[]> bundle(long index, int width, long stored, long target) {
    TilePath full = new TilePath(true, 0, index, W);
    List<Path> candidates = new ArrayList<>();
    candidates.add(dir.resolve(full.path()));
    if (width < W) {
      candidates.add(dir.resolve(new TilePath(true, 0, index, width).path()));
      Path partials = dir.resolve(full.path() + ".p");
      if (Files.isDirectory(partials)) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(partials)) {
          ds.forEach(p -> {
            if (p.getFileName().toString().matches("\\d+")) {
              candidates.add(p);
            }
          });
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        try {
          List<byte[]> entries = Tiles.decodeEntryBundle(Files.readAllBytes(p));
          if (entries.size() >= width) {
            return entries.subList(0, width);
          }
        } catch (IOException | IllegalArgumentException e) {
          log.warn("unreadable entry bundle {} in the tile archive ({})", p, e.getClass().getSimpleName());
        }
      }
    }
    throw new LogRollbackRefused("the database's log has " + stored + " entries but checkpoint " + target
        + " was published; the tile archive " + dir + " lacks entry bundle " + new TilePath(true, 0, index, width)
        + ": restore the tile archive (glassplate.audit.archive-dir) or a database backup that has them");
  }

  // ---- while running: the kept copy and the archive ----

  /**
   * A checkpoint the sequencer has just stored, before it is served: kept in the data directory at once
   * (never replaced by a smaller one), and queued for the archive.
   */
  void published(AuditLog.SignedCheckpoint c) {
    synchronized (lock) {
      if (c.size() > copiedSize) {
        try {
          writeAtomically(publishedCopy, c.note().getBytes(StandardCharsets.UTF_8));
          copiedSize = c.size();
        } catch (IOException e) {
          log.error("could not keep the published checkpoint in {} ({})", publishedCopy, e.getClass().getSimpleName());
        }
      }
      if (dir != null && (wanted == null || c.size() > wanted.size())) {
        wanted = c;
        lock.notifyAll();
      }
    }
  }

  @Override
  public void start() {
    checkPublished();
    read(publishedCopy).ifPresent(k -> {
      synchronized (lock) {
        copiedSize = k.size();
      }
    });
    if (dir != null) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the tile archive " + dir, e);
      }
      archivedSize = read(dir.resolve(CHECKPOINT)).map(Kept::size).orElse(0L);
      store.latestCheckpoint().ifPresent(this::published); // an archive behind the log catches up
      thread = new Thread(this::run, "audit-tile-archive");
      thread.setDaemon(true);
    }
    running = true;
    if (thread != null) {
      thread.start();
    }
  }

  private void run() {
    while (running) {
      AuditLog.SignedCheckpoint c;
      synchronized (lock) {
        while (running && (wanted == null || wanted.size() <= archivedSize)) {
          try {
            lock.wait(1000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        c = wanted;
      }
      if (c == null || !running) {
        break;
      }
      try {
        archive(c);
      } catch (IOException | RuntimeException e) {
        log.error("could not copy checkpoint {} to the tile archive {} ({}); retrying", c.size(), dir,
            Sequencer.describe(e));
        try {
          Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Copies what checkpoint {@code c} adds to the archive, then the checkpoint. */
  synchronized void archive(AuditLog.SignedCheckpoint c) throws IOException {
    long n = c.size();
    long from = archivedSize;
    if (n <= from) {
      return;
    }
    for (long i = from / W; i * W < n; i++) {
      int width = TilePath.widthAt(0, i, n);
      List<byte[]> entries = store.entryBytes(i * W, i * W + width);
      if (entries.size() != width) {
        throw new IllegalStateException("the log has " + entries.size() + " of the " + width + " entries of bundle " + i);
      }
      put(new TilePath(true, 0, i, width), Tiles.encodeEntryBundle(entries));
    }
    for (int level = 0; level < LogTree.TILE_LEVELS && (n >>> (8 * level)) > 0; level++) {
      long nodes = n >>> (8 * level);
      for (long i = (from >>> (8 * level)) / W; i * W < nodes; i++) {
        int width = TilePath.widthAt(level, i, n);
        if (width == 0) {
          continue;
        }
        byte[] hashes = tiles.read(level, i, width);
        if (hashes == null) {
          throw new IllegalStateException("the log has no tile " + TilePath.hashTile(level, i, width % W));
        }
        put(new TilePath(false, level, i, width), hashes);
      }
    }
    writeAtomically(dir.resolve(CHECKPOINT), c.note().getBytes(StandardCharsets.UTF_8));
    archivedSize = n;
  }

  /** Writes one tile; a full one is never rewritten; only the widest partial one is kept. */
  private void put(TilePath path, byte[] bytes) throws IOException {
    Path full = dir.resolve(new TilePath(path.entryBundle(), path.level(), path.index(), W).path());
    Path partials = full.resolveSibling(full.getFileName() + ".p");
    if (!path.partial()) {
      if (!Files.exists(full)) {
        writeAtomically(full, bytes);
      }
      deleteAll(partials, null);
      return;
    }
    Path file = dir.resolve(path.path());
    if (!Files.exists(file)) {
      writeAtomically(file, bytes);
    }
    deleteAll(partials, file);
  }

  private static void deleteAll(Path partials, Path keep) throws IOException {
    if (!Files.isDirectory(partials)) {
      return;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(partials)) {
      for (Path p : ds) {
        if (!p.equals(keep) && !p.getFileName().toString().endsWith(".tmp")) {
          Files.deleteIfExists(p);
        }
      }
    }
    if (keep == null) {
      Files.deleteIfExists(partials);
    }
  }

  /** Writes {@code file} through a synced temporary file beside it (mode 0644), renamed over it. */
  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    // a name of its own: another server on the same data directory or archive (a self-audit) may write the same file
    Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Copies the last checkpoint the sequencer signed while stopping, then stops. */
  @Override
  public void stop() {
    running = false;
    synchronized (lock) {
      lock.notifyAll();
    }
    if (thread != null) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(15));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
      AuditLog.SignedCheckpoint last;
      synchronized (lock) {
        last = wanted;
      }
      if (last != null) {
        try {
          archive(last);
        } catch (IOException | RuntimeException e) {
          log.error("could not copy the last checkpoint to the tile archive {} ({})", dir, Sequencer.describe(e));
        }
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Starts before the sequencer (the log is whole before it resumes), and stops after it (its last checkpoint). */
  @Override
  public int getPhase() {
    return Sequencer.PHASE - 1;
  }
}
