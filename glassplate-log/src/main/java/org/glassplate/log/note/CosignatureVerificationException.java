package org.glassplate.log.note;

import java.util.Locale;

/**
 * A cosignature line (C2SP tlog-cosignature, Ed25519 {@code cosignature/v1}) is malformed, not by
 * the expected witness key, or does not verify over the checkpoint. Carries a stable
 * {@link Reason}; the message starts with the reason's words and shows what was expected and
 * what was found.
 */
public class CosignatureVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a cosignature was refused. The names are stable codes. */
  public enum Reason {
    /** Not {@code — <name> base64(key ID || timestamp || 64-byte signature)}. */
    MALFORMED,
    /** The line's name and key ID are not the witness key's (another key, name or key type). */
    WRONG_KEY,
    /** The timestamp is above 2^63 - 1, which the spec forbids. */
    TIMESTAMP_TOO_LARGE,
    /**
     * The Ed25519 signature does not verify over {@code cosignature/v1}, the time line and the
     * checkpoint body: another checkpoint, another time line, or another key's signature.
     */
    BAD_SIGNATURE;

    /** The code in lower case with spaces, e.g. "wrong key". */
    public String words() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  private final Reason reason;

  public CosignatureVerificationException(Reason reason, String detail) {
    super(reason.words() + ": " + detail);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
