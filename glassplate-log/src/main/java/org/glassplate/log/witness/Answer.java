package org.glassplate.log.witness;

import java.util.Locale;
import java.util.Objects;

/**
 * The witness's answer to one {@code add-checkpoint} request.
 *
 * @param outcome what the witness did; {@link WitnessCommand} maps it to the HTTP status the
 *     spec names
 * @param body for {@link Outcome#COSIGNED} the cosignature line(s), each ending in a newline; for
 *     {@link Outcome#SIZE_CONFLICT} the size the witness knows, in decimal, and a newline; else
 *     the reason in words
 * @param knownSize the size of the latest checkpoint the witness cosigned for the log (0 if none
 *     or the log is unknown)
 */
public record Answer(Outcome outcome, String body, long knownSize) {
  /** What the witness did with a request. The names are stable codes. */
  public enum Outcome {
    /** Consistent: stored and cosigned (200). */
    COSIGNED,
    /** The body is not a well-formed request, or the checkpoint text is malformed (400). */
    MALFORMED,
    /** The old size is larger than the checkpoint's size (400). */
    OLD_SIZE_TOO_LARGE,
    /** No log with the checkpoint's origin is configured (404). */
    UNKNOWN_LOG,
    /** No signature by a key trusted for the origin verifies (403). */
    BAD_SIGNATURE,
    /** The old size is not the size of the latest cosigned checkpoint (409, text/x.tlog.size). */
    SIZE_CONFLICT,
    /**
     * The checkpoint has the size of the latest cosigned one but another root hash: two
     * checkpoints signed by the log that cannot both be true. Kept as evidence; the log is
     * refused from now on (409).
     */
    FORK_DETECTED,
    /**
     * A larger checkpoint whose consistency proof leads to its root from another root at the
     * cosigned size: the log signed a tree that does not extend the cosigned checkpoint. A proven
     * fork, kept as evidence; the log is refused from now on (422, as tlog-witness answers any
     * proof that does not verify).
     */
    INCONSISTENT_CHECKPOINT,
    /** The log was caught forking earlier; the witness cosigns nothing for it any more (409). */
    LOG_FORKED,
    /**
     * The consistency proof does not verify from the latest cosigned checkpoint to this one
     * (422). The signed checkpoint, the proof and the cosigned checkpoint are kept as evidence.
     */
    BAD_PROOF;

    /** The code in lower case with spaces, e.g. "size conflict". */
    public String words() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  public Answer {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(body, "body");
  }

  static Answer refused(Outcome outcome, String detail, long knownSize) {
    return new Answer(outcome, outcome.words() + ": " + detail + "\n", knownSize);
  }
}
