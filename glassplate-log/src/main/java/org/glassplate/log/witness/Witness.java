package org.glassplate.log.witness;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.glassplate.log.ProofVerificationException;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.CheckpointVerificationException;
import org.glassplate.log.note.CheckpointVerifier;
import org.glassplate.log.note.NoteVerifier;
import org.glassplate.log.note.WitnessKey;
import org.glassplate.log.note.WitnessSigner;

/**
 * A tlog-witness (<a href="https://c2sp.org/tlog-witness">c2sp.org/tlog-witness</a>,
 * "add-checkpoint"; R-AUD-5): for each known log it keeps the latest checkpoint it cosigned and
 * cosigns a new one only when the log's signature verifies, the client's old size is the size it
 * keeps, and the consistency proof from its checkpoint to the new one verifies. The new state is
 * on disk before the cosignature is answered, and the check and the write are one step per log.
 *
 * <p>A witness that sees a fork says so. Two checkpoints of one size with different roots, both
 * signed by the log, prove a fork; so does a larger signed checkpoint with a consistency proof that
 * leads to its root from another root at the cosigned size ({@link Proofs#committedOldRoot}: only a
 * SHA-256 collision could make one for a tree that extends the cosigned one). Both signed
 * checkpoints are kept under {@code forks/} and the log is refused from then on. Any other
 * consistency proof that does not verify is refused (422) and kept with both signed checkpoints,
 * but does not block the log: the proof lines are not signed by the log, so anyone could send
 * garbage with a checkpoint the log published, and blocking on that would let anyone silence the
 * witness. (When the cosigned size is a power of two, RFC 9162 leaves the old root out of the
 * proof, so a fork to a larger size is only ever a bad proof; the log still never gets a
 * cosignature for the forked tree.)
 */
public final class Witness {
  private final WitnessSigner signer;
  private final Supplier<List<String>> logKeys;
  private volatile Logs logs;
  private final FileWitnessStore store;
  private final Clock clock;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  /**
   * A witness.
   *
   * @param signer the witness's own key (never a log's)
   * @param logVerifierKeys the verifier keys (type 0x01 Ed25519 note keys) of the logs it
   *     witnesses; a log's origin is its key's name, and one origin may have several keys
   * @throws IllegalArgumentException if a key is malformed
   */
  public Witness(WitnessSigner signer, List<String> logVerifierKeys, FileWitnessStore store, Clock clock) {
    this(signer, fixed(logVerifierKeys), store, clock);
    this.logs = Logs.of(logVerifierKeys); // a malformed key fails here, naming the problem
  }

  /**
   * A witness whose logs may change while it runs (a node witnesses the logs of the partners its
   * policy in force has agreements with): {@code logVerifierKeys} is asked again at each request.
   *
   * @param logVerifierKeys the verifier keys (type 0x01) of the logs it witnesses now; a malformed
   *     key it gives is refused at the request (IllegalArgumentException), never skipped
   */
  public Witness(WitnessSigner signer, Supplier<List<String>> logVerifierKeys, FileWitnessStore store, Clock clock) {
    this.signer = Objects.requireNonNull(signer, "signer");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.logKeys = Objects.requireNonNull(logVerifierKeys, "logVerifierKeys");
    this.logs = Logs.of(List.of()); // asked at the first request, not while the caller is being built
  }

  private static Supplier<List<String>> fixed(List<String> keys) {
    List<String> copy = List.copyOf(keys);
    return () -> copy;
  }

  /** The logs of one list of keys, by origin (a log's origin is its key's name; one may have several keys). */
  private record Logs(List<String> keys, Map<String, List<NoteVerifier>> byOrigin) {
    static Logs of(List<String> keys) {
      Map<String, List<NoteVerifier>> m = new LinkedHashMap<>();
      for (String k : keys) {
        NoteVerifier v = new NoteVerifier(k);
        m.computeIfAbsent(v.name(), o -> new ArrayList<>()).add(v);
      }
      m.replaceAll((o, l) -> List.copyOf(l));
      return new Logs(List.copyOf(keys), Map.copyOf(m));
    }
  }

  /** The logs as the supplier gives them now, parsed again only when the keys changed. */
  private Map<String, List<NoteVerifier>> logs() {
    List<String> now = logKeys.get();
    Logs l = logs;
    if (!l.keys().equals(now)) {
      l = Logs.of(now);
      logs = l;
    }
    return l.byOrigin();
  }

  /** The witness's public key, a type 0x04 vkey. */
  public WitnessKey key() {
    return signer.key();
  }

  /** The origins of the logs this witness knows. */
  public List<String> origins() {
    return logs().keySet().stream().sorted().toList();
  }

  /** The evidence files of the forks this witness has seen, of every log. */
  public List<Path> forks() throws IOException {
    return store.allForks();
  }

  /**
   * Handles one {@code add-checkpoint} request body.
   *
   * @throws IOException if the store cannot be read or written; nothing was cosigned
   */
  public Answer addCheckpoint(byte[] requestBody) throws IOException {
    AddCheckpointRequest req;
    try {
      req = AddCheckpointRequest.parse(requestBody);
    } catch (AddCheckpointRequest.Malformed e) {
      return Answer.refused(Answer.Outcome.MALFORMED, e.getMessage(), 0);
    }
    return addCheckpoint(req);
  }

  /** Handles one parsed {@code add-checkpoint} request. */
  public Answer addCheckpoint(AddCheckpointRequest req) throws IOException {
    String origin = firstLine(req.note());
    List<NoteVerifier> keys = logs().get(origin);
    if (keys == null) {
      return Answer.refused(Answer.Outcome.UNKNOWN_LOG, "no log with this origin is configured", 0);
    }
    Checkpoint cp;
    try {
      cp = verify(req.note(), keys, origin);
    } catch (CheckpointVerificationException e) {
      Answer.Outcome o = switch (e.reason()) {
        case BAD_SIGNATURE, UNKNOWN_KEY_ONLY, MISSING_SIGNATURE -> Answer.Outcome.BAD_SIGNATURE;
        default -> Answer.Outcome.MALFORMED;
      };
      return Answer.refused(o, e.getMessage(), 0);
    }
    if (req.oldSize() > cp.size()) {
      return Answer.refused(Answer.Outcome.OLD_SIZE_TOO_LARGE,
          "old size " + req.oldSize() + " is larger than the checkpoint's size " + cp.size(), 0);
    }
    synchronized (locks.computeIfAbsent(origin, o -> new Object())) {
      return addVerified(req, cp);
    }
  }

  private Answer addVerified(AddCheckpointRequest req, Checkpoint cp) throws IOException {
    String origin = cp.origin();
    List<Path> forks = store.forks(origin);
    Optional<FileWitnessStore.Stored> stored = store.latest(origin);
    long known = stored.map(s -> s.checkpoint().size()).orElse(0L);
    if (!forks.isEmpty()) {
      return Answer.refused(Answer.Outcome.LOG_FORKED, "this log presented two inconsistent checkpoints; evidence "
          + forks.get(0).getFileName() + "; nothing more is cosigned for it", known);
    }
    if (stored.isPresent() && stored.get().checkpoint().size() == cp.size()
        && !MessageDigest.isEqual(stored.get().checkpoint().rootHash(), cp.rootHash())) {
      Path f = store.recordEvidence(origin, true, now(),
          evidence("fork: two checkpoints of size " + cp.size() + " with different root hashes", stored.get(), req));
      return Answer.refused(Answer.Outcome.FORK_DETECTED, "checkpoint of size " + cp.size() + " has root "
          + cp.rootBase64() + ", the cosigned one has " + stored.get().checkpoint().rootBase64()
          + "; evidence " + f.getFileName(), known);
    }
    if (req.oldSize() != known) {
      return new Answer(Answer.Outcome.SIZE_CONFLICT, known + "\n", known);
    }
    if (known == 0) {
      // The spec: the proof MUST be empty if the old size is zero.
      if (!req.proof().isEmpty()) {
        return Answer.refused(Answer.Outcome.BAD_PROOF,
            "old size 0 needs an empty proof, got " + req.proof().size() + " lines", known);
      }
    } else {
      try {
        Proofs.verifyConsistency(known, cp.size(), req.proof(), stored.get().checkpoint().rootHash(), cp.rootHash());
      } catch (ProofVerificationException e) {
        Optional<byte[]> committed = Proofs.committedOldRoot(known, cp.size(), req.proof(), cp.rootHash());
        if (committed.isPresent()) {
          String why = "fork: the proof leads to the signed root of size " + cp.size() + " from root "
              + Base64.getEncoder().encodeToString(committed.get()) + " at size " + known + ", the cosigned one has "
              + stored.get().checkpoint().rootBase64();
          Path f = store.recordEvidence(origin, true, now(), evidence(why, stored.get(), req));
          return Answer.refused(Answer.Outcome.INCONSISTENT_CHECKPOINT, why.substring("fork: ".length())
              + "; evidence " + f.getFileName(), known);
        }
        Path f = store.recordEvidence(origin, false, now(), evidence(e.getMessage(), stored.get(), req));
        return Answer.refused(Answer.Outcome.BAD_PROOF, e.getMessage() + "; kept as " + f.getFileName(), known);
      }
    }
    store.save(origin, req.note());
    String line = signer.cosign(cp.body(), now()).line();
    return new Answer(Answer.Outcome.COSIGNED, line + "\n", cp.size());
  }

  private static Checkpoint verify(String note, List<NoteVerifier> keys, String origin)
      throws CheckpointVerificationException {
    CheckpointVerificationException first = null;
    for (NoteVerifier k : keys) {
      try {
        return new CheckpointVerifier(k.verifierKey(), origin).verify(note);
      } catch (CheckpointVerificationException e) {
        if (first == null || e.reason() != CheckpointVerificationException.Reason.UNKNOWN_KEY_ONLY) {
          first = e;
        }
      }
    }
    throw first;
  }

  private String evidence(String why, FileWitnessStore.Stored cosigned, AddCheckpointRequest presented) {
    return "glassplate witness evidence\n"
        + "witness " + signer.key().vkey() + "\n"
        + "origin " + cosigned.checkpoint().origin() + "\n"
        + "seen " + now() + "\n"
        + "reason " + why + "\n"
        + "\n-- the checkpoint this witness cosigned, as the log signed it --\n"
        + cosigned.note()
        + "\n-- the add-checkpoint request that presented the other checkpoint --\n"
        + presented.text();
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private static String firstLine(String note) {
    int i = note.indexOf('\n');
    return i < 0 ? note : note.substring(0, i);
  }
}
