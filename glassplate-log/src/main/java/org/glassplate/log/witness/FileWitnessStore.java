package org.glassplate.log.witness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.CheckpointVerificationException;
import org.glassplate.log.note.WitnessSigner;

/**
 * A witness's state in plain files under one directory:
 *
 * <ul>
 *   <li>{@code witness.key}: the witness's secret signer key, mode 0600, made at first start;
 *   <li>{@code state/<origin>.checkpoint}: per log, the latest cosigned checkpoint, the signed
 *       note exactly as the log sent it;
 *   <li>{@code forks/<origin>/<time>-fork.txt} (a proven fork: the log is refused from then on) and
 *       {@code forks/<origin>/<time>-bad-proof.txt} (a proof that did not verify): evidence, the
 *       cosigned and the presented signed checkpoints.
 * </ul>
 *
 * <p>{@code <origin>} is the origin with every byte outside {@code [A-Za-z0-9._-]}
 * percent-encoded (SHA-256 hex when that is too long for a file name). Every file is written
 * atomically: a temporary file in the same directory, fsync, rename over the old file, fsync of
 * the directory; so after a crash a file holds its old or its new content, never part of either.
 */
public final class FileWitnessStore {
  static final String FORK_SUFFIX = "-fork.txt";
  static final String BAD_PROOF_SUFFIX = "-bad-proof.txt";
  private static final String TMP_SUFFIX = ".tmp";
  private static final int MAX_NAME = 200;

  private final Path dir;
  private final Path state;
  private final Path forks;
  private final Duration pauseBeforeRename;

  /** A store in {@code dir}, made if missing. */
  public FileWitnessStore(Path dir) throws IOException {
    this(dir, Duration.ZERO);
  }

  /**
   * A store that sleeps {@code pauseBeforeRename} between writing a temporary file and renaming
   * it into place: only for the test that kills the witness in the middle of a write.
   */
  FileWitnessStore(Path dir, Duration pauseBeforeRename) throws IOException {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.state = dir.resolve("state");
    this.forks = dir.resolve("forks");
    this.pauseBeforeRename = pauseBeforeRename;
    Files.createDirectories(state);
    Files.createDirectories(forks);
    removeTemporaryFiles(dir);
    removeTemporaryFiles(state);
  }

  public Path dir() {
    return dir;
  }

  /** A checkpoint the witness cosigned: the signed note as sent, and its parsed text. */
  public record Stored(String note, Checkpoint checkpoint) {}

  /**
   * The witness's key: read from {@code witness.key}, or made with {@code name} and written
   * there (mode 0600) at first start.
   *
   * @throws IllegalArgumentException if the file holds no signer key, or {@code name} is given
   *     and differs from the key's
   */
  public WitnessSigner key(String nameOrNull, String defaultName) throws IOException {
    Path file = dir.resolve("witness.key");
    if (Files.exists(file)) {
      WitnessSigner s = WitnessSigner.fromSignerKey(Files.readString(file, StandardCharsets.UTF_8).strip());
      if (nameOrNull != null && !nameOrNull.equals(s.name())) {
        throw new IllegalArgumentException("witness.key is named " + s.name() + ", not " + nameOrNull);
      }
      return s;
    }
    WitnessSigner s = WitnessSigner.generate(nameOrNull != null ? nameOrNull : defaultName);
    writeAtomically(file, (s.signerKey() + "\n").getBytes(StandardCharsets.UTF_8));
    return s;
  }

  /** The latest checkpoint cosigned for {@code origin}, if any. */
  public Optional<Stored> latest(String origin) throws IOException {
    Path file = state.resolve(fileName(origin) + ".checkpoint");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String note = Files.readString(file, StandardCharsets.UTF_8);
    int split = note.lastIndexOf("\n\n");
    try {
      if (split < 0) {
        throw new CheckpointVerificationException(CheckpointVerificationException.Reason.MISSING_SIGNATURE,
            "no signature block");
      }
      Checkpoint c = Checkpoint.parse(note.substring(0, split + 1));
      if (!c.origin().equals(origin)) {
        throw new CheckpointVerificationException(CheckpointVerificationException.Reason.WRONG_ORIGIN,
            "got " + c.origin() + ", want " + origin);
      }
      return Optional.of(new Stored(note, c));
    } catch (CheckpointVerificationException e) {
      // Written atomically by this class: a bad file was edited by hand or the disk is failing.
      throw new IOException(file + " does not hold a checkpoint: " + e.getMessage(), e);
    }
  }

  /** Makes {@code note} (a verified signed checkpoint) the latest cosigned one of {@code origin}, atomically. */
  public void save(String origin, String note) throws IOException {
    writeAtomically(state.resolve(fileName(origin) + ".checkpoint"), note.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Keeps evidence against a log.
   *
   * @param proven true for a proven fork (the log is refused from then on), false for a proof
   *     that did not verify
   * @return the evidence file
   */
  public Path recordEvidence(String origin, boolean proven, long unixTime, String text) throws IOException {
    Path d = forks.resolve(fileName(origin));
    Files.createDirectories(d);
    String suffix = proven ? FORK_SUFFIX : BAD_PROOF_SUFFIX;
    for (int n = 0; ; n++) {
      Path f = d.resolve(unixTime + (n == 0 ? "" : "-" + n) + suffix);
      if (!Files.exists(f)) {
        writeAtomically(f, text.getBytes(StandardCharsets.UTF_8));
        return f;
      }
    }
  }

  /** The evidence files of proven forks of {@code origin}, oldest first; empty if it never forked. */
  public List<Path> forks(String origin) throws IOException {
    return evidence(forks.resolve(fileName(origin)), FORK_SUFFIX);
  }

  /** Every proven fork's evidence file, of every log. */
  public List<Path> allForks() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> logs = Files.list(forks)) {
      for (Path d : logs.sorted().toList()) {
        out.addAll(evidence(d, FORK_SUFFIX));
      }
    }
    return out;
  }

  private static List<Path> evidence(Path d, String suffix) throws IOException {
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(d)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  /** The file name for an origin: readable when it can be, always unique. */
  static String fileName(String origin) {
    StringBuilder b = new StringBuilder();
    for (byte x : origin.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || (c == '.' && b.length() > 0)) {
        b.append(c);
      } else {
        b.append('%').append(HexFormat.of().withUpperCase().toHexDigits(x));
      }
    }
    if (b.length() <= MAX_NAME) {
      return b.toString();
    }
    try {
      return "sha256-" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes a file so that a crash leaves its old or its new content (see the class comment). */
  void writeAtomically(Path target, byte[] content) throws IOException {
    Path parent = target.getParent();
    Path tmp = parent.resolve(target.getFileName() + "." + System.nanoTime() + TMP_SUFFIX);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        setOwnerOnly(tmp);
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      if (!pauseBeforeRename.isZero()) {
        pause();
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("temporary file " + tmp + " already exists", e);
    } finally {
      Files.deleteIfExists(tmp);
    }
    fsyncDirectory(parent);
  }

  private void pause() throws IOException {
    try {
      Thread.sleep(pauseBeforeRename.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing", e);
    }
  }

  private static void setOwnerOnly(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its default permissions apply
    }
  }

  private static void fsyncDirectory(Path d) throws IOException {
    // Makes the rename itself durable. Linux and macOS allow opening a directory for reading and
    // forcing it; other systems refuse, and their file systems journal renames.
    try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
        throw e instanceof IOException io ? io : new IOException(e);
      }
    }
  }

  private static void removeTemporaryFiles(Path d) throws IOException {
    // Left by a crash between writing and renaming: never the state, which is the renamed file.
    try (DirectoryStream<Path> tmps = Files.newDirectoryStream(d, "*" + TMP_SUFFIX)) {
      for (Path t : tmps) {
        Files.deleteIfExists(t);
      }
    }
  }
}
