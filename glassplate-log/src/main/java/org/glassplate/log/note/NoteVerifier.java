package org.glassplate.log.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies C2SP signed notes against one Ed25519 verifier key
 * ({@code <name>+<hex key ID>+base64(0x01 || public key)}), following
 * <a href="https://c2sp.org/signed-note">c2sp.org/signed-note</a> and the reference
 * implementation golang.org/x/mod/sumdb/note {@code Open}:
 *
 * <ul>
 *   <li>the note is UTF-8 without ASCII control characters other than newline;
 *   <li>the text is everything up to and including the newline before the <em>last</em> blank
 *       line, and is followed by one or more lines {@code — <name> <base64>}, each ending in a
 *       newline;
 *   <li>at most {@value NoteFormat#MAX_SIGNATURES} signature lines are read, more are refused;
 *   <li>signatures whose (name, key ID) is not this key are ignored; one whose (name, key ID) is
 *       this key must verify, or the note is refused; at least one must be by this key.
 * </ul>
 */
public final class NoteVerifier {
  private final String name;
  private final int keyId;
  private final byte[] rawKey;
  private final PublicKey publicKey;
  private final String verifierKey;

  /**
   * A verifier for the verifier key string.
   *
   * @throws IllegalArgumentException if it is malformed, not Ed25519, or its key ID does not
   *     match its name and key
   */
  public NoteVerifier(String verifierKey) {
    Objects.requireNonNull(verifierKey, "verifierKey");
    String[] nameRest = NoteFormat.chop(verifierKey, '+');
    String[] hashKey = nameRest[1] == null ? null : NoteFormat.chop(nameRest[1], '+');
    if (hashKey == null || hashKey[1] == null || hashKey[0].length() != 8 || !NoteFormat.isHex(hashKey[0])
        || !NoteFormat.isValidName(nameRest[0])) {
      throw new IllegalArgumentException("malformed verifier key " + quote(verifierKey)
          + ": want <name>+<8 hex digits>+<base64>");
    }
    Optional<byte[]> key = NoteFormat.decodeBase64(hashKey[1]);
    if (key.isEmpty()) {
      throw new IllegalArgumentException("malformed verifier key " + quote(verifierKey) + ": key is not base64");
    }
    byte[] typed = key.get();
    int want = HexFormat.fromHexDigits(hashKey[0]);
    int got = NoteFormat.keyId(nameRest[0], typed);
    if (got != want) {
      throw new IllegalArgumentException("verifier key " + quote(verifierKey) + ": key ID " + hashKey[0]
          + " does not match name and key, got " + NoteFormat.hex8(got));
    }
    if (typed[0] != NoteFormat.ALG_ED25519) {
      throw new IllegalArgumentException("verifier key " + quote(verifierKey) + ": unknown algorithm "
          + (typed[0] & 0xff) + ", want 1 (Ed25519)");
    }
    if (typed.length != 1 + Ed25519.KEY_SIZE) {
      throw new IllegalArgumentException("verifier key " + quote(verifierKey) + ": got " + (typed.length - 1)
          + " key bytes, want 32");
    }
    this.name = nameRest[0];
    this.keyId = want;
    this.rawKey = Arrays.copyOfRange(typed, 1, typed.length);
    this.publicKey = Ed25519.publicKey(rawKey);
    this.verifierKey = verifierKey;
  }

  /** Same as {@link #NoteVerifier(String)}. */
  public static NoteVerifier fromVerifierKey(String verifierKey) {
    return new NoteVerifier(verifierKey);
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return keyId;
  }

  /** The raw 32-byte Ed25519 public key. */
  public byte[] publicKey() {
    return rawKey.clone();
  }

  public String verifierKey() {
    return verifierKey;
  }

  /** Verifies a note given as bytes, refusing anything that is not valid UTF-8. */
  public Note verify(byte[] note) throws NoteVerificationException {
    return verify(NoteFormat.decodeUtf8(note));
  }

  /**
   * Parses {@code note} and checks its signatures.
   *
   * @return the text and signatures, when at least one signature by this key verifies
   * @throws NoteVerificationException with the {@link NoteVerificationException.Reason} of the
   *     first problem found
   */
  public Note verify(String note) throws NoteVerificationException {
    Objects.requireNonNull(note, "note");
    int ctl = NoteFormat.firstControlCharacter(note);
    if (ctl >= 0) {
      throw new NoteVerificationException(NoteVerificationException.Reason.CONTROL_CHARACTER,
          "character U+" + HexFormat.of().toHexDigits(note.charAt(ctl)) + " at offset " + ctl
              + ", want none below U+0020 other than newline");
    }
    if (!NoteFormat.isWellFormed(note)) {
      throw new NoteVerificationException(NoteVerificationException.Reason.INVALID_UTF8,
          "note has an unpaired surrogate");
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw new NoteVerificationException(NoteVerificationException.Reason.MISSING_SIGNATURE,
          "no blank line followed by signature lines");
    }
    String text = note.substring(0, split + 1);
    String sigs = note.substring(split + 2);
    if (sigs.isEmpty()) {
      throw new NoteVerificationException(NoteVerificationException.Reason.MISSING_SIGNATURE,
          "no signature lines after the blank line");
    }
    if (!sigs.endsWith("\n")) {
      throw new NoteVerificationException(NoteVerificationException.Reason.MISSING_NEWLINE,
          "last signature line must end with a newline");
    }
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    List<NoteSignature> verified = new ArrayList<>();
    List<NoteSignature> unverified = new ArrayList<>();
    Set<String> seenUnverified = new HashSet<>();
    int count = 0;
    int start = 0;
    while (start < sigs.length()) {
      int end = sigs.indexOf('\n', start);
      String line = sigs.substring(start, end);
      start = end + 1;
      count++;
      if (count > NoteFormat.MAX_SIGNATURES) {
        // Checked before parsing more, so that a huge note costs little.
        throw new NoteVerificationException(NoteVerificationException.Reason.TOO_MANY_SIGNATURES,
            "more than " + NoteFormat.MAX_SIGNATURES + " signature lines");
      }
      NoteSignature sig = parseLine(line, count);
      byte[] raw = Base64.getDecoder().decode(sig.base64());
      if (!sig.name().equals(name) || sig.keyId() != keyId) {
        // signed-note: ignore signatures from unknown keys, even sharing a name or a key ID.
        if (seenUnverified.add(line)) {
          unverified.add(sig);
        }
        continue;
      }
      if (!verified.isEmpty()) {
        continue; // a repeated signature by this key; the first one was checked
      }
      if (!Ed25519.verify(publicKey, message, Arrays.copyOfRange(raw, 4, raw.length))) {
        throw new NoteVerificationException(NoteVerificationException.Reason.BAD_SIGNATURE,
            "signature by key " + name + "+" + NoteFormat.hex8(keyId) + " on line " + count
                + " does not verify over the note text");
      }
      verified.add(sig);
    }
    if (verified.isEmpty()) {
      throw new NoteVerificationException(NoteVerificationException.Reason.UNKNOWN_KEY_ONLY,
          "no signature by key " + name + "+" + NoteFormat.hex8(keyId) + ", got signatures by "
              + describe(unverified));
    }
    return new Note(text, verified, unverified);
  }

  /** Whether {@code signature} (64 bytes, without key ID) is this key's signature of {@code message}. */
  public boolean verifySignature(byte[] message, byte[] signature) {
    return Ed25519.verify(publicKey, message, signature);
  }

  private static NoteSignature parseLine(String line, int number) throws NoteVerificationException {
    if (!line.startsWith(NoteFormat.SIGNATURE_PREFIX)) {
      throw new NoteVerificationException(NoteVerificationException.Reason.MALFORMED_SIGNATURE_LINE,
          "line " + number + " of the signature block does not start with an em dash and a space");
    }
    String[] nameB64 = NoteFormat.chop(line.substring(NoteFormat.SIGNATURE_PREFIX.length()), ' ');
    if (!NoteFormat.isValidName(nameB64[0])) {
      throw new NoteVerificationException(NoteVerificationException.Reason.MALFORMED_SIGNATURE_LINE,
          "line " + number + " of the signature block has an invalid key name");
    }
    Optional<byte[]> raw = nameB64[1] == null ? Optional.empty() : NoteFormat.decodeBase64(nameB64[1]);
    if (raw.isEmpty()) {
      throw new NoteVerificationException(NoteVerificationException.Reason.MALFORMED_SIGNATURE_LINE,
          "line " + number + " of the signature block: signature is not base64");
    }
    if (raw.get().length < 5) {
      throw new NoteVerificationException(NoteVerificationException.Reason.MALFORMED_SIGNATURE_LINE,
          "line " + number + " of the signature block: got " + raw.get().length
              + " signature bytes, want at least 5 (key ID and signature)");
    }
    return new NoteSignature(nameB64[0], ByteBuffer.wrap(raw.get()).getInt(), nameB64[1]);
  }

  private static String describe(List<NoteSignature> sigs) {
    if (sigs.isEmpty()) {
      return "none";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < sigs.size() && i < 3; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(sigs.get(i).name()).append('+').append(NoteFormat.hex8(sigs.get(i).keyId()));
    }
    if (sigs.size() > 3) {
      b.append(" and ").append(sigs.size() - 3).append(" more");
    }
    return b.toString();
  }



  private static String quote(String s) {
    return s.length() > 120 ? "\"" + s.substring(0, 120) + "…\"" : "\"" + s + "\"";
  }

  @Override
  public String toString() {
    return "NoteVerifier[" + name + "+" + NoteFormat.hex8(keyId) + "]";
  }
}
