package org.glassplate.log.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * An Ed25519 {@code cosignature/v1} (<a href="https://c2sp.org/tlog-cosignature">c2sp.org/tlog-cosignature</a>):
 * a note signature line {@code — <witness name> base64(key ID || timestamp || signature)} where
 * the key ID is the witness's type 0x04 key ID ({@link WitnessKey}), the timestamp a big-endian
 * u64 of POSIX seconds, and the 64-byte Ed25519 signature covers
 *
 * <pre>
 * cosignature/v1
 * time &lt;timestamp, decimal, no leading zeros&gt;
 * &lt;the checkpoint's whole note body: origin, size, root hash, extension lines&gt;
 * </pre>
 *
 * @param name the witness's key name
 * @param keyId the key ID on the line
 * @param timestamp when the witness cosigned, POSIX seconds; the spec allows 0 to 2^63 - 1
 * @param signature the 64-byte Ed25519 signature
 */
public record Cosignature(String name, int keyId, long timestamp, byte[] signature) {
  private static final int BLOB_SIZE = 4 + 8 + Ed25519.SIGNATURE_SIZE;

  public Cosignature {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(signature, "signature");
    if (!NoteFormat.isValidName(name)) {
      throw new IllegalArgumentException("invalid key name");
    }
    if (signature.length != Ed25519.SIGNATURE_SIZE) {
      throw new IllegalArgumentException("signature: got " + signature.length + " bytes, want 64");
    }
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The signed message: {@code cosignature/v1\ntime <timestamp>\n} followed by the checkpoint body. */
  public static String message(long timestamp, String checkpointBody) {
    // Long.toUnsignedString: the time line of a timestamp above 2^63 - 1 is still what was signed.
    return "cosignature/v1\ntime " + Long.toUnsignedString(timestamp) + "\n" + checkpointBody;
  }

  /** The note signature line, without its newline. */
  public String line() {
    byte[] blob = ByteBuffer.allocate(BLOB_SIZE).putInt(keyId).putLong(timestamp).put(signature).array();
    return NoteFormat.SIGNATURE_PREFIX + name + " " + Base64.getEncoder().encodeToString(blob);
  }

  /**
   * Parses a signature line {@code — <name> <base64>} (with or without its newline) as a
   * cosignature/v1. The timestamp is read as an unsigned u64 ({@link #verify} refuses one above
   * 2^63 - 1).
   *
   * @throws CosignatureVerificationException {@code MALFORMED} if it is not such a line
   */
  public static Cosignature parse(String line) throws CosignatureVerificationException {
    Objects.requireNonNull(line, "line");
    String l = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    if (!l.startsWith(NoteFormat.SIGNATURE_PREFIX)) {
      throw malformed("line does not start with an em dash (U+2014) and a space");
    }
    String[] nameB64 = NoteFormat.chop(l.substring(NoteFormat.SIGNATURE_PREFIX.length()), ' ');
    if (!NoteFormat.isValidName(nameB64[0]) || nameB64[1] == null) {
      throw malformed("want \"— <name> <base64>\"");
    }
    Optional<byte[]> blob = NoteFormat.decodeBase64(nameB64[1]);
    if (blob.isEmpty()) {
      throw malformed("signature is not canonical standard base64");
    }
    byte[] b = blob.get();
    if (b.length != BLOB_SIZE) {
      throw malformed("got " + b.length + " signature bytes, want 76 (key ID, timestamp, Ed25519 signature)");
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    int keyId = buf.getInt();
    long timestamp = buf.getLong();
    return new Cosignature(nameB64[0], keyId, timestamp, Arrays.copyOfRange(b, 12, b.length));
  }

  /**
   * Verifies a cosignature line against a witness key and the cosigned checkpoint's body.
   *
   * @return the cosignature's timestamp, POSIX seconds
   * @throws CosignatureVerificationException with the reason it is refused
   */
  public static long verify(String line, WitnessKey key, String checkpointBody) throws CosignatureVerificationException {
    return parse(line).verify(key, checkpointBody);
  }

  /**
   * Verifies this cosignature against a witness key and the cosigned checkpoint's body.
   *
   * @return the timestamp, POSIX seconds
   * @throws CosignatureVerificationException {@code WRONG_KEY} if the name or key ID is not the
   *     key's, {@code TIMESTAMP_TOO_LARGE} above 2^63 - 1, {@code BAD_SIGNATURE} if the signature
   *     does not verify over this timestamp and body
   */
  public long verify(WitnessKey key, String checkpointBody) throws CosignatureVerificationException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(checkpointBody, "checkpointBody");
    if (!name.equals(key.name()) || keyId != key.keyId()) {
      throw new CosignatureVerificationException(CosignatureVerificationException.Reason.WRONG_KEY,
          "got " + name + "+" + NoteFormat.hex8(keyId) + ", want " + key.name() + "+" + NoteFormat.hex8(key.keyId()));
    }
    if (timestamp < 0) {
      throw new CosignatureVerificationException(CosignatureVerificationException.Reason.TIMESTAMP_TOO_LARGE,
          "got " + Long.toUnsignedString(timestamp) + ", want at most " + Long.MAX_VALUE);
    }
    if (!key.verify(message(timestamp, checkpointBody).getBytes(StandardCharsets.UTF_8), signature)) {
      throw new CosignatureVerificationException(CosignatureVerificationException.Reason.BAD_SIGNATURE,
          "signature by " + key.name() + "+" + NoteFormat.hex8(keyId) + " does not verify over cosignature/v1, time "
              + timestamp + " and the checkpoint of size " + sizeLine(checkpointBody));
    }
    return timestamp;
  }

  private static String sizeLine(String body) {
    String[] lines = body.split("\n", 4);
    return lines.length > 1 ? lines[1] : "?";
  }

  private static CosignatureVerificationException malformed(String detail) {
    return new CosignatureVerificationException(CosignatureVerificationException.Reason.MALFORMED, detail);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cosignature c && name.equals(c.name) && keyId == c.keyId && timestamp == c.timestamp
        && Arrays.equals(signature, c.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, keyId, timestamp, Arrays.hashCode(signature));
  }

  @Override
  public String toString() {
    return line();
  }
}
