package org.glassplate.log.note;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.glassplate.log.Merkle;

/**
 * Generates the golden checkpoint files under {@code src/test/resources/samples}: one folder
 * {@code valid/} and one folder {@code error_<reason>/} per refusal reason, where
 * {@code <reason>} is a {@link CheckpointVerificationException.Reason} in lower case. All are
 * signed by a deterministic test key (seed = SHA-256("glassplate golden checkpoint key")), and
 * Ed25519 is deterministic, so the files are reproducible byte for byte.
 *
 * <p>{@code CheckpointSamplesTest} checks that the files on disk equal this generator's output.
 * To regenerate them after changing this class, run from the repository root:
 *
 * <pre>
 * mvn -B -q -pl glassplate-log test -Dtest=CheckpointSamplesTest -Dglassplate.regenerateSamples=true
 * </pre>
 */
final class CheckpointSamples {
  static final String ORIGIN = "glassplate.test/glassplate/agency-1";
  static final Path DIR = Path.of("src/test/resources/samples");

  private static final Ed25519NoteSigner KEY = Ed25519NoteSigner.fromSeed(ORIGIN, seed("glassplate golden checkpoint key"));
  private static final Ed25519NoteSigner OTHER_KEY = Ed25519NoteSigner.fromSeed(ORIGIN, seed("some other key"));
  private static final Ed25519NoteSigner WITNESS = Ed25519NoteSigner.fromSeed("witness.test/w1", seed("a witness"));

  private CheckpointSamples() {}

  static String verifierKey() {
    return KEY.verifierKey();
  }

  /** Relative path → file content. */
  static Map<String, byte[]> generate() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    String root = b64(Merkle.emptyRoot());
    String rfcRoot = "XcnaeacGWamtVZy3Ad7Zoqudgjqtl0lgz+Nw7/RgQyg="; // RFC 6962 vector root of size 8
    String someRoot = b64(sha("some tree"));

    out.put("key.vkey", (KEY.verifierKey() + "\n").getBytes(StandardCharsets.UTF_8));
    out.put("origin.txt", (ORIGIN + "\n").getBytes(StandardCharsets.UTF_8));

    valid(out, "size_0_empty_tree", signed(ORIGIN + "\n0\n" + root + "\n"));
    valid(out, "size_1", signed(ORIGIN + "\n1\n" + b64(Merkle.leafHash(new byte[0])) + "\n"));
    valid(out, "size_8_rfc6962_vector_root", signed(ORIGIN + "\n8\n" + rfcRoot + "\n"));
    // Size and root of the example in c2sp.org/tlog-checkpoint.
    valid(out, "c2sp_example_size_and_root", signed(ORIGIN + "\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"));
    valid(out, "largest_size", signed(ORIGIN + "\n9223372036854775807\n" + someRoot + "\n"));
    valid(out, "extension_lines", signed(ORIGIN + "\n42\n" + someRoot + "\nextension one\nextension two\n"));
    String body = ORIGIN + "\n42\n" + someRoot + "\n";
    valid(out, "cosigned_by_witness_first", body + "\n" + WITNESS.signatureLine(body) + "\n" + KEY.signatureLine(body) + "\n");
    valid(out, "one_hundred_signatures", body + "\n" + (WITNESS.signatureLine(body) + "\n").repeat(99) + KEY.signatureLine(body) + "\n");
    valid(out, "duplicate_signature_line", body + "\n" + (KEY.signatureLine(body) + "\n").repeat(2));

    error(out, "bad_signature", "body_changed_after_signing", signed(body).replace("\n42\n", "\n43\n"));
    String sigLine = KEY.signatureLine(body);
    byte[] raw = Base64.getDecoder().decode(sigLine.substring(sigLine.lastIndexOf(' ') + 1));
    raw[10] ^= 1;
    error(out, "bad_signature", "signature_byte_flipped", body + "\n\u2014 " + ORIGIN + " " + b64(raw) + "\n");

    error(out, "wrong_origin", "other_agency", signed("glassplate.test/glassplate/agency-2\n42\n" + someRoot + "\n"));
    error(out, "missing_newline", "last_signature_line_unterminated", signed(body).stripTrailing());

    error(out, "non_decimal_size", "letters", signed(ORIGIN + "\n12a\n" + someRoot + "\n"));
    error(out, "non_decimal_size", "hexadecimal", signed(ORIGIN + "\n0x1f\n" + someRoot + "\n"));
    error(out, "non_decimal_size", "negative", signed(ORIGIN + "\n-5\n" + someRoot + "\n"));
    error(out, "non_decimal_size", "leading_space", signed(ORIGIN + "\n 5\n" + someRoot + "\n"));
    error(out, "non_decimal_size", "fullwidth_digits", signed(ORIGIN + "\n\uff11\uff12\n" + someRoot + "\n"));
    error(out, "non_decimal_size", "exponent", signed(ORIGIN + "\n1e3\n" + someRoot + "\n"));
    error(out, "leading_zero_size", "zero_padded", signed(ORIGIN + "\n007\n" + someRoot + "\n"));
    error(out, "leading_zero_size", "double_zero", signed(ORIGIN + "\n00\n" + root + "\n"));
    error(out, "plus_sign_size", "plus_five", signed(ORIGIN + "\n+5\n" + someRoot + "\n"));
    error(out, "size_too_large", "two_to_the_63", signed(ORIGIN + "\n9223372036854775808\n" + someRoot + "\n"));
    error(out, "size_too_large", "two_to_the_64", signed(ORIGIN + "\n18446744073709551616\n" + someRoot + "\n"));

    error(out, "bad_base64_root", "unpadded", signed(ORIGIN + "\n42\n" + someRoot.replace("=", "") + "\n"));
    error(out, "bad_base64_root", "url_safe_alphabet", signed(ORIGIN + "\n42\n" + urlSafeRoot() + "\n"));
    // Hex digits are base64 characters too: 64 of them decode to 48 bytes.
    error(out, "wrong_length_root", "hex_instead_of_base64", signed(ORIGIN + "\n42\n"
        + java.util.HexFormat.of().formatHex(sha("some tree")) + "\n"));
    error(out, "bad_base64_root", "non_canonical_trailing_bits", signed(ORIGIN + "\n42\n" + nonCanonicalRoot() + "\n"));
    error(out, "wrong_length_root", "thirty_one_bytes", signed(ORIGIN + "\n42\n" + b64(new byte[31]) + "\n"));
    error(out, "wrong_length_root", "thirty_three_bytes", signed(ORIGIN + "\n42\n" + b64(new byte[33]) + "\n"));
    error(out, "wrong_length_root", "sha512_sized", signed(ORIGIN + "\n42\n" + b64(new byte[64]) + "\n"));

    error(out, "too_many_signatures", "one_hundred_and_one_lines",
        body + "\n" + (WITNESS.signatureLine(body) + "\n").repeat(100) + KEY.signatureLine(body) + "\n");
    error(out, "unknown_key_only", "same_name_other_key", body + "\n" + OTHER_KEY.signatureLine(body) + "\n");
    error(out, "unknown_key_only", "witness_only", body + "\n" + WITNESS.signatureLine(body) + "\n");
    error(out, "unknown_key_only", "our_key_id_other_name", body + "\n\u2014 other.test/log "
        + sigLine.substring(sigLine.lastIndexOf(' ') + 1) + "\n");

    error(out, "blank_line_in_body", "between_size_and_root", signed(ORIGIN + "\n42\n\n" + someRoot + "\n"));
    error(out, "blank_line_in_body", "empty_origin", signed("\n42\n" + someRoot + "\n"));
    error(out, "blank_line_in_body", "after_root", signed(ORIGIN + "\n42\n" + someRoot + "\n\n"));
    error(out, "too_few_lines", "no_root", signed(ORIGIN + "\n42\n"));
    error(out, "too_few_lines", "origin_only", signed(ORIGIN + "\n"));

    error(out, "control_character", "tab_in_origin", rawSigned(ORIGIN + "\tx\n42\n" + someRoot + "\n"));
    error(out, "control_character", "crlf_line_endings", rawSigned(ORIGIN + "\r\n42\r\n" + someRoot + "\r\n"));
    error(out, "malformed_signature_line", "hyphen_instead_of_em_dash", body + "\n- " + ORIGIN + " "
        + sigLine.substring(sigLine.lastIndexOf(' ') + 1) + "\n");
    error(out, "malformed_signature_line", "text_after_signatures", signed(body) + "Unexpected line.\n");
    error(out, "malformed_signature_line", "short_signature", body + "\n\u2014 " + ORIGIN + " AAAAAA==\n");
    error(out, "missing_signature", "body_only", body);
    error(out, "missing_signature", "blank_line_without_signatures", body + "\n");

    byte[] utf8 = signed(body).getBytes(StandardCharsets.UTF_8);
    utf8[3] = (byte) 0xff;
    out.put("error_invalid_utf8/byte_ff_in_origin.checkpoint", utf8);
    return out;
  }

  /** Writes the samples to {@link #DIR}, replacing what is there. */
  static void write() throws IOException {
    if (Files.isDirectory(DIR)) {
      try (var files = Files.walk(DIR)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          if (!p.equals(DIR) && !p.getFileName().toString().equals("README.md")) {
            Files.delete(p);
          }
        }
      }
    }
    for (Map.Entry<String, byte[]> e : generate().entrySet()) {
      Path p = DIR.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
  }

  private static void valid(Map<String, byte[]> out, String name, String note) {
    out.put("valid/" + name + ".checkpoint", note.getBytes(StandardCharsets.UTF_8));
  }

  private static void error(Map<String, byte[]> out, String reason, String name, String note) {
    out.put("error_" + reason + "/" + name + ".checkpoint", note.getBytes(StandardCharsets.UTF_8));
  }

  private static String signed(String body) {
    return KEY.sign(body);
  }

  /** Signs text the signer refuses (control characters), to show that verifiers refuse it too. */
  private static String rawSigned(String body) {
    byte[] sig = Ed25519.sign(Ed25519.privateKey(seed("glassplate golden checkpoint key")), body.getBytes(StandardCharsets.UTF_8));
    byte[] withId = ByteBuffer.allocate(4 + sig.length).putInt(KEY.keyId()).put(sig).array();
    return body + "\n\u2014 " + ORIGIN + " " + b64(withId) + "\n";
  }

  private static String urlSafeRoot() {
    // A hash whose base64 has both '+' and '/' replaced by the URL-safe '-' and '_'.
    for (int i = 0; ; i++) {
      String s = b64(sha("url " + i));
      if (s.contains("+") || s.contains("/")) {
        return s.replace('+', '-').replace('/', '_');
      }
    }
  }

  private static String nonCanonicalRoot() {
    // 32 bytes end in a 2-bit remainder: the last character before '=' must have its low two
    // bits zero. Setting one keeps the decoded bytes (Java and Go's default decoder ignore them).
    String s = b64(sha("some tree"));
    char last = s.charAt(42);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char changed = alphabet.charAt(alphabet.indexOf(last) | 1);
    return s.substring(0, 42) + changed + "=";
  }

  static byte[] seed(String label) {
    return sha(label);
  }

  private static byte[] sha(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  public static void main(String[] args) throws IOException {
    write();
  }
}
