package org.glassplate.server.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.glassplate.log.Merkle;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.CheckpointVerificationException;
import org.glassplate.log.note.CheckpointVerifier;
import org.glassplate.log.note.Ed25519NoteSigner;
import org.glassplate.server.audit.internal.AuditStore;
import org.glassplate.server.audit.internal.LeaderLock;
import org.glassplate.server.audit.internal.TileRows;
import org.glassplate.server.core.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Moves the log to a new key ({@code glassplate audit rotate-key}, issue 18), with no server running on
 * its database (the caller holds the sequencer's lock). The tree goes on; only the origin and key change.
 * In one transaction: the entries still pending are sequenced (they belong to the old origin), then a
 * {@code LOG_KEY_ROTATED} entry naming the new origin and key, and the checkpoint that covers it is signed
 * with the OLD key: the old origin's final checkpoint. Then a {@code LOG_ORIGIN_STARTED} entry, signed
 * with the NEW key and origin, so that the checkpoint served from then on is the new origin's. The ended
 * origin is recorded in {@code audit_log_origin} and the new origin and key in {@code audit_log_state}.
 * The new private key is written beside the old one first ({@code KEY.new}) and put in its place only
 * after the transaction committed; if anything fails before, nothing changed (fail closed) and the
 * {@code .new} file is removed.
 */
public final class LogKeyRotation {
  private static final int BATCH = 4096;

  private LogKeyRotation() {
  }

  /** A reason not to rotate, said to the operator as it is. */
  public static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * What the move did.
   *
   * @param finalSize the old origin's final checkpoint's size (its last entry is the announcement)
   * @param size the tree size now, signed with the new key
   * @param oldFinalCheckpoint the old origin's final checkpoint, signed with the old key
   * @param keptOldKey where the old private key was moved, or null when it was destroyed
   */
  public record Result(String oldOrigin, String oldKey, String newOrigin, String newKey, long finalSize, long size,
      String oldFinalCheckpoint, Path keptOldKey) {
  }

  /**
   * Moves the log to a new key.
   *
   * @param dataSource the log's database; no server may run on it
   * @param keyFile the log's signer key file, replaced by the new key
   * @param newOriginOrNull the new origin, or null for the first origin with a {@code /N} generation suffix
   * @param keepOldKey where to move the old private key (a new file, 0600), or null to destroy it
   * @param publishedCopy the data directory's copy of the latest published checkpoint ({@link TileArchive})
   */
  public static Result rotate(DataSource dataSource, Path keyFile, String newOriginOrNull, Path keepOldKey,
      Path publishedCopy, Clock clock) throws Refused, IOException {
    if (!Files.isRegularFile(keyFile)) {
      throw new Refused("no audit signer key at " + keyFile);
    }
    Ed25519NoteSigner old;
    try {
      old = Ed25519NoteSigner.fromSignerKey(Files.readString(keyFile, StandardCharsets.UTF_8).trim());
    } catch (IllegalArgumentException e) {
      throw new Refused(keyFile + " is not a C2SP Ed25519 signer key: " + e.getMessage());
    }
    if (keepOldKey != null && Files.exists(keepOldKey)) {
      throw new Refused(keepOldKey + " exists: name a new file to keep the old key in");
    }
    LeaderLock sequencer = new LeaderLock(dataSource);
    try {
      if (!sequencer.tryAcquire()) {
        throw new Refused("a server is running on this database (it holds the audit sequencer's lock): stop every "
            + "server first; the log's key changes only while no server signs with it");
      }
      return rotate(dataSource, old, keyFile, newOriginOrNull, keepOldKey, publishedCopy, clock);
    } catch (SQLException e) {
      throw new IOException("cannot reach the database (" + Sequencer.describe(e) + ")");
    } finally {
      sequencer.release();
    }
  }

  private static Result rotate(DataSource dataSource, Ed25519NoteSigner old, Path keyFile, String newOriginOrNull,
      Path keepOldKey, Path publishedCopy, Clock clock) throws Refused, IOException {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    AuditStore store = new AuditStore(jdbc);
    TileStore tiles = new TileStore(new TileRows(jdbc), new AuditSettings("localhost", null, Duration.ofSeconds(1),
        BATCH, Duration.ofSeconds(5), 64, null));
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

    AuditLog.SignedCheckpoint latest = store.latestCheckpoint()
        .orElseThrow(() -> new Refused("the log has no signed checkpoint yet: start the server once first"));
    String oldOrigin = firstLine(latest.note());
    try {
      CheckpointVerifier.verify(latest.note(), old.verifierKey(), oldOrigin);
    } catch (CheckpointVerificationException e) {
      throw new Refused("the key in " + keyFile + " (" + old.verifierKey() + ") does not sign the log's latest "
          + "checkpoint (size " + latest.size() + ", origin " + oldOrigin + "): it is not the log's key");
    }
    AuditStore.State state = store.state();
    if (state.verifierKey() != null && !state.verifierKey().equals(old.verifierKey())) {
      throw new Refused("the log is signed with key " + state.verifierKey() + " but " + keyFile + " holds "
          + old.verifierKey());
    }
    Optional<String> storedOrigin = store.storedOrigin();
    if (storedOrigin.isPresent() && !storedOrigin.get().equals(oldOrigin)) {
      throw new Refused("the log's current origin is " + storedOrigin.get() + " but its latest checkpoint is of "
          + oldOrigin);
    }
    checkPublishedCopy(publishedCopy, state.size(), store, old);
    List<AuditStore.EndedOrigin> ended = store.endedOrigins();
    String base = ended.isEmpty() ? oldOrigin : ended.get(0).origin();
    String newOrigin = newOriginOrNull != null ? newOriginOrNull : base + "/" + (ended.size() + 2);
    if (newOrigin.isBlank() || newOrigin.chars().anyMatch(c -> c <= ' ' || c == '+')) {
      throw new Refused("--origin must be a name without spaces or '+', got \"" + newOrigin + "\"");
    }
    if (newOrigin.equals(oldOrigin) || ended.stream().anyMatch(o -> o.origin().equals(newOrigin))) {
      throw new Refused("the log has had origin " + newOrigin + " already: a new key needs a new origin");
    }
    Ed25519NoteSigner next = Ed25519NoteSigner.generate(newOrigin);
    Path newKeyFile = keyFile.resolveSibling(keyFile.getFileName() + ".new");
    if (Files.exists(newKeyFile)) {
      throw new Refused(newKeyFile + " exists (an interrupted rotate-key?): compare its key with the log's "
          + "(GET /api/v1/audit/key) and remove it or put it in place of " + keyFile);
    }
    LogKey.write(newKeyFile, next.signerKey());
    if (keepOldKey != null) {
      try {
        LogKey.write(keepOldKey.toAbsolutePath(), old.signerKey());
      } catch (IOException e) {
        Files.deleteIfExists(newKeyFile);
        throw e;
      }
    }

    Instant now = clock.instant();
    long[] sizes = new long[2];
    String[] oldFinal = new String[1];
    String[] newNote = new String[1];
    try {
      tx.executeWithoutResult(status -> {
        long size = store.lockTreeSize();
        LogTree tree;
        try {
          tree = LogTree.resume(size, tiles.reader(size), tiles::readStored);
        } catch (IllegalStateException | IllegalArgumentException e) {
          throw new IllegalStateException("cannot resume the tree of size " + size + ": " + e.getMessage());
        }
        if (latest.size() > size || !Arrays.equals(latest.size() == size ? tree.root()
            : Proofs.root(latest.size(), tiles.reader(size)), latest.rootHash())) {
          throw new IllegalStateException("the stored tree (" + size + " entries) does not match its latest signed "
              + "checkpoint (size " + latest.size() + ")");
        }
        String agency = agencyOf(store, size);
        // what is pending belongs to the old origin
        for (List<AuditStore.Pending> p = store.takePending(BATCH); !p.isEmpty(); p = store.takePending(BATCH)) {
          append(store, tree, p, now);
        }
        AuditRecorder.PendingRow rotated = AuditRecorder.pendingRow(AuditEvent.of(AuditTypes.LOG_KEY_ROTATED,
                Caller.system()).operatorOfThisMachine()
            .with("origin", oldOrigin).with("verifierKey", old.verifierKey())
            .with("newOrigin", newOrigin).with("newVerifierKey", next.verifierKey()).build(), now, agency);
        store.insertPending(rotated.typeCode(), rotated.entry(), rotated.salt(), rotated.privateJson(), rotated.time());
        append(store, tree, store.takePending(1), now);
        long finalSize = tree.size();
        oldFinal[0] = old.sign(new Checkpoint(oldOrigin, finalSize, tree.root()).body());
        tiles.write(tree.takeChangedTiles());
        store.insertCheckpoint(new AuditLog.SignedCheckpoint(finalSize, tree.root(), oldFinal[0], now));

        AuditRecorder.PendingRow started = AuditRecorder.pendingRow(AuditEvent.of(AuditTypes.LOG_ORIGIN_STARTED,
                Caller.system())
            .with("previousOrigin", oldOrigin).with("previousVerifierKey", old.verifierKey())
            .with("previousFinalSize", finalSize).with("origin", newOrigin).with("verifierKey", next.verifierKey())
            .build(), now, agency);
        store.insertPending(started.typeCode(), started.entry(), started.salt(), started.privateJson(), started.time());
        append(store, tree, store.takePending(1), now);
        tiles.write(tree.takeChangedTiles());
        store.setTreeSize(tree.size());
        newNote[0] = next.sign(new Checkpoint(newOrigin, tree.size(), tree.root()).body());
        store.insertCheckpoint(new AuditLog.SignedCheckpoint(tree.size(), tree.root(), newNote[0], now));
        long firstSize = ended.isEmpty() ? 0 : ended.get(ended.size() - 1).finalSize();
        store.endOrigin(new AuditStore.EndedOrigin(ended.size() + 1, oldOrigin, old.verifierKey(), firstSize,
            finalSize, oldFinal[0], now, newOrigin, next.verifierKey()));
        sizes[0] = finalSize;
        sizes[1] = tree.size();
      });
    } catch (RuntimeException e) {
      Files.deleteIfExists(newKeyFile); // nothing changed: the old key stays the log's
      if (keepOldKey != null) {
        Files.deleteIfExists(keepOldKey.toAbsolutePath());
      }
      throw e;
    }
    // Committed: the log is the new origin's. Put the new key in place (over the old one), then keep its checkpoint.
    try {
      Files.move(newKeyFile, keyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IOException("the log moved to origin " + newOrigin + " with the key in " + newKeyFile
          + ", but it could not be put in place of " + keyFile + " (" + e.getClass().getSimpleName()
          + "): move it there by hand before starting the server", e);
    }
    TileArchive.writeAtomically(publishedCopy, newNote[0].getBytes(StandardCharsets.UTF_8));
    return new Result(oldOrigin, old.verifierKey(), newOrigin, next.verifierKey(), sizes[0], sizes[1], oldFinal[0],
        keepOldKey);
  }

  private static void append(AuditStore store, LogTree tree, List<AuditStore.Pending> pending, Instant now) {
    if (pending.isEmpty()) {
      throw new IllegalStateException("the entry just written is not pending");
    }
    long first = tree.size();
    for (AuditStore.Pending p : pending) {
      tree.append(Merkle.leafHash(p.entry()));
    }
    store.insertEntries(first, pending, now);
  }

  /** The agency of the log's last entry: the entries of the move are the same agency's. */
  private static String agencyOf(AuditStore store, long size) {
    if (size > 0) {
      JsonNode last = AuditRecorder.CANONICAL.readTree(store.entryBytes(size - 1, size).get(0));
      if (last.hasNonNull("agency")) {
        return last.get("agency").asString();
      }
    }
    throw new IllegalStateException("cannot tell the log's agency from its last entry");
  }

  /** A checkpoint published beyond the database's log: the server must rebuild it (tile archive) first. */
  private static void checkPublishedCopy(Path publishedCopy, long stored, AuditStore store, Ed25519NoteSigner old)
      throws Refused, IOException {
    if (!Files.isRegularFile(publishedCopy)) {
      return;
    }
    String note = Files.readString(publishedCopy, StandardCharsets.UTF_8);
    long size;
    try {
      size = Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1)).size();
    } catch (CheckpointVerificationException | RuntimeException e) {
      return; // the server's start checks it with the keys; here only its size matters
    }
    if (size > stored) {
      throw new Refused("checkpoint " + size + " was published (" + publishedCopy + ") but the database's log has "
          + stored + " entries: start the server once so that it rebuilds the log from the tile archive, then stop it "
          + "and rotate");
    }
  }

  private static String firstLine(String note) {
    int i = note.indexOf('\n');
    return i < 0 ? note : note.substring(0, i);
  }
}
