package org.glassplate.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The embedded database's generated passwords, one file each in the data directory, readable by the
 * owner of the files alone (mode 0600). Made once, kept across restarts. The file name may be shown;
 * the password never is.
 */
final class DatabasePasswords {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  /** What {@link #generate} writes: base64url, so it goes into SQL and pg_hba without quoting. */
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{32,128}");

  private DatabasePasswords() {
  }

  /** The password in {@code file}, made (0600) if there is none; the file is made owner-only again if it was not. */
  static String readOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      String password = generate();
      Path tmp = file.resolveSibling(file.getFileName() + ".new");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8);
      try {
        // never replaces one that appeared meanwhile: a password in use must not change under it
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        Files.deleteIfExists(tmp);
      }
    }
    return read(file);
  }

  /** The password in {@code file}; an IOException naming the file (never its content) if it is missing or not one. */
  static String read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + " is missing: the embedded database's password is kept there");
    }
    if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
    String password = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (!FORMAT.matcher(password).matches()) {
      throw new IOException(file + " does not hold a password Glassplate wrote (32 to 128 of A-Z a-z 0-9 _ -)");
    }
    return password;
  }

  static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
