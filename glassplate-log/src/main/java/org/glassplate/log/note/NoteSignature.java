package org.glassplate.log.note;

import java.util.Objects;

/**
 * One signature line of a signed note: {@code — <name> base64(keyId || signature)}
 * (C2SP signed-note, "Signatures").
 *
 * @param name the key name
 * @param keyId the 32-bit key ID (first four bytes of the decoded signature, big-endian)
 * @param base64 the signature as it appears on the line, key ID included
 */
public record NoteSignature(String name, int keyId, String base64) {
  public NoteSignature {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(base64, "base64");
  }

  /** The line as written in a note, without its newline. */
  public String line() {
    return NoteFormat.SIGNATURE_PREFIX + name + " " + base64;
  }
}
