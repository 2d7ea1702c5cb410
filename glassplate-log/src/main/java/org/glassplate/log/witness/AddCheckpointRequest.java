package org.glassplate.log.witness;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The body of a tlog-witness {@code add-checkpoint} request
 * (<a href="https://c2sp.org/tlog-witness">c2sp.org/tlog-witness</a>): an old size line
 * {@code old <decimal>}, at most 63 consistency proof lines (one base64 hash each), an empty line,
 * then the signed checkpoint note. Every line ends in a newline.
 *
 * @param oldSize the size of the checkpoint the client believes the witness last cosigned
 * @param proof the consistency proof from {@code oldSize} to the checkpoint's size
 * @param note the signed checkpoint, as sent (all its signatures)
 */
public record AddCheckpointRequest(long oldSize, List<byte[]> proof, String note) {
  /** The most proof lines a client may send (tlog-witness). */
  public static final int MAX_PROOF_LINES = 63;

  public AddCheckpointRequest {
    Objects.requireNonNull(note, "note");
    proof = List.copyOf(proof.stream().map(byte[]::clone).toList());
  }

  @Override
  public List<byte[]> proof() {
    return proof.stream().map(byte[]::clone).toList();
  }

  /** The request body as a client sends it. */
  public String text() {
    StringBuilder b = new StringBuilder("old ").append(oldSize).append('\n');
    for (byte[] h : proof) {
      b.append(Base64.getEncoder().encodeToString(h)).append('\n');
    }
    return b.append('\n').append(note).toString();
  }

  /** A malformed request body: the witness answers 400 Bad Request. */
  public static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String detail) {
      super("malformed request: " + detail);
    }
  }

  /**
   * Parses a request body strictly.
   *
   * @throws Malformed naming the first rule the body breaks
   */
  public static AddCheckpointRequest parse(byte[] body) throws Malformed {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new Malformed("body is not UTF-8");
    }
    int end = text.indexOf('\n');
    if (end < 0) {
      throw new Malformed("no old size line");
    }
    long oldSize = parseOld(text.substring(0, end));
    List<byte[]> proof = new ArrayList<>();
    int start = end + 1;
    while (true) {
      end = text.indexOf('\n', start);
      if (end < 0) {
        throw new Malformed("no empty line before the checkpoint");
      }
      String line = text.substring(start, end);
      start = end + 1;
      if (line.isEmpty()) {
        break;
      }
      if (proof.size() == MAX_PROOF_LINES) {
        throw new Malformed("more than " + MAX_PROOF_LINES + " consistency proof lines");
      }
      proof.add(parseHash(line, proof.size() + 1));
    }
    String note = text.substring(start);
    if (note.isEmpty()) {
      throw new Malformed("no checkpoint after the empty line");
    }
    return new AddCheckpointRequest(oldSize, proof, note);
  }

  private static long parseOld(String line) throws Malformed {
    if (!line.startsWith("old ")) {
      throw new Malformed("first line must be \"old <size>\"");
    }
    String s = line.substring(4);
    if (s.isEmpty() || s.length() > 19 || !s.chars().allMatch(c -> c >= '0' && c <= '9')
        || (s.length() > 1 && s.charAt(0) == '0')) {
      throw new Malformed("old size must be ASCII decimal without leading zeros");
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new Malformed("old size is larger than " + Long.MAX_VALUE);
    }
  }

  private static byte[] parseHash(String line, int number) throws Malformed {
    byte[] h;
    try {
      h = Base64.getDecoder().decode(line);
    } catch (IllegalArgumentException e) {
      throw new Malformed("proof line " + number + " is not base64");
    }
    if (h.length != 32 || !Base64.getEncoder().encodeToString(h).equals(line)) {
      throw new Malformed("proof line " + number + " is not the canonical base64 of a 32-byte hash");
    }
    return h;
  }
}
