package org.glassplate.log.note;

import java.util.Objects;

/**
 * Verifies a signed checkpoint: the note's signature by the log's Ed25519 key
 * (<a href="https://c2sp.org/signed-note">signed-note</a>), the strict syntax of its text
 * (<a href="https://c2sp.org/tlog-checkpoint">tlog-checkpoint</a>) and, when given, its origin.
 */
public final class CheckpointVerifier {
  private final NoteVerifier verifier;
  private final String expectedOrigin;

  /**
   * A verifier for one log.
   *
   * @param verifierKey the log's verifier key string
   * @param expectedOriginOrNull the log's origin, or null to accept any origin
   * @throws IllegalArgumentException if the verifier key is malformed
   */
  public CheckpointVerifier(String verifierKey, String expectedOriginOrNull) {
    this.verifier = new NoteVerifier(verifierKey);
    this.expectedOrigin = expectedOriginOrNull;
  }

  /** Verifies a checkpoint note with this verifier's key and origin. */
  public Checkpoint verify(String noteText) throws CheckpointVerificationException {
    Note note;
    try {
      note = verifier.verify(noteText);
    } catch (NoteVerificationException e) {
      throw new CheckpointVerificationException(e);
    }
    return check(note);
  }

  /** Verifies a checkpoint note given as bytes (refused unless valid UTF-8). */
  public Checkpoint verify(byte[] note) throws CheckpointVerificationException {
    Note n;
    try {
      n = verifier.verify(note);
    } catch (NoteVerificationException e) {
      throw new CheckpointVerificationException(e);
    }
    return check(n);
  }

  /**
   * Verifies a checkpoint note against a verifier key and, unless null, an expected origin.
   *
   * @throws CheckpointVerificationException if the key is malformed ({@code BAD_VERIFIER_KEY}),
   *     the note or the checkpoint text is malformed, the signature is missing or wrong, or the
   *     origin is not the expected one
   */
  public static Checkpoint verify(String noteText, String verifierKey, String expectedOriginOrNull)
      throws CheckpointVerificationException {
    return of(verifierKey, expectedOriginOrNull).verify(noteText);
  }

  /** Same as {@link #verify(String, String, String)} for a note given as bytes. */
  public static Checkpoint verify(byte[] note, String verifierKey, String expectedOriginOrNull)
      throws CheckpointVerificationException {
    return of(verifierKey, expectedOriginOrNull).verify(note);
  }

  private static CheckpointVerifier of(String verifierKey, String expectedOrigin)
      throws CheckpointVerificationException {
    Objects.requireNonNull(verifierKey, "verifierKey");
    try {
      return new CheckpointVerifier(verifierKey, expectedOrigin);
    } catch (IllegalArgumentException e) {
      throw new CheckpointVerificationException(CheckpointVerificationException.Reason.BAD_VERIFIER_KEY, e.getMessage());
    }
  }

  private Checkpoint check(Note note) throws CheckpointVerificationException {
    Checkpoint c = Checkpoint.parse(note.text());
    if (expectedOrigin != null && !expectedOrigin.equals(c.origin())) {
      throw new CheckpointVerificationException(CheckpointVerificationException.Reason.WRONG_ORIGIN,
          "got origin \"" + c.origin() + "\", want \"" + expectedOrigin + "\"");
    }
    return c;
  }
}
