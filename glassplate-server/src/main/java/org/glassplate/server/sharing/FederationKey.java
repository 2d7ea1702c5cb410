package org.glassplate.server.sharing;

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
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.glassplate.server.sharing.signing.Ed25519Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This node's federation key (issue 14): the Ed25519 key pair (RFC 8032) that signs its requests to
 * partner nodes (RFC 9421), whose public half partners put in their agreements. Created on first start
 * in {@code ${glassplate.data-dir}/federation.key} (or {@code glassplate.sharing.key-file}), readable by
 * the owner only, as the PKCS#8 private key and the SPKI public key in PEM, one after the other.
 */
@Component
public class FederationKey {
  private static final Logger log = LoggerFactory.getLogger(FederationKey.class);

  private final Path file;
  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  FederationKey(@Value("${glassplate.sharing.key-file:}") String keyFile,
      @Value("${glassplate.data-dir}") Path dataDir) {
    this.file = (keyFile == null || keyFile.isBlank() ? dataDir.resolve("federation.key") : Path.of(keyFile))
        .toAbsolutePath().normalize();
    try {
      if (Files.exists(file)) {
        warnIfOthersCanRead(file);
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        try {
          privateKey = Ed25519Keys.privateKeyFromPem(pem);
          publicKey = Ed25519Keys.publicKeyFromPem(pem);
        } catch (IllegalArgumentException e) {
          throw new IOException("not an Ed25519 key pair in PEM: " + e.getMessage());
        }
      } else {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        privateKey = pair.getPrivate();
        publicKey = pair.getPublic();
        write(file, pem("PRIVATE KEY", privateKey.getEncoded()) + pem("PUBLIC KEY", publicKey.getEncoded()));
        log.info("created the federation key in {} (public key {})", file, publicKeyBase64());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the federation key " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java 17 platform has Ed25519", e);
    }
  }

  /** The private key, for {@link FederationClient} to sign with. */
  PrivateKey privateKey() {
    return privateKey;
  }

  /** The public key. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /** Standard base64 of the raw 32-byte public key: what a partner's agreement lists as {@code publicKey}. */
  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(Ed25519Keys.raw(publicKey));
  }

  /** Where the key is kept. */
  public Path file() {
    return file;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static void warnIfOthersCanRead(Path file) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
        log.warn("the federation key {} is readable by others ({}); make it 0600", file,
            PosixFilePermissions.toString(perms));
      }
    }
  }

  /** Writes the key into a new file that only the owner may read, never over an existing one. */
  private static void write(Path file, String text) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    try (SeekableByteChannel ch = posix
        ? Files.newByteChannel(file, options,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : Files.newByteChannel(file, options)) {
      ch.write(ByteBuffer.wrap(bytes));
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    if (posix) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
