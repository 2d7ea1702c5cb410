package org.glassplate.server.reads.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Camera credentials: 256 random bits behind a {@code gpc_} prefix. Being random rather than
 * chosen by a person, a plain SHA-256 is a sufficient stored form.
 */
public final class CameraTokens {
  public static final String PREFIX = "gpc_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private CameraTokens() {
  }

  public static String generate() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
