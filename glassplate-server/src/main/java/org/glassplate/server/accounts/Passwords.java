package org.glassplate.server.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.glassplate.server.core.Refusal;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password rules and storage (R-ACC-6): at least 12 characters, not on the bundled list of 30,000
 * common and breached passwords (compared without regard to case), stored with Argon2id. A
 * password never appears in a message, a log line or an audit entry.
 */
@Component
class Passwords {
  static final int MIN_LENGTH = 12;
  static final int MAX_LENGTH = 256;
  static final String LIST = "common-passwords.txt";

  private final Set<String> common;
  private final PasswordEncoder encoder;
  // a real hash of a random string, so that an unknown username costs as much as a wrong password
  private final String decoy;

  Passwords() {
    this.common = load();
    // OWASP's Argon2id minimum: 19 MiB, 2 iterations, 1 lane; the {argon2} prefix lets us migrate later.
    Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    this.encoder = new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2));
    this.decoy = encoder.encode(Long.toHexString(System.nanoTime()) + "-decoy-password");
  }

  /** Refuses a password that breaks the rules, naming the rule (422, field {@code field}). */
  void check(String field, String password, String username) {
    if (password == null || password.isEmpty()) {
      throw Refusal.invalid(field, "a password is required");
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      throw Refusal.invalid(field, "the password must be at least " + MIN_LENGTH + " characters long");
    }
    if (length > MAX_LENGTH) {
      throw Refusal.invalid(field, "the password must be at most " + MAX_LENGTH + " characters long");
    }
    if (isCommon(password)) {
      throw Refusal.invalid(field, "this password is too common: it is on a list of "
          + String.format(Locale.ROOT, "%,d", common.size()) + " common or breached passwords; choose another");
    }
    if (username != null && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
      throw Refusal.invalid(field, "the password must not contain the username");
    }
  }

  boolean isCommon(String password) {
    return common.contains(password.toLowerCase(Locale.ROOT));
  }

  int listSize() {
    return common.size();
  }

  String hash(String password) {
    return encoder.encode(password);
  }

  boolean matches(String password, String hash) {
    return password != null && encoder.matches(password, hash);
  }

  /** Spends the time of one hash check when there is nothing to check against. */
  void burn(String password) {
    encoder.matches(password == null ? "" : password, decoy);
  }

  private static Set<String> load() {
    Set<String> out = new HashSet<>(40_000);
    try (InputStream in = Passwords.class.getResourceAsStream(LIST)) {
      if (in == null) {
        throw new IllegalStateException("the common-password list " + LIST + " is missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.strip().toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(out);
  }
}
