package org.glassplate.log.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** Syntax shared by signers and verifiers: key names, key IDs, key strings, base64. */
final class NoteFormat {
  static final String SIGNATURE_PREFIX = "\u2014 ";
  static final byte ALG_ED25519 = 0x01;
  static final int MAX_SIGNATURES = 100;

  private NoteFormat() {}

  /**
   * Key names are non-empty and contain no Unicode space and no '+' (signed-note, "Format"); the
   * space test matches Go's unicode.IsSpace, which golang.org/x/mod/sumdb/note uses.
   */
  static boolean isValidName(String name) {
    if (name == null || name.isEmpty() || name.indexOf('+') >= 0) {
      return false;
    }
    return name.codePoints().noneMatch(NoteFormat::isSpace) && isWellFormed(name);
  }

  static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
  }

  /** No unpaired surrogates, so the name encodes to UTF-8 and back unchanged. */
  static boolean isWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** {@code SHA-256(name || 0x0A || type || publicKey)[:4]} as a big-endian uint32 (signed-note, "Signatures"). */
  static int keyId(String name, byte[] typedPublicKey) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(name.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0x0A);
      d.update(typedPublicKey);
      return ByteBuffer.wrap(d.digest()).getInt();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex8(int keyId) {
    return HexFormat.of().toHexDigits(keyId);
  }

  /** Strict standard base64 (RFC 4648 §4): padded, canonical; empty if it is not. */
  static Optional<byte[]> decodeBase64(String s) {
    if (s.isEmpty() || s.length() % 4 != 0) {
      return Optional.empty();
    }
    try {
      byte[] b = Base64.getDecoder().decode(s);
      // Java ignores non-zero bits after the last byte; re-encoding catches such aliases.
      if (!Base64.getEncoder().encodeToString(b).equals(s)) {
        return Optional.empty();
      }
      return Optional.of(b);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static String decodeUtf8(byte[] bytes) throws NoteVerificationException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new NoteVerificationException(NoteVerificationException.Reason.INVALID_UTF8,
          "note is not valid UTF-8 (" + e.getMessage() + ")");
    }
  }

  /** Index of the first ASCII control character other than newline, or -1. */
  static int firstControlCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Splits {@code s} at the first {@code sep}; {@code [s, null]} if there is none. */
  static String[] chop(String s, char sep) {
    int i = s.indexOf(sep);
    return i < 0 ? new String[] {s, null} : new String[] {s.substring(0, i), s.substring(i + 1)};
  }

  /**
   * Lower-case ASCII hexadecimal digits only, as keys are written: one spelling per key, so that
   * pinned keys compare as strings (Go also takes upper case; Character.digit, other scripts).
   */
  static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
