package org.glassplate.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The token a Prometheus scraper on another machine sends as {@code Authorization: Bearer TOKEN} to
 * {@code GET /actuator/prometheus} (issue 18). {@code glassplate.metrics.token} when it is set (at
 * least {@value #MIN_LENGTH} characters); otherwise {@code ${glassplate.data-dir}/metrics-token}, made
 * on first start (mode 0600, 32 random bytes) and kept, like the audit signer key. The token opens the
 * metrics and nothing else: it is no caller of any other endpoint.
 */
@Component
public class MetricsToken {
  static final int MIN_LENGTH = 24;
  static final String FILE = "metrics-token";
  private static final Logger log = LoggerFactory.getLogger(MetricsToken.class);

  private final byte[] token;

  MetricsToken(@Value("${glassplate.metrics.token:}") String configured,
      @Value("${glassplate.data-dir}") Path dataDir) {
    this.token = resolve(configured, dataDir.resolve(FILE)).getBytes(StandardCharsets.UTF_8);
  }

  /** Whether {@code presented} is the metrics token, compared in constant time. */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }

  static String resolve(String configured, Path file) {
    if (configured != null && !configured.isBlank()) {
      String t = configured.strip();
      if (t.length() < MIN_LENGTH) {
        throw new IllegalArgumentException("glassplate.metrics.token must be at least " + MIN_LENGTH
            + " characters (it has " + t.length() + "); or leave it unset and the server makes one in " + file);
      }
      return t;
    }
    try {
      if (Files.exists(file)) {
        String t = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (t.length() < MIN_LENGTH) {
          throw new IllegalArgumentException("the metrics token in " + file + " is shorter than " + MIN_LENGTH
              + " characters; delete the file and the server makes a new one");
        }
        return t;
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String t = "gpm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      write(file, t);
      log.info("created the metrics token in {} (send it as 'Authorization: Bearer' to /actuator/prometheus)", file);
      return t;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the metrics token " + file, e);
    }
  }

  /** A new file only the owner may read, never over an existing one. */
  private static void write(Path file, String token) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    EnumSet<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    try (SeekableByteChannel ch = posix
        ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : Files.newByteChannel(file, options)) {
      ch.write(ByteBuffer.wrap((token + "\n").getBytes(StandardCharsets.UTF_8)));
    }
    if (posix) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
