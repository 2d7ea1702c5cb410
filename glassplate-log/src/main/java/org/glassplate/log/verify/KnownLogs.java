package org.glassplate.log.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pin file of log keys, like SSH's known_hosts: one line per log,
 * {@code <origin> <verifier key>}, the origin being a checkpoint's first line (it may contain
 * spaces, the key cannot, so lines split at the last space). Lines starting with {@code #} are
 * comments. Default location {@code ~/.glassplate/known-logs}.
 */
public final class KnownLogs {
  private final Path file;

  public KnownLogs(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /** {@code ~/.glassplate/known-logs}. */
  public static KnownLogs inHomeDirectory() {
    return new KnownLogs(Path.of(System.getProperty("user.home"), ".glassplate", "known-logs"));
  }

  public Path file() {
    return file;
  }

  /** The pinned verifier key of {@code origin}, if any. */
  public Optional<String> keyFor(String origin) throws IOException {
    return Optional.ofNullable(read().get(origin));
  }

  /**
   * Pins {@code verifierKey} for {@code origin}.
   *
   * @throws IllegalStateException if another key is already pinned for it
   */
  public void pin(String origin, String verifierKey) throws IOException {
    if (origin.indexOf('\n') >= 0 || verifierKey.indexOf(' ') >= 0 || verifierKey.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("origin or key cannot be written to the pin file");
    }
    String existing = read().get(origin);
    if (existing != null) {
      if (existing.equals(verifierKey)) {
        return;
      }
      throw new IllegalStateException("origin " + origin + " is already pinned to another key");
    }
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, origin + " " + verifierKey + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private Map<String, String> read() throws IOException {
    Map<String, String> pins = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return pins;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int sp = line.lastIndexOf(' ');
      if (sp <= 0) {
        throw new IOException("malformed line in pin file " + file + ": want <origin> <verifier key>");
      }
      // The first pin of an origin wins, so an appended line cannot silently replace it.
      pins.putIfAbsent(line.substring(0, sp), line.substring(sp + 1));
    }
    return pins;
  }
}
