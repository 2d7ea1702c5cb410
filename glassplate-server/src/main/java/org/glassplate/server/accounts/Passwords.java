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
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.RetryLater;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password rules and storage (R-ACC-6): at least 12 characters, not on the bundled list of 30,000
 * common and breached passwords (compared without regard to case), stored with Argon2id. A
 * password never appears in a message, a log line or an audit entry.
 *
 * <p>Each Argon2 computation takes 19 MiB and tens of milliseconds of a processor, so at most
 * {@code glassplate.accounts.password-hashing.permits} run at once (one per processor by default); a
 * hash that cannot start within {@code glassplate.accounts.password-hashing.wait} (2 s) is refused
 * with {@link AccountRefusal#PASSWORD_CHECKS_BUSY} and {@code Retry-After}, so that a flood of
 * sign-ins cannot exhaust processors or memory (issue 12 item 8). The callers audit that refusal.
 */
@Component
class Passwords {
  static final int MIN_LENGTH = 12;
  static final int MAX_LENGTH = 256;
  static final String LIST = "common-passwords.txt";
  static final Duration RETRY_AFTER = Duration.ofSeconds(2);

  private final Set<String> common;
  private final PasswordEncoder encoder;
  // a real hash of a random string, so that an unknown username costs as much as a wrong password
  private final String decoy;
  private final Semaphore permits;
  private final Duration wait;

  /** One hash per processor at once, two seconds' wait. */
  Passwords() {
    this(0, Duration.ofSeconds(2));
  }

  @Autowired
  Passwords(@Value("${glassplate.accounts.password-hashing.permits:0}") int permits,
      @Value("${glassplate.accounts.password-hashing.wait:PT2S}") Duration wait) {
    if (permits < 0 || wait.isNegative()) {
      throw new IllegalArgumentException("glassplate.accounts.password-hashing.permits and .wait must not be negative");
    }
    this.permits = new Semaphore(permits == 0 ? Runtime.getRuntime().availableProcessors() : permits, true);
    this.wait = wait;
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

  /**
   * The stored form of a password.
   *
   * @throws RetryLater {@code PASSWORD_CHECKS_BUSY} when no hash may start within the wait
   */
  String hash(String password) {
    return withPermit(() -> encoder.encode(password));
  }

  /**
   * Whether the password is the one stored.
   *
   * @throws RetryLater {@code PASSWORD_CHECKS_BUSY} when no hash may start within the wait
   */
  boolean matches(String password, String hash) {
    return password != null && withPermit(() -> encoder.matches(password, hash));
  }

  /**
   * Spends the time of one hash check when there is nothing to check against.
   *
   * @throws RetryLater {@code PASSWORD_CHECKS_BUSY} when no hash may start within the wait
   */
  void burn(String password) {
    withPermit(() -> encoder.matches(password == null ? "" : password, decoy));
  }

  /** The permits of the hash computations (tests hold them to see the refusal). */
  Semaphore permits() {
    return permits;
  }

  private <T> T withPermit(Supplier<T> hashing) {
    boolean got;
    try {
      got = permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      got = false;
    }
    if (!got) {
      throw new RetryLater(AccountRefusal.PASSWORD_CHECKS_BUSY,
          "too many password checks are running at once; try again in a few seconds", RETRY_AFTER);
    }
    try {
      return hashing.get();
    } finally {
      permits.release();
    }
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
