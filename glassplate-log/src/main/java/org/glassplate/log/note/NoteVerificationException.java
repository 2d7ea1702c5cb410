package org.glassplate.log.note;

/**
 * A signed note is malformed or not signed by the expected key (C2SP signed-note). Carries a
 * stable {@link Reason}; the message starts with the reason's words and then shows what was
 * expected and what was found.
 */
public class NoteVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a note was refused. The names are stable codes. */
  public enum Reason {
    /** Not valid UTF-8. */
    INVALID_UTF8,
    /** An ASCII control character other than newline. */
    CONTROL_CHARACTER,
    /** No blank line followed by signature lines. */
    MISSING_SIGNATURE,
    /** The last signature line does not end with a newline. */
    MISSING_NEWLINE,
    /** A line in the signature block is not {@code — <name> <base64>}. */
    MALFORMED_SIGNATURE_LINE,
    /** More signature lines than the verifier accepts. */
    TOO_MANY_SIGNATURES,
    /** A signature by the known key does not verify. */
    BAD_SIGNATURE,
    /** No signature by the known key. */
    UNKNOWN_KEY_ONLY;

    /** The code in lower case with spaces, e.g. "bad signature". */
    public String words() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }

  private final Reason reason;

  public NoteVerificationException(Reason reason, String detail) {
    super(reason.words() + ": " + detail);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
