package org.glassplate.server.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.CheckpointVerificationException;
import org.glassplate.log.note.CheckpointVerifier;
import org.glassplate.server.audit.internal.AuditStore;
import org.springframework.stereotype.Component;

/**
 * The log's origins, one after the other (issue 18, moving to a new log key): the tree goes on, and at
 * each move ({@code glassplate audit rotate-key}) the old origin's last entry, a {@code LOG_KEY_ROTATED}
 * announcement of the new origin and key, is covered by the old origin's final checkpoint, signed with
 * the old key; from then on checkpoints are signed with the new key and origin. Served at
 * {@code GET /api/v1/audit/origins} for {@code audit verify} (glassplate-log's {@code OriginChain}) and
 * shown on the transparency page.
 */
@Component
public class LogOrigins {
  private final AuditStore store;
  private final LogKey key;

  LogOrigins(AuditStore store, LogKey key) {
    this.store = store;
    this.key = key;
  }

  /**
   * One origin of the log.
   *
   * @param firstSize the tree size at which it began
   * @param finalSize the size of its final checkpoint, or null for the current origin
   * @param finalCheckpoint its final checkpoint note, signed with its key, or null for the current origin
   * @param endedAt when it ended, or null
   * @param nextOrigin the origin its last entry announced, or null
   */
  public record Origin(String origin, String verifierKey, long firstSize, Long finalSize, String finalCheckpoint,
      Instant endedAt, String nextOrigin) {
    public boolean current() {
      return finalSize == null;
    }
  }

  /** Every origin, oldest first, the current one last. */
  public List<Origin> all() {
    List<Origin> out = new ArrayList<>();
    long first = 0;
    for (AuditStore.EndedOrigin o : store.endedOrigins()) {
      out.add(new Origin(o.origin(), o.verifierKey(), o.firstSize(), o.finalSize(), o.finalCheckpoint(), o.endedAt(),
          o.nextOrigin()));
      first = o.finalSize();
    }
    out.add(new Origin(key.origin(), key.verifierKey(), first, null, null, null, null));
    return out;
  }

  /**
   * Verifies a checkpoint of this log signed with the key of its own origin, the current one or one that
   * ended (e.g. a checkpoint kept from before a move).
   */
  Checkpoint verify(String note) throws CheckpointVerificationException {
    String origin = note.indexOf('\n') < 0 ? note : note.substring(0, note.indexOf('\n'));
    if (!origin.equals(key.origin())) {
      for (AuditStore.EndedOrigin o : store.endedOrigins()) {
        if (o.origin().equals(origin)) {
          return CheckpointVerifier.verify(note, o.verifierKey(), o.origin());
        }
      }
    }
    return CheckpointVerifier.verify(note, key.verifierKey(), key.origin());
  }
}
