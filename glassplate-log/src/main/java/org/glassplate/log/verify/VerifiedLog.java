package org.glassplate.log.verify;

import java.util.List;
import java.util.Objects;
import org.glassplate.log.note.Checkpoint;

/**
 * A log that passed verification.
 *
 * @param checkpoint the verified checkpoint: its size and root were recomputed from every entry
 * @param checkpointNote the signed checkpoint note exactly as served, to save as the next trusted checkpoint
 * @param verifierKey the pinned verifier key that signed it
 * @param firstUse whether the key was pinned by this verification (trust on first use)
 * @param cosignatures the required witnesses' cosignatures that verified over the checkpoint
 * @param moves the log's moves to a new key followed from the trusted (or pinned) origin to the current
 *     one, oldest first; empty when the origin did not change
 */
public record VerifiedLog(Checkpoint checkpoint, byte[] checkpointNote, String verifierKey, boolean firstUse,
    List<WitnessCosignature> cosignatures, List<OriginChain.Hop> moves) {
  public VerifiedLog {
    Objects.requireNonNull(checkpoint, "checkpoint");
    checkpointNote = checkpointNote.clone();
    Objects.requireNonNull(verifierKey, "verifierKey");
    cosignatures = List.copyOf(cosignatures);
    moves = List.copyOf(moves);
  }

  /** A log verified without following a move to a new key. */
  public VerifiedLog(Checkpoint checkpoint, byte[] checkpointNote, String verifierKey, boolean firstUse,
      List<WitnessCosignature> cosignatures) {
    this(checkpoint, checkpointNote, verifierKey, firstUse, cosignatures, List.of());
  }

  /** A log verified without witnesses. */
  public VerifiedLog(Checkpoint checkpoint, byte[] checkpointNote, String verifierKey, boolean firstUse) {
    this(checkpoint, checkpointNote, verifierKey, firstUse, List.of());
  }

  @Override
  public byte[] checkpointNote() {
    return checkpointNote.clone();
  }
}
