package org.glassplate.server.sharing.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys (RFC 8032) for signing with Java's own provider: a public key from its raw 32 bytes
 * or from an SPKI PEM ({@code BEGIN PUBLIC KEY}), a private key from a PKCS#8 PEM
 * ({@code BEGIN PRIVATE KEY}), RFC 8410's encodings. Bad key material is a configuration error
 * ({@link IllegalArgumentException}).
 */
public final class Ed25519Keys {
  /** The SPKI DER prefix of an Ed25519 public key (RFC 8410 section 4): the raw key follows. */
  private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

  private Ed25519Keys() {
  }

  /** A public key from its 32 raw bytes. */
  public static PublicKey publicKey(byte[] raw) {
    if (raw == null || raw.length != 32) {
      throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
    }
    byte[] der = new byte[SPKI_PREFIX.length + 32];
    System.arraycopy(SPKI_PREFIX, 0, der, 0, SPKI_PREFIX.length);
    System.arraycopy(raw, 0, der, SPKI_PREFIX.length, 32);
    return publicKeyFromDer(der);
  }

  /** The 32 raw bytes of an Ed25519 public key. */
  public static byte[] raw(PublicKey key) {
    byte[] der = key.getEncoded();
    if (!"X.509".equals(key.getFormat()) || der.length != SPKI_PREFIX.length + 32) {
      throw new IllegalArgumentException("not an Ed25519 public key");
    }
    for (int i = 0; i < SPKI_PREFIX.length; i++) {
      if (der[i] != SPKI_PREFIX[i]) {
        throw new IllegalArgumentException("not an Ed25519 public key");
      }
    }
    return java.util.Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
  }

  /** A public key from a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo). */
  public static PublicKey publicKeyFromPem(String pem) {
    return publicKeyFromDer(pemBody(pem, "PUBLIC KEY"));
  }

  /** A private key from a PEM {@code PRIVATE KEY} (PKCS#8). */
  public static PrivateKey privateKeyFromPem(String pem) {
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem, "PRIVATE KEY")));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 PKCS#8 private key", e);
    }
  }

  private static PublicKey publicKeyFromDer(byte[] der) {
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key", e);
    }
  }

  private static byte[] pemBody(String pem, String type) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("no PEM " + type);
    }
    try {
      return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to).strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("PEM " + type + " is not base64", e);
    }
  }
}
