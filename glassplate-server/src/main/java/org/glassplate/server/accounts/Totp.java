package org.glassplate.server.accounts;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * TOTP (RFC 6238): SHA-1, 6 digits, 30-second steps, one step of clock drift either way. Returns
 * the step a code matched so that a code cannot be used twice (the caller keeps the last step).
 */
final class Totp {
  static final int PERIOD_SECONDS = 30;
  static final int DIGITS = 6;
  static final String ISSUER = "Glassplate";

  private static final DefaultCodeGenerator CODES = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);
  private static final DefaultSecretGenerator SECRETS = new DefaultSecretGenerator(32);

  private Totp() {
  }

  /** A new random base32 secret (160 bits). */
  static String newSecret() {
    return SECRETS.generate();
  }

  static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), PERIOD_SECONDS);
  }

  static String code(String secret, long step) {
    try {
      return CODES.generate(secret, step);
    } catch (CodeGenerationException e) {
      throw new IllegalStateException("TOTP code generation failed", e);
    }
  }

  /** The step (now-1, now or now+1) whose code equals {@code code}, if any. */
  static OptionalLong matchingStep(String secret, String code, Instant now) {
    if (secret == null || code == null) {
      return OptionalLong.empty();
    }
    String given = code.replace(" ", "");
    if (!given.matches("[0-9]{" + DIGITS + "}")) {
      return OptionalLong.empty();
    }
    long current = step(now);
    OptionalLong found = OptionalLong.empty();
    for (long s = current - 1; s <= current + 1; s++) {
      // compare every candidate in constant time, so timing says nothing about which one matched
      if (MessageDigest.isEqual(code(secret, s).getBytes(StandardCharsets.US_ASCII),
          given.getBytes(StandardCharsets.US_ASCII)) && found.isEmpty()) {
        found = OptionalLong.of(s);
      }
    }
    return found;
  }

  /** The otpauth:// URI an authenticator app scans. */
  static String uri(String secret, String username) {
    return new QrData.Builder().label(username).secret(secret).issuer(ISSUER)
        .algorithm(HashingAlgorithm.SHA1).digits(DIGITS).period(PERIOD_SECONDS).build().getUri();
  }
}
