package org.glassplate.log.note;

import java.util.List;
import java.util.Objects;

/**
 * A verified signed note (C2SP signed-note).
 *
 * @param text the note text, ending in a newline, without the blank line before the signatures
 * @param signatures signatures by the verifier's key that verified (one; duplicates dropped)
 * @param unverifiedSignatures signatures by unknown keys, ignored as the spec requires
 */
public record Note(String text, List<NoteSignature> signatures, List<NoteSignature> unverifiedSignatures) {
  public Note {
    Objects.requireNonNull(text, "text");
    signatures = List.copyOf(signatures);
    unverifiedSignatures = List.copyOf(unverifiedSignatures);
  }
}
