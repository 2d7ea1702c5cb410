package org.glassplate.server.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.glassplate.log.note.Ed25519NoteSigner;
import org.glassplate.server.audit.internal.AuditStore;
import org.glassplate.server.core.Agency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The log's identity: its checkpoint origin {@code <origin host>/glassplate/<agency id>} (or, after a
 * move to a new key, the origin that move made current: {@link LogOrigins}) and its
 * Ed25519 signer key (C2SP signed-note). The key is created on first start in
 * {@code ${glassplate.data-dir}/audit-signer.key} (or {@code glassplate.audit.signer-key-file}),
 * readable by the owner only; its creation is audited by {@link ServerLifecycleAudit}.
 */
@Component
class LogKey {
  private static final Logger log = LoggerFactory.getLogger(LogKey.class);

  private final String origin;
  private final Path file;
  private final Ed25519NoteSigner signer;
  private final boolean createdNow;

  LogKey(AuditSettings settings, Agency agency, @Value("${glassplate.data-dir}") Path dataDir, AuditStore store) {
    // after a move to a new key (glassplate audit rotate-key) the origin is the one the move made current
    this.origin = store.storedOrigin().orElse(configuredOrigin(settings, agency.id()));
    this.file = (settings.signerKeyFile() != null ? settings.signerKeyFile() : dataDir.resolve("audit-signer.key"))
        .toAbsolutePath().normalize();
    try {
      if (Files.exists(file)) {
        signer = read(file);
        createdNow = false;
        if (!signer.name().equals(origin)) {
          log.warn("the audit signer key in {} is named {}, the log's origin is {}", file, signer.name(), origin);
        }
      } else {
        signer = Ed25519NoteSigner.generate(origin);
        write(file, signer.signerKey());
        createdNow = true;
        log.info("created the audit log's signer key in {} ({})", file, signer.verifierKey());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the audit signer key " + file, e);
    }
  }

  /** The origin of a log that never moved to a new key: {@code <origin host>/glassplate/<agency id>}. */
  static String configuredOrigin(AuditSettings settings, String agencyId) {
    return settings.originHost() + "/glassplate/" + agencyId;
  }

  private static Ed25519NoteSigner read(Path file) throws IOException {
    warnIfReadableByOthers(file);
    try {
      return Ed25519NoteSigner.fromSignerKey(Files.readString(file, StandardCharsets.UTF_8).trim());
    } catch (IllegalArgumentException e) {
      throw new IOException("not a C2SP Ed25519 signer key: " + e.getMessage());
    }
  }

  /** Warns when a key file is readable by group or others. */
  static void warnIfReadableByOthers(Path file) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
        log.warn("the key {} is readable by others ({}); make it 0600",
            file, PosixFilePermissions.toString(perms));
      }
    }
  }

  /** Writes the key into a new file that only the owner may read, never over an existing one. */
  static void write(Path file, String signerKey) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    byte[] bytes = (signerKey + "\n").getBytes(StandardCharsets.UTF_8);
    Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    try (SeekableByteChannel ch = posix
        ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : Files.newByteChannel(file, options)) {
      ch.write(ByteBuffer.wrap(bytes));
    }
    if (posix) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  String origin() {
    return origin;
  }

  Ed25519NoteSigner signer() {
    return signer;
  }

  String verifierKey() {
    return signer.verifierKey();
  }

  Path file() {
    return file;
  }

  /** Whether this start created the key (and so must audit it). */
  boolean createdNow() {
    return createdNow;
  }

  /** Removes a key created by this start whose creation could not be audited, so the next start retries. */
  void discardUnaudited() {
    if (createdNow) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        log.error("could not remove the unaudited signer key {}", file);
      }
    }
  }
}
