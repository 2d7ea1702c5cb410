package org.glassplate.log.note;

import java.util.Locale;

/**
 * A checkpoint (C2SP tlog-checkpoint) is malformed, not signed by the expected key, or not from
 * the expected log. Carries a stable {@link Reason}; the message starts with the reason's words
 * ("wrong origin: …") and shows what was expected and what was found.
 */
public class CheckpointVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Why a checkpoint was refused. The names are stable codes; the first eight are the
   * {@link NoteVerificationException.Reason}s of the note that carries it.
   */
  public enum Reason {
    INVALID_UTF8,
    CONTROL_CHARACTER,
    MISSING_SIGNATURE,
    MISSING_NEWLINE,
    MALFORMED_SIGNATURE_LINE,
    TOO_MANY_SIGNATURES,
    BAD_SIGNATURE,
    UNKNOWN_KEY_ONLY,
    /** The verifier key string itself is malformed. */
    BAD_VERIFIER_KEY,
    /** Fewer than three lines (origin, size, root hash). */
    TOO_FEW_LINES,
    /** An empty line in the checkpoint body. */
    BLANK_LINE_IN_BODY,
    /** The size is not ASCII decimal digits. */
    NON_DECIMAL_SIZE,
    /** The size has a leading zero. */
    LEADING_ZERO_SIZE,
    /** The size has a sign. */
    PLUS_SIGN_SIZE,
    /** The size does not fit in a signed 64-bit integer. */
    SIZE_TOO_LARGE,
    /** The root hash is not canonical standard base64. */
    BAD_BASE64_ROOT,
    /** The root hash does not decode to 32 bytes. */
    WRONG_LENGTH_ROOT,
    /** The origin line is not the expected log's. */
    WRONG_ORIGIN;

    /** The code in lower case with spaces, e.g. "wrong origin". */
    public String words() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static Reason of(NoteVerificationException.Reason r) {
      return valueOf(r.name());
    }
  }

  private final Reason reason;

  public CheckpointVerificationException(Reason reason, String detail) {
    super(reason.words() + ": " + detail);
    this.reason = reason;
  }

  public CheckpointVerificationException(NoteVerificationException cause) {
    super(cause.getMessage(), cause);
    this.reason = Reason.of(cause.reason());
  }

  public Reason reason() {
    return reason;
  }
}
