package org.glassplate.server.audit;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.glassplate.log.HashReader;
import org.glassplate.log.Merkle;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.server.audit.internal.AuditStore;
import org.glassplate.server.audit.internal.LeaderLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one writer of the audit log (DESIGN.md, "The audit log"). It moves committed pending entries,
 * in id order and up to {@code glassplate.audit.batch-size} per transaction, into the log with
 * consecutive indexes; writes the tree's tiles in the same transaction; and signs a C2SP checkpoint
 * at most every {@code glassplate.audit.checkpoint-interval} (at least once a second) while there
 * is something new.
 *
 * <p>Only the server holding a PostgreSQL advisory lock sequences; others stand by and take over if
 * it goes away. Each batch also checks, under a row lock, that the stored tree size is the one the
 * sequencer holds in memory, so a second writer can never interleave. The tree's right edge is kept
 * in memory ({@link LogTree}) and resumed from the stored tiles on start, after checking that they
 * match the latest signed checkpoint.
 */
@Component
class Sequencer implements SmartLifecycle {
  /** Starts before, and stops after, {@link ServerLifecycleAudit} and the web server. */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 8192;
  // Entries recorded by other servers (standing by) have no in-JVM signal: look for them this often.
  private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  private static final long STANDBY_POLL_MILLIS = 2000;
  private static final long FAULT_RETRY_MILLIS = 5000;
  private static final long LIVENESS_CHECK_NANOS = TimeUnit.SECONDS.toNanos(5);
  // A checkpoint asked for by someone waiting for one (a partner's query, answered with a checkpoint that
  // covers its entry) is signed at once, but never more often than this, however many ask.
  static final long SOON_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

  private static final Logger log = LoggerFactory.getLogger(Sequencer.class);

  private final LeaderLock lock;
  private final TransactionTemplate tx;
  private final AuditStore store;
  private final TileStore tiles;
  private final Checkpoints checkpoints;
  private final LogKey key;
  private final AuditSettings settings;
  private final Clock clock;
  private final TileArchive archive;

  private final Semaphore wakeups = new Semaphore(0);
  private final ConcurrentHashMap<Long, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
  private volatile boolean running;
  private volatile boolean leader;
  private volatile String fault;
  private volatile boolean checkpointWanted;
  private Thread thread;

  // Touched by the sequencer thread only.
  private LogTree tree;
  private long signedSize = -1;
  private long lastSignNanos;
  private long lastLivenessCheck;
  private boolean toldStandby;

  Sequencer(LeaderLock lock, TransactionTemplate tx, AuditStore store, TileStore tiles, Checkpoints checkpoints,
      LogKey key, AuditSettings settings, Clock clock, TileArchive archive) {
    this.archive = archive;
    this.lock = lock;
    this.tx = tx;
    this.store = store;
    this.tiles = tiles;
    this.checkpoints = checkpoints;
    this.key = key;
    this.settings = settings;
    this.clock = clock;
  }

  // ---- used by the recorder ----

  /** Asks the sequencer to look for new entries now rather than at its next poll. */
  void wake() {
    if (wakeups.availablePermits() == 0) {
      wakeups.release();
    }
  }

  /**
   * Asks for a checkpoint covering what is integrated now, without waiting for the next interval (at most
   * one every {@link #SOON_MIN_NANOS}): for a caller that must answer with a signed checkpoint covering its
   * entry, as the owner of a partner's query does.
   */
  void checkpointSoon() {
    checkpointWanted = true;
    wake();
  }

  /** A future completed with the log index of pending entry {@code pendingId} when this server sequences it. */
  CompletableFuture<Long> expect(long pendingId) {
    return waiting.computeIfAbsent(pendingId, id -> new CompletableFuture<>());
  }

  void forget(long pendingId) {
    waiting.remove(pendingId);
  }

  /** Whether this server holds the sequencer lock and is sequencing (not standing by or stopped on a fault). */
  boolean sequencing() {
    return leader && fault == null;
  }

  /** Why the sequencer refuses to append, or null. */
  String fault() {
    return fault;
  }

  // ---- lifecycle ----

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "audit-sequencer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Integrates whatever is pending, signs it, and releases the sequencer lock. */
  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    wakeups.release();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(15));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread = null;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  // ---- the loop ----

  private void run() {
    while (running) {
      try {
        if (tree == null) {
          if (!lead()) {
            pause(STANDBY_POLL_MILLIS);
            continue;
          }
          resume();
        }
        int integrated = integrate();
        sign(false);
        checkLiveness();
        if (integrated < settings.batchSize()) {
          awaitWork();
        }
      } catch (LogFault f) {
        if (!f.getMessage().equals(fault)) {
          log.error("the audit log is not sequenced: {}", f.getMessage());
        }
        fault = f.getMessage();
        tree = null;
        release();
        pause(FAULT_RETRY_MILLIS);
      } catch (RuntimeException | SQLException e) {
        log.error("audit sequencer failed ({}); resuming from storage", describe(e));
        tree = null;
        pause(1000);
      }
    }
    drain();
    release();
  }

  private void drain() {
    if (tree == null) {
      return;
    }
    try {
      if (!lock.isValid(1)) {
        // The database went first (e.g. a test JVM's hooks stop it in parallel): nothing to drain into.
        log.warn("the database is gone; entries still pending are integrated by the next sequencer");
        tree = null;
        return;
      }
      while (integrate() == settings.batchSize()) {
        // keep going until the pending table is empty
      }
      sign(true);
    } catch (RuntimeException | SQLException e) {
      log.error("audit sequencer could not integrate the last entries before stopping ({})", describe(e));
    }
    tree = null;
  }

  private boolean lead() throws SQLException {
    if (lock.held()) {
      return true;
    }
    if (!lock.tryAcquire()) {
      if (!toldStandby) {
        log.info("another server sequences the audit log; this one stands by");
        toldStandby = true;
      }
      return false;
    }
    leader = true;
    lastLivenessCheck = System.nanoTime();
    if (fault == null) {
      log.info("this server sequences the audit log");
    }
    toldStandby = false;
    return true;
  }

  private void release() {
    leader = false;
    checkpoints.authoritative(false);
    lock.release();
  }

  private void checkLiveness() throws SQLException {
    if (System.nanoTime() - lastLivenessCheck < LIVENESS_CHECK_NANOS) {
      return;
    }
    lastLivenessCheck = System.nanoTime();
    if (!lock.isValid(2)) {
      tree = null;
      release();
      throw new SQLException("lost the connection that holds the sequencer lock");
    }
  }

  /** Loads the tree's right edge from storage and checks it against the latest signed checkpoint. */
  private void resume() {
    tiles.clearCache();
    checkpoints.forget();
    AuditStore.State state = store.state();
    long size = state.size();
    HashReader stored = tiles.reader(size);
    LogTree t;
    try {
      t = LogTree.resume(size, stored, tiles::readStored);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new LogFault("cannot resume the tree of size " + size + ": " + e.getMessage());
    }
    Optional<AuditLog.SignedCheckpoint> latest = store.latestCheckpoint();
    if (latest.isPresent()) {
      AuditLog.SignedCheckpoint c = latest.get();
      if (c.size() > size) {
        throw new LogFault("the stored tree has " + size + " entries, fewer than its latest signed checkpoint (size "
            + c.size() + ")");
      }
      byte[] root = c.size() == size ? t.root() : Proofs.root(c.size(), stored);
      if (!Arrays.equals(root, c.rootHash())) {
        throw new LogFault("the stored tree does not match its latest signed checkpoint (size " + c.size() + ")");
      }
    }
    if (state.verifierKey() == null) {
      store.setVerifierKey(key.verifierKey());
    } else if (!state.verifierKey().equals(key.verifierKey())) {
      throw new LogFault("the log is signed with key " + state.verifierKey() + " but this server has "
          + key.verifierKey() + "; give it the log's key (glassplate.audit.signer-key-file)");
    }
    tree = t;
    fault = null;
    signedSize = latest.map(AuditLog.SignedCheckpoint::size).orElse(-1L);
    latest.ifPresent(checkpoints::publish);
    checkpoints.authoritative(true);
    lastSignNanos = System.nanoTime() - settings.checkpointInterval().toNanos();
    log.info("audit log resumed at size {}", size);
  }

  private record Taken(long first, List<AuditStore.Pending> entries) {
  }

  /** Integrates one batch of pending entries; returns how many. */
  private int integrate() {
    Taken taken = tx.execute(status -> {
      long stored = store.lockTreeSize();
      if (stored != tree.size()) {
        throw new LogFault("the stored tree size is " + stored + " but this sequencer is at " + tree.size()
            + "; another writer changed the log");
      }
      List<AuditStore.Pending> pending = store.takePending(settings.batchSize());
      if (pending.isEmpty()) {
        return null;
      }
      long first = tree.size();
      for (AuditStore.Pending p : pending) {
        tree.append(Merkle.leafHash(p.entry()));
      }
      store.insertEntries(first, pending, clock.instant());
      tiles.write(tree.takeChangedTiles());
      store.setTreeSize(tree.size());
      return new Taken(first, pending);
    });
    if (taken == null) {
      return 0;
    }
    List<AuditStore.Pending> entries = taken.entries();
    if (!waiting.isEmpty()) {
      for (int i = 0; i < entries.size(); i++) {
        CompletableFuture<Long> f = waiting.remove(entries.get(i).id());
        if (f != null) {
          f.complete(taken.first() + i);
        }
      }
    }
    return entries.size();
  }

  /** Signs a checkpoint of the current tree if it grew and the last one is old enough (or {@code now}). */
  private void sign(boolean now) {
    long size = tree.size();
    if (size == signedSize) {
      return;
    }
    long t = System.nanoTime();
    boolean soon = checkpointWanted && t - lastSignNanos >= SOON_MIN_NANOS;
    if (!now && !soon && t - lastSignNanos < settings.checkpointInterval().toNanos()) {
      return;
    }
    checkpointWanted = false;
    byte[] root = tree.root();
    String note = key.signer().sign(new Checkpoint(key.origin(), size, root).body());
    AuditLog.SignedCheckpoint c = new AuditLog.SignedCheckpoint(size, root, note, clock.instant());
    store.insertCheckpoint(c);
    archive.published(c); // kept outside the database (and archived) before it is served
    signedSize = size;
    lastSignNanos = t;
    checkpoints.publish(c);
  }

  /** Waits for a wake-up, or until the next checkpoint is due, or the idle poll (entries from other servers). */
  private void awaitWork() {
    long wait = IDLE_POLL_NANOS;
    if (tree != null && tree.size() != signedSize) {
      long due = checkpointWanted ? SOON_MIN_NANOS : settings.checkpointInterval().toNanos();
      wait = Math.min(wait, Math.max(0, lastSignNanos + due - System.nanoTime()));
    }
    try {
      if (wait > 0 && running) {
        wakeups.tryAcquire(wait, TimeUnit.NANOSECONDS);
      }
      wakeups.drainPermits();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void pause(long millis) {
    try {
      wakeups.tryAcquire(millis, TimeUnit.MILLISECONDS);
      wakeups.drainPermits();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Exception type and SQL state only: third-party messages may quote values (R-AUD-4). */
  static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        sb.append(", SQL state ").append(s.getSQLState());
        break;
      }
      if (t instanceof LogFault) {
        sb.append(": ").append(t.getMessage());
      }
    }
    return sb.toString();
  }
}
