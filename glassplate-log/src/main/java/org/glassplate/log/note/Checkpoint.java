package org.glassplate.log.note;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A transparency-log checkpoint: the note text of
 * <a href="https://c2sp.org/tlog-checkpoint">c2sp.org/tlog-checkpoint</a>, "Note text":
 *
 * <pre>
 * &lt;origin&gt;
 * &lt;tree size, decimal, no leading zeros&gt;
 * &lt;base64 RFC 6962 / RFC 9162 root hash&gt;
 * [extension lines, each non-empty]
 * </pre>
 *
 * @param origin the log's identity, e.g. {@code glassplate.example/glassplate/agency-1}
 * @param size the number of leaves
 * @param rootHash the 32-byte Merkle tree root at {@code size}
 * @param extensions optional extension lines, opaque (the spec does not recommend them)
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {
  private static final int HASH_SIZE = 32;

  public Checkpoint {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(rootHash, "rootHash");
    if (origin.isEmpty() || !isLine(origin)) {
      throw new IllegalArgumentException("checkpoint origin must be one non-empty line without control characters");
    }
    if (size < 0) {
      throw new IllegalArgumentException("checkpoint size " + size + " is negative");
    }
    if (rootHash.length != HASH_SIZE) {
      throw new IllegalArgumentException("checkpoint root: got " + rootHash.length + " bytes, want 32");
    }
    rootHash = rootHash.clone();
    extensions = List.copyOf(extensions == null ? List.of() : extensions);
    for (String e : extensions) {
      if (e.isEmpty() || !isLine(e)) {
        throw new IllegalArgumentException("checkpoint extension lines must be non-empty lines without control characters");
      }
    }
  }

  /** A checkpoint without extension lines. */
  public Checkpoint(String origin, long size, byte[] rootHash) {
    this(origin, size, rootHash, List.of());
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /** The root hash in standard base64, as on the third line. */
  public String rootBase64() {
    return Base64.getEncoder().encodeToString(rootHash);
  }

  /** The note text: origin, size, root and extension lines, each ending in a newline. */
  public String body() {
    StringBuilder b = new StringBuilder();
    b.append(origin).append('\n').append(size).append('\n').append(rootBase64()).append('\n');
    for (String e : extensions) {
      b.append(e).append('\n');
    }
    return b.toString();
  }

  /**
   * Parses a checkpoint note text strictly (tlog-checkpoint, "Note text"). Only the text: verify
   * the note's signature first ({@link CheckpointVerifier}).
   *
   * @throws CheckpointVerificationException naming the first rule the text breaks
   */
  public static Checkpoint parse(String body) throws CheckpointVerificationException {
    Objects.requireNonNull(body, "body");
    if (!body.endsWith("\n")) {
      throw new CheckpointVerificationException(CheckpointVerificationException.Reason.MISSING_NEWLINE,
          "checkpoint text must end with a newline");
    }
    int ctl = NoteFormat.firstControlCharacter(body);
    if (ctl >= 0) {
      throw new CheckpointVerificationException(CheckpointVerificationException.Reason.CONTROL_CHARACTER,
          "character U+" + java.util.HexFormat.of().toHexDigits(body.charAt(ctl)) + " at offset " + ctl);
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        throw new CheckpointVerificationException(CheckpointVerificationException.Reason.BLANK_LINE_IN_BODY,
            "line " + (i + 1) + " of the checkpoint is empty, want every line non-empty");
      }
    }
    if (lines.length < 3) {
      throw new CheckpointVerificationException(CheckpointVerificationException.Reason.TOO_FEW_LINES,
          "got " + lines.length + " lines, want origin, size and root hash");
    }
    long size = parseSize(lines[1]);
    byte[] root = parseRoot(lines[2]);
    return new Checkpoint(lines[0], size, root, Arrays.asList(lines).subList(3, lines.length));
  }

  private static long parseSize(String s) throws CheckpointVerificationException {
    if (s.startsWith("+") || s.startsWith("-")) {
      CheckpointVerificationException.Reason r = s.startsWith("+")
          ? CheckpointVerificationException.Reason.PLUS_SIGN_SIZE
          : CheckpointVerificationException.Reason.NON_DECIMAL_SIZE;
      throw new CheckpointVerificationException(r, "size " + quote(s) + " has a sign, want ASCII decimal digits only");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new CheckpointVerificationException(CheckpointVerificationException.Reason.NON_DECIMAL_SIZE,
            "size " + quote(s) + " is not ASCII decimal digits");
      }
    }
    if (s.length() > 1 && s.charAt(0) == '0') {
      throw new CheckpointVerificationException(CheckpointVerificationException.Reason.LEADING_ZERO_SIZE,
          "size " + quote(s) + " has a leading zero");
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new CheckpointVerificationException(CheckpointVerificationException.Reason.SIZE_TOO_LARGE,
          "size " + quote(s) + " is larger than " + Long.MAX_VALUE);
    }
  }

  private static byte[] parseRoot(String s) throws CheckpointVerificationException {
    byte[] root = NoteFormat.decodeBase64(s).orElseThrow(() -> new CheckpointVerificationException(
        CheckpointVerificationException.Reason.BAD_BASE64_ROOT,
        "root hash " + quote(s) + " is not canonical standard base64"));
    if (root.length != HASH_SIZE) {
      throw new CheckpointVerificationException(CheckpointVerificationException.Reason.WRONG_LENGTH_ROOT,
          "root hash decodes to " + root.length + " bytes, want 32");
    }
    return root;
  }

  private static boolean isLine(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < 0x20) {
        return false;
      }
    }
    return true;
  }

  private static String quote(String s) {
    return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c
        && origin.equals(c.origin)
        && size == c.size
        && Arrays.equals(rootHash, c.rootHash)
        && extensions.equals(c.extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, size, Arrays.hashCode(rootHash), extensions);
  }

  @Override
  public String toString() {
    return "Checkpoint[origin=" + origin + ", size=" + size + ", root=" + rootBase64()
        + (extensions.isEmpty() ? "" : ", extensions=" + extensions) + "]";
  }
}
