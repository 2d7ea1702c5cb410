package org.glassplate.server.sharing.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Content-Digest field (RFC 9530 section 2): a structured-field dictionary from a hashing
 * algorithm to the digest of the message content as a byte sequence. We compute {@code sha-256}
 * and {@code sha-512}; other algorithms in a field are ignored, and a field with neither is refused.
 * Every digest we can compute must match: a field is not half right.
 */
public final class ContentDigest {
  public static final String SHA_256 = "sha-256";
  public static final String SHA_512 = "sha-512";

  private ContentDigest() {
  }

  /** The field value {@code sha-256=:…:} for {@code body}. */
  public static String sha256(byte[] body) {
    return of(SHA_256, body);
  }

  /** The field value for {@code body} with one algorithm, {@code sha-256} or {@code sha-512}. */
  public static String of(String algorithm, byte[] body) {
    byte[] digest = digest(algorithm, body);
    if (digest == null) {
      throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
    }
    return algorithm + "=:" + Base64.getEncoder().encodeToString(digest) + ":";
  }

  /** The digests in a field value by algorithm, in order, unknown algorithms included. */
  public static Map<String, byte[]> parse(String field) throws SignatureRejected {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, StructuredFields.Member> e : StructuredFields.parseDictionary("Content-Digest", field)
        .entrySet()) {
      if (!(e.getValue() instanceof StructuredFields.Item item) || !(item.value() instanceof byte[] bytes)) {
        // names the algorithm only when it is one of ours: any other key is the sender's text
        String which = digest(e.getKey(), new byte[0]) != null ? e.getKey() : "an algorithm";
        throw new SignatureRejected(SignatureFailure.MALFORMED,
            "Content-Digest: the value for " + which + " is not a byte sequence");
      }
      out.put(e.getKey(), bytes);
    }
    if (out.isEmpty()) {
      throw new SignatureRejected(SignatureFailure.MALFORMED, "Content-Digest: empty");
    }
    return out;
  }

  /**
   * Checks {@code body} against a field value: {@link SignatureFailure#DIGEST_MISMATCH} naming the
   * algorithm when one of ours differs (compared in constant time),
   * {@link SignatureFailure#UNSUPPORTED_DIGEST} when none is ours.
   */
  public static void verify(String field, byte[] body) throws SignatureRejected {
    int checked = 0;
    for (Map.Entry<String, byte[]> e : parse(field).entrySet()) {
      byte[] want = digest(e.getKey(), body);
      if (want == null) {
        continue;
      }
      if (!MessageDigest.isEqual(want, e.getValue())) {
        throw new SignatureRejected(SignatureFailure.DIGEST_MISMATCH, e.getKey() + " of the body differs");
      }
      checked++;
    }
    if (checked == 0) {
      throw new SignatureRejected(SignatureFailure.UNSUPPORTED_DIGEST, "neither " + SHA_256 + " nor " + SHA_512);
    }
  }

  private static byte[] digest(String algorithm, byte[] body) {
    String jca = switch (algorithm) {
      case SHA_256 -> "SHA-256";
      case SHA_512 -> "SHA-512";
      default -> null;
    };
    if (jca == null) {
      return null;
    }
    try {
      return MessageDigest.getInstance(jca).digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has " + jca, e);
    }
  }
}
