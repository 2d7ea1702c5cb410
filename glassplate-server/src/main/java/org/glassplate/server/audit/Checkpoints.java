package org.glassplate.server.audit;

import org.glassplate.server.audit.internal.AuditStore;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The latest signed checkpoint, as the public endpoints serve it: pushed by this server's sequencer
 * when it signs (then storage is not read at all), otherwise re-read from storage at most every
 * 250 ms (another server is the sequencer). It never goes backwards, so a client never sees a
 * smaller tree than it saw before, until the sequencer restarts on changed storage ({@link #forget}).
 */
@Component
class Checkpoints {
  private static final long REFRESH_NANOS = 250_000_000L;

  private final AuditStore store;
  private AuditLog.SignedCheckpoint latest;
  private long readAt;
  private boolean known;
  private boolean authoritative;

  Checkpoints(AuditStore store) {
    this.store = store;
  }

  Optional<AuditLog.SignedCheckpoint> latest() {
    synchronized (this) {
      if (known && (authoritative || System.nanoTime() - readAt < REFRESH_NANOS)) {
        return Optional.ofNullable(latest);
      }
    }
    Optional<AuditLog.SignedCheckpoint> stored = store.latestCheckpoint();
    synchronized (this) {
      stored.ifPresent(this::advance);
      readAt = System.nanoTime();
      known = true;
      return Optional.ofNullable(latest);
    }
  }

  /** A checkpoint this server just signed. */
  synchronized void publish(AuditLog.SignedCheckpoint c) {
    advance(c);
    readAt = System.nanoTime();
    known = true;
  }

  private void advance(AuditLog.SignedCheckpoint c) {
    if (latest == null || c.size() >= latest.size()) {
      latest = c;
    }
  }

  /**
   * Whether this server's sequencer signs every checkpoint (it holds the lock), so that what it
   * published is the latest.
   */
  synchronized void authoritative(boolean signsHere) {
    authoritative = signsHere;
  }

  /** Drops what is known, e.g. when the sequencer resumes from storage that may have been restored. */
  synchronized void forget() {
    latest = null;
    known = false;
    authoritative = false;
  }
}
