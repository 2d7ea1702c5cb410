package org.glassplate.log.verify;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.glassplate.log.HashReader;
import org.glassplate.log.Merkle;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.CheckpointVerificationException;
import org.glassplate.log.note.CheckpointVerifier;
import org.glassplate.log.tiles.TilePath;
import org.glassplate.log.tiles.Tiles;

/**
 * A log's move to a new key: one tree, several origins one after the other, each ended by a last entry
 * of type {@value #ROTATED_TYPE} that names the next origin and its verifier key, in the tree of the
 * ended origin's final checkpoint, signed with the ended origin's key. The log lists its origins at
 * {@code origins} ({@code GET /api/v1/audit/origins}): {@code {"origins":[{"origin","verifierKey",
 * "firstSize","finalSize"?,"finalCheckpoint"?,"endedAt"?}...]}}, oldest first, the current one last
 * without a final checkpoint.
 *
 * <p>{@link #follow} walks from an origin the verifier trusts (a trusted checkpoint's, or a pinned one)
 * to the log's current origin: each ended origin's final checkpoint must verify with that origin's key
 * (the trusted one first, then each key as the previous origin announced it), and its last entry must
 * announce the next origin and key; the current checkpoint must then verify with the last announced key.
 * {@link Hop#checkIn} checks, once the whole tree is recomputed, that each final checkpoint and its
 * announcing entry are in it. Nothing the log serves about its origins is trusted on its own: a key not
 * announced, in the log, by the key before it is refused.
 */
public final class OriginChain {
  /** The {@code type} of the entry that ends an origin (Glassplate's audit type code 158). */
  public static final String ROTATED_TYPE = "LOG_KEY_ROTATED";
  /** The resource path of the origins list. */
  public static final String ORIGINS = "origins";

  private OriginChain() {
  }

  /**
   * One ended origin: its final checkpoint (verified with {@code key}), its announcing entry as the log
   * serves it, and what that entry announces.
   */
  public record Hop(String origin, String key, Checkpoint finalCheckpoint, byte[] announcement, String nextOrigin,
      String nextKey) {
    /** Checks that the final checkpoint is a prefix of {@code tree} and its last entry is the announcement. */
    void checkIn(HashReader tree, long treeSize) throws LogVerificationException {
      long n = finalCheckpoint.size();
      if (n > treeSize) {
        throw new LogVerificationException("origin \"" + origin + "\" ended at size " + n
            + ", beyond the current checkpoint's size " + treeSize);
      }
      byte[] root = Proofs.root(n, tree);
      if (!Arrays.equals(root, finalCheckpoint.rootHash())) {
        throw new LogVerificationException(n - 1, "the final checkpoint of origin \"" + origin + "\" (size " + n
            + ", root " + finalCheckpoint.rootBase64() + ") is not a prefix of the current tree, whose first " + n
            + " entries hash to " + Base64.getEncoder().encodeToString(root));
      }
      byte[] leaf = tree.nodeHash(0, n - 1);
      if (!Arrays.equals(leaf, Merkle.leafHash(announcement))) {
        throw new LogVerificationException(n - 1, "entry " + (n - 1) + ", the announcement of origin \"" + nextOrigin
            + "\", is not the entry the tree holds there");
      }
    }
  }

  /** The walk from a trusted origin to the current one. */
  public record Chain(List<Hop> hops, String currentKey) {
    public Chain {
      hops = List.copyOf(hops);
    }
  }

  /**
   * Follows the log's origins from {@code trustedOrigin} (verifier key {@code trustedKey}) to
   * {@code currentOrigin}.
   *
   * @param source the log
   * @param originsDoc the log's origins list, as served
   * @throws LogVerificationException if the chain is broken anywhere, naming where and why
   */
  public static Chain follow(LogSource source, Map<?, ?> originsDoc, String trustedOrigin, String trustedKey,
      String currentOrigin) throws LogVerificationException, IOException, InterruptedException {
    List<Map<?, ?>> rows = rows(originsDoc);
    int at = -1;
    for (int i = 0; i < rows.size(); i++) {
      if (trustedOrigin.equals(rows.get(i).get("origin"))) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      throw new LogVerificationException("the log's checkpoint is of origin \"" + currentOrigin + "\", not the trusted \""
          + trustedOrigin + "\", and the log does not list \"" + trustedOrigin + "\" among its origins: a new key that "
          + "the old one never announced");
    }
    List<Hop> hops = new ArrayList<>();
    String origin = trustedOrigin;
    String key = trustedKey;
    for (int i = at; !origin.equals(currentOrigin); i++) {
      if (i >= rows.size() || !origin.equals(rows.get(i).get("origin"))) {
        throw new LogVerificationException("the log's origins list is out of order at \"" + origin + "\"");
      }
      Map<?, ?> row = rows.get(i);
      if (!(row.get("finalCheckpoint") instanceof String note)) {
        throw new LogVerificationException("the log's checkpoint is of origin \"" + currentOrigin + "\" but origin \""
            + origin + "\" has no final checkpoint: it was never ended by an announcement of a new key");
      }
      Checkpoint last;
      try {
        last = CheckpointVerifier.verify(note, key, origin);
      } catch (CheckpointVerificationException e) {
        throw new LogVerificationException("the final checkpoint of origin \"" + origin + "\" does not verify with its "
            + "key " + key + ": " + e.getMessage());
      }
      if (last.size() < 1) {
        throw new LogVerificationException("the final checkpoint of origin \"" + origin + "\" is empty");
      }
      byte[] entry = entry(source, last.size() - 1);
      Map<?, ?> json;
      try {
        json = Json.parse(new String(entry, StandardCharsets.UTF_8)) instanceof Map<?, ?> m ? m : Map.of();
      } catch (RuntimeException e) {
        json = Map.of();
      }
      if (!ROTATED_TYPE.equals(json.get("type")) || !(json.get("newOrigin") instanceof String next)
          || !(json.get("newVerifierKey") instanceof String nextKey)) {
        throw new LogVerificationException(last.size() - 1, "the last entry of origin \"" + origin + "\" (index "
            + (last.size() - 1) + ") is not a " + ROTATED_TYPE + " announcement of a new origin and key: the key of \""
            + currentOrigin + "\" was not announced by the log's previous key");
      }
      if (i + 1 < rows.size() && !next.equals(rows.get(i + 1).get("origin"))) {
        throw new LogVerificationException("origin \"" + origin + "\" announced \"" + next + "\" but the log lists \""
            + rows.get(i + 1).get("origin") + "\" after it");
      }
      if (i + 1 < rows.size() && !nextKey.equals(rows.get(i + 1).get("verifierKey"))) {
        throw new LogVerificationException("origin \"" + origin + "\" announced key " + nextKey + " for \"" + next
            + "\" but the log lists " + rows.get(i + 1).get("verifierKey"));
      }
      hops.add(new Hop(origin, key, last, entry, next, nextKey));
      origin = next;
      key = nextKey;
      if (hops.size() > rows.size()) {
        throw new LogVerificationException("the log's origins go round in a circle");
      }
    }
    return new Chain(hops, key);
  }

  /** The row of {@code origin} in the origins list, or null. */
  static Map<?, ?> row(Map<?, ?> originsDoc, String origin) throws LogVerificationException {
    for (Map<?, ?> r : rows(originsDoc)) {
      if (origin.equals(r.get("origin"))) {
        return r;
      }
    }
    return null;
  }

  /** The origins list's rows, oldest first. */
  static List<Map<?, ?>> rows(Map<?, ?> originsDoc) throws LogVerificationException {
    if (!(originsDoc.get("origins") instanceof List<?> list)) {
      throw new LogVerificationException("the log's origins list is malformed: no \"origins\" array");
    }
    List<Map<?, ?>> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m) || !(m.get("origin") instanceof String)) {
        throw new LogVerificationException("the log's origins list is malformed: an item without \"origin\"");
      }
      out.add(m);
    }
    return out;
  }

  /** Parses the origins list; null when the log serves none. */
  static Map<?, ?> fetch(LogSource source) throws LogVerificationException, IOException, InterruptedException {
    byte[] b = source.get(ORIGINS);
    if (b == null) {
      return null;
    }
    try {
      if (Json.parse(new String(b, StandardCharsets.UTF_8)) instanceof Map<?, ?> m) {
        return m;
      }
    } catch (RuntimeException e) {
      // below
    }
    throw new LogVerificationException("the log's origins list (" + ORIGINS + ") is not a JSON object");
  }

  /** Entry {@code index}, from its entry bundle. */
  private static byte[] entry(LogSource source, long index) throws LogVerificationException, IOException,
      InterruptedException {
    long bundle = index / TilePath.FULL_WIDTH;
    int width = (int) (index % TilePath.FULL_WIDTH) + 1;
    // the narrowest bundle that holds it: the full one, unless the tree then ended inside it
    for (String path : new String[] {TilePath.entryBundle(bundle, 0), TilePath.entryBundle(bundle, width % TilePath.FULL_WIDTH)}) {
      byte[] b = source.get(path);
      if (b != null) {
        try {
          List<byte[]> entries = Tiles.decodeEntryBundle(b);
          if (entries.size() >= width) {
            return entries.get(width - 1);
          }
        } catch (IllegalArgumentException e) {
          throw new LogVerificationException(index, path + " is not an entry bundle: " + e.getMessage());
        }
      }
    }
    throw new LogVerificationException(index, "the log does not serve entry " + index + " (its entry bundle)");
  }

  static long longOf(Object o) {
    return o instanceof BigDecimal d ? d.longValue() : -1;
  }
}
