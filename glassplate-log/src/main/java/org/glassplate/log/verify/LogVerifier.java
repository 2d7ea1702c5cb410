package org.glassplate.log.verify;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.glassplate.log.Merkle;
import org.glassplate.log.ProofVerificationException;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.CheckpointVerificationException;
import org.glassplate.log.note.CheckpointVerifier;
import org.glassplate.log.note.Cosignature;
import org.glassplate.log.note.CosignatureVerificationException;
import org.glassplate.log.note.Note;
import org.glassplate.log.note.NoteSignature;
import org.glassplate.log.note.NoteVerificationException;
import org.glassplate.log.note.NoteVerifier;
import org.glassplate.log.note.WitnessKey;
import org.glassplate.log.tiles.TileHashReader;
import org.glassplate.log.tiles.TilePath;
import org.glassplate.log.tiles.Tiles;

/**
 * Verifies a whole Glassplate audit log from outside, trusting nothing the server says:
 *
 * <ol>
 *   <li>fetches the verifier key and the signed checkpoint; the key must be the one pinned for
 *       the checkpoint's origin (pinned on first use, with a warning) and must sign the
 *       checkpoint (c2sp.org/signed-note, c2sp.org/tlog-checkpoint);
 *   <li>with a trusted earlier checkpoint, refuses a smaller tree (rollback);
 *   <li>fetches every entry bundle and hash tile of the tree concurrently (c2sp.org/tlog-tiles),
 *       hashes every entry (RFC 9162 §2.1.1) and compares it with the level-0 tile, recomputes
 *       every upper tile and compares it too, and recomputes the root, which must equal the
 *       signed one;
 *   <li>with a trusted checkpoint, verifies consistency (RFC 9162 §2.1.4) twice: with the proof
 *       the log serves, and with a proof computed from the recomputed tree;
 *   <li>with a {@link WitnessQuorum}, requires that many valid {@code cosignature/v1} lines
 *       (c2sp.org/tlog-cosignature) by the given witness keys on the very checkpoint verified
 *       (R-AUD-5), and names the witnesses that did not cosign it.
 * </ol>
 *
 * Entries are opaque bytes here. The first entry index that does not match is reported.
 */
public final class LogVerifier {
  /** Concurrent tile fetches: enough to hide latency, few enough to be polite. */
  public static final int DEFAULT_PARALLELISM = 8;

  private static final int W = TilePath.FULL_WIDTH;
  private static final int H = Merkle.HASH_SIZE;

  private final LogSource source;
  private final int parallelism;

  /** A verifier of the Glassplate server at {@code baseUrl}, over HTTP. */
  public LogVerifier(URI baseUrl) {
    this(new HttpLogSource(baseUrl), DEFAULT_PARALLELISM);
  }

  public LogVerifier(LogSource source, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.source = Objects.requireNonNull(source, "source");
    this.parallelism = parallelism;
  }

  /**
   * Verifies the log.
   *
   * @param pins the pinned keys; the log's key is pinned here on first use
   * @param trustedCheckpointOrNull a signed checkpoint verified earlier, or null
   * @param warnings receives warning lines (first use of a key)
   * @return the verified checkpoint
   * @throws LogVerificationException naming the first failing index, or the log-wide failure
   * @throws IOException if the key or checkpoint cannot be fetched or the pin file not used
   */
  public VerifiedLog verify(KnownLogs pins, byte[] trustedCheckpointOrNull, Consumer<String> warnings)
      throws LogVerificationException, IOException, InterruptedException {
    return verify(pins, trustedCheckpointOrNull, WitnessQuorum.NONE, warnings);
  }

  /**
   * Verifies the log and, last, the witnesses' cosignatures on the checkpoint verified.
   *
   * @param witnesses the witnesses that must have cosigned, and how many of them
   * @throws LogVerificationException also when fewer than {@code witnesses.quorum()} of the
   *     witnesses' cosignatures verify over the checkpoint
   * @see #verify(KnownLogs, byte[], Consumer)
   */
  public VerifiedLog verify(KnownLogs pins, byte[] trustedCheckpointOrNull, WitnessQuorum witnesses,
      Consumer<String> warnings) throws LogVerificationException, IOException, InterruptedException {
    Objects.requireNonNull(witnesses, "witnesses");
    byte[] keyBytes = source.get("key");
    if (keyBytes == null) {
      throw new LogVerificationException("the log serves no verifier key (key: HTTP 404)");
    }
    String servedKey = new String(keyBytes, StandardCharsets.UTF_8).strip();
    byte[] note = source.get("checkpoint");
    if (note == null) {
      throw new LogVerificationException("the log serves no checkpoint (checkpoint: HTTP 404)");
    }
    // The origin is read before the signature is checked only to find the pinned key; the
    // signature check below then binds it.
    String text = new String(note, StandardCharsets.UTF_8);
    String origin = firstLine(text);
    Optional<String> pinned = pins.keyFor(origin);
    if (pinned.isPresent() && !pinned.get().equals(servedKey)) {
      throw new LogVerificationException("the log's verifier key changed: pinned " + pinned.get()
          + " for origin \"" + origin + "\" in " + pins.file() + ", served " + servedKey);
    }

    // A log that moved to a new key (OriginChain): from the trusted checkpoint's origin, or else from an
    // earlier origin of the log pinned here, follow the announcements to the current origin.
    String trustedOrigin = trustedCheckpointOrNull == null ? null
        : firstLine(new String(trustedCheckpointOrNull, StandardCharsets.UTF_8));
    Map<?, ?> origins = null;
    String anchorOrigin = null;
    if (trustedOrigin != null && !trustedOrigin.equals(origin)) {
      anchorOrigin = trustedOrigin;
      origins = OriginChain.fetch(source);
      if (origins == null) {
        throw new LogVerificationException("the log's checkpoint is of origin \"" + origin + "\", not the trusted \""
            + trustedOrigin + "\", and the log lists no origins (" + OriginChain.ORIGINS + ": HTTP 404): a new key "
            + "that the old one never announced");
      }
    } else if (trustedOrigin == null && pinned.isEmpty()) {
      try {
        origins = OriginChain.fetch(source);
      } catch (IOException | LogVerificationException e) {
        origins = null; // a server older than the origins list (it may answer 401 for an unknown path): first use
      }
      if (origins != null) {
        List<Map<?, ?>> rows = OriginChain.rows(origins);
        for (int i = rows.size() - 1; i >= 0 && anchorOrigin == null; i--) {
          String o = (String) rows.get(i).get("origin");
          if (!o.equals(origin) && pins.keyFor(o).isPresent()) {
            anchorOrigin = o;
          }
        }
      }
    }
    OriginChain.Chain chain = null;
    String anchorKey = null;
    boolean anchorFirstUse = false;
    if (anchorOrigin != null) {
      Optional<String> anchorPin = pins.keyFor(anchorOrigin);
      if (anchorPin.isPresent()) {
        anchorKey = anchorPin.get();
      } else {
        Map<?, ?> row = OriginChain.row(origins, anchorOrigin);
        anchorKey = row != null && row.get("verifierKey") instanceof String k ? k : "";
        anchorFirstUse = true;
      }
      chain = OriginChain.follow(source, origins, anchorOrigin, anchorKey, origin);
      if (pinned.isPresent() && !pinned.get().equals(chain.currentKey())) {
        throw new LogVerificationException("the log's previous key announced key " + chain.currentKey() + " for origin \""
            + origin + "\", but " + pins.file() + " pins " + pinned.get());
      }
      if (!servedKey.equals(chain.currentKey())) {
        throw new LogVerificationException("the log serves key " + servedKey + " but its previous origin announced "
            + chain.currentKey() + " for origin \"" + origin + "\"");
      }
    }
    String key = chain != null ? chain.currentKey() : pinned.orElse(servedKey);
    Checkpoint checkpoint;
    try {
      checkpoint = CheckpointVerifier.verify(note, key, origin);
    } catch (CheckpointVerificationException e) {
      throw new LogVerificationException("checkpoint refused: " + e.getMessage());
    }

    Checkpoint trusted = null;
    if (trustedCheckpointOrNull != null) {
      String trustedKey = chain != null ? anchorKey : key;
      try {
        trusted = CheckpointVerifier.verify(trustedCheckpointOrNull, trustedKey, chain != null ? anchorOrigin : origin);
      } catch (CheckpointVerificationException e) {
        throw new LogVerificationException("trusted checkpoint refused with the " + (anchorFirstUse ? "listed" : "pinned")
            + " key" + (chain != null ? " of origin \"" + anchorOrigin + "\"" : "") + ": " + e.getMessage());
      }
      if (checkpoint.size() < trusted.size()) {
        throw new LogVerificationException("rollback: the log's checkpoint has size " + checkpoint.size()
            + ", smaller than the trusted checkpoint's size " + trusted.size());
      }
      if (chain != null && trusted.size() > chain.hops().get(0).finalCheckpoint().size()) {
        throw new LogVerificationException("the trusted checkpoint of origin \"" + anchorOrigin + "\" has size "
            + trusted.size() + ", beyond that origin's final checkpoint (size "
            + chain.hops().get(0).finalCheckpoint().size() + ")");
      }
    }

    TileHashReader tree = recompute(checkpoint.size());
    byte[] root = tree == null ? Merkle.emptyRoot() : Proofs.root(checkpoint.size(), tree);
    if (!Arrays.equals(root, checkpoint.rootHash())) {
      throw new LogVerificationException("the root recomputed from all " + checkpoint.size() + " entries is "
          + b64(root) + ", the signed checkpoint says " + checkpoint.rootBase64());
    }
    if (chain != null) {
      for (OriginChain.Hop hop : chain.hops()) {
        if (tree == null) {
          throw new LogVerificationException("origin \"" + hop.origin() + "\" ended at size "
              + hop.finalCheckpoint().size() + " but the current checkpoint is empty");
        }
        hop.checkIn(tree, checkpoint.size());
      }
    }
    if (trusted != null) {
      checkConsistency(trusted, checkpoint, tree);
    }
    if (anchorFirstUse) {
      pins.pin(anchorOrigin, anchorKey);
      warnings.accept("WARNING: first use of log \"" + anchorOrigin + "\": pinned its key " + anchorKey + " in "
          + pins.file() + "; compare it with the key the agency publishes");
    }
    if (pinned.isEmpty()) {
      pins.pin(origin, key);
      if (chain == null) {
        warnings.accept("WARNING: first use of log \"" + origin + "\": pinned its key " + key + " in "
            + pins.file() + "; compare it with the key the agency publishes");
      }
    }
    List<WitnessCosignature> cosigned = checkCosignatures(note, key, witnesses);
    return new VerifiedLog(checkpoint, note, key, pinned.isEmpty() && chain == null, cosigned,
        chain == null ? List.of() : chain.hops());
  }

  private static String firstLine(String text) {
    return text.indexOf('\n') < 0 ? text : text.substring(0, text.indexOf('\n'));
  }

  /**
   * The witnesses' cosignatures on a checkpoint note already verified with the log's key: of each
   * witness, a signature line with its name and key ID that verifies as {@code cosignature/v1}
   * over the note's text. Lines by other keys are ignored (c2sp.org/signed-note).
   *
   * @return the witnesses that cosigned, in the order given
   * @throws LogVerificationException if fewer than the quorum cosigned, naming those that did not
   *     and why
   */
  static List<WitnessCosignature> checkCosignatures(byte[] note, String logKey, WitnessQuorum witnesses)
      throws LogVerificationException {
    if (witnesses.witnesses().isEmpty()) {
      return List.of();
    }
    Note parsed;
    try {
      parsed = new NoteVerifier(logKey).verify(note);
    } catch (NoteVerificationException e) {
      throw new LogVerificationException("checkpoint refused: " + e.getMessage()); // verified above; cannot happen
    }
    List<WitnessCosignature> cosigned = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (WitnessKey w : witnesses.witnesses()) {
      String why = "no cosignature line";
      for (NoteSignature s : parsed.unverifiedSignatures()) {
        if (!s.name().equals(w.name()) || s.keyId() != w.keyId()) {
          continue;
        }
        try {
          cosigned.add(new WitnessCosignature(w, Cosignature.verify(s.line(), w, parsed.text())));
          why = null;
          break;
        } catch (CosignatureVerificationException e) {
          why = e.getMessage();
        }
      }
      if (why != null) {
        missing.add(w.vkey() + " (" + why + ")");
      }
    }
    if (cosigned.size() < witnesses.quorum()) {
      Checkpoint c;
      try {
        c = Checkpoint.parse(parsed.text());
      } catch (CheckpointVerificationException e) {
        throw new LogVerificationException("checkpoint refused: " + e.getMessage()); // parsed above; cannot happen
      }
      throw new LogVerificationException("witness quorum not met: " + cosigned.size() + " of the "
          + witnesses.witnesses().size() + " witnesses cosigned the checkpoint of size " + c.size()
          + ", want at least " + witnesses.quorum() + "; not cosigned by " + String.join(", ", missing));
    }
    return List.copyOf(cosigned);
  }

  private void checkConsistency(Checkpoint trusted, Checkpoint now, TileHashReader tree)
      throws LogVerificationException, IOException, InterruptedException {
    long m = trusted.size();
    long n = now.size();
    if (m == 0) {
      if (!Arrays.equals(trusted.rootHash(), Merkle.emptyRoot())) {
        throw new LogVerificationException("the trusted checkpoint of size 0 has root " + trusted.rootBase64()
            + ", want the empty root " + b64(Merkle.emptyRoot()));
      }
      return;
    }
    if (m == n) {
      if (!Arrays.equals(trusted.rootHash(), now.rootHash())) {
        throw new LogVerificationException("not consistent with the trusted checkpoint: both have size " + n
            + " but the roots differ: got " + now.rootBase64() + ", trusted " + trusted.rootBase64());
      }
      return;
    }
    // From the tree recomputed from the entries: is the trusted tree its prefix?
    List<byte[]> local = Proofs.consistency(m, n, tree);
    try {
      Proofs.verifyConsistency(m, n, local, trusted.rootHash(), now.rootHash());
    } catch (ProofVerificationException e) {
      throw new LogVerificationException("not consistent with the trusted checkpoint of size " + m
          + ": the first " + m + " entries no longer hash to its root (" + e.getMessage() + ")");
    }
    // And the log's own answer must prove the same.
    String path = "proof/consistency?from=" + m + "&to=" + n;
    byte[] answer = source.get(path);
    if (answer == null) {
      throw new LogVerificationException("the log serves no consistency proof (" + path + ": HTTP 404)");
    }
    List<byte[]> served = parseConsistencyAnswer(answer, m, n);
    try {
      Proofs.verifyConsistency(m, n, served, trusted.rootHash(), now.rootHash());
    } catch (ProofVerificationException e) {
      throw new LogVerificationException("the consistency proof the log serves from " + m + " to " + n
          + " does not verify: " + e.getMessage());
    }
  }

  static List<byte[]> parseConsistencyAnswer(byte[] answer, long from, long to) throws LogVerificationException {
    try {
      Object parsed = Json.parse(new String(answer, StandardCharsets.UTF_8));
      if (!(parsed instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException("not an object");
      }
      long gotFrom = ((BigDecimal) m.get("from")).longValueExact();
      long gotTo = ((BigDecimal) m.get("to")).longValueExact();
      if (gotFrom != from || gotTo != to) {
        throw new IllegalArgumentException("answers from=" + gotFrom + " to=" + gotTo + ", asked from=" + from + " to=" + to);
      }
      List<byte[]> hashes = new ArrayList<>();
      for (Object h : (List<?>) m.get("hashes")) {
        byte[] b = Base64.getDecoder().decode((String) h);
        if (b.length != H) {
          throw new IllegalArgumentException("a hash has " + b.length + " bytes, want 32");
        }
        hashes.add(b);
      }
      return hashes;
    } catch (RuntimeException e) {
      throw new LogVerificationException("the log's consistency proof answer is malformed: " + e.getMessage());
    }
  }

  /**
   * Fetches every entry bundle and hash tile of a tree of {@code size} and recomputes them; returns
   * a reader over the recomputed tiles, or null for the empty tree.
   */
  private TileHashReader recompute(long size) throws LogVerificationException, IOException, InterruptedException {
    if (size == 0) {
      return null;
    }
    long bundles = (size + W - 1) / W;
    if (bundles > Integer.MAX_VALUE) {
      throw new LogVerificationException("a log of " + size + " entries is too large to verify in memory");
    }
    Recomputation r = new Recomputation(size, (int) bundles);
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int n = 0; n < bundles; n++) {
      int tile = n;
      tasks.add(() -> {
        r.level0(tile);
        return null;
      });
    }
    for (TilePath t : TilePath.hashTiles(size)) {
      if (t.level() > 0) {
        tasks.add(() -> {
          r.fetchUpper(t);
          return null;
        });
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, runnable -> {
      Thread th = new Thread(runnable, "log-verifier");
      th.setDaemon(true);
      return th;
    });
    try {
      for (Future<Void> f : pool.invokeAll(tasks)) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new IOException(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    r.throwFirstFailure();
    r.upperLevels();
    r.throwFirstFailure();
    return new TileHashReader(size, r::localTile);
  }

  /** The state of one recomputation: local tiles level by level, fetched upper tiles, first failure. */
  private final class Recomputation {
    private final long size;
    private final List<byte[][]> local = new ArrayList<>();
    private final byte[][] fullTileRoots; // roots of the full level-0 tiles, the level-1 hashes
    private final Map<TilePath, byte[]> upper = new ConcurrentHashMap<>();
    private long failIndex = Long.MAX_VALUE;
    private String failWhy;

    Recomputation(long size, int bundles) {
      this.size = size;
      local.add(new byte[bundles][]);
      fullTileRoots = new byte[(int) (size / W)][];
    }

    void level0(int n) throws IOException, InterruptedException {
      long first = (long) n * W;
      int width = (int) Math.min(W, size - first);
      String bundlePath = TilePath.entryBundle(n, width % W);
      String tilePath = TilePath.hashTile(0, n, width % W);
      byte[] bundle = fetch(bundlePath, first);
      byte[] tile = fetch(tilePath, first);
      if (bundle == null || tile == null) {
        return;
      }
      byte[] leaves = new byte[width * H];
      int k = 0;
      int p = 0;
      String cut = null;
      while (k < width && p < bundle.length) {
        if (p + 2 > bundle.length) {
          cut = "entry " + (first + k) + " in " + bundlePath + " has a truncated length prefix";
          break;
        }
        int len = (bundle[p] & 0xFF) << 8 | (bundle[p + 1] & 0xFF);
        p += 2;
        if (p + len > bundle.length) {
          cut = "entry " + (first + k) + " in " + bundlePath + " claims " + len + " bytes, only "
              + (bundle.length - p) + " remain";
          break;
        }
        System.arraycopy(Merkle.leafHash(bundle, p, len), 0, leaves, k * H, H);
        p += len;
        k++;
      }
      if (tile.length != width * H) {
        fail(first, tilePath + " has " + tile.length + " bytes, want " + width * H);
        return;
      }
      for (int j = 0; j < k; j++) {
        if (!Arrays.equals(leaves, j * H, (j + 1) * H, tile, j * H, (j + 1) * H)) {
          fail(first + j, "the entry hashes to " + b64(Arrays.copyOfRange(leaves, j * H, (j + 1) * H))
              + " but leaf " + j + " of " + tilePath + " is " + b64(Arrays.copyOfRange(tile, j * H, (j + 1) * H)));
          return;
        }
      }
      if (cut != null) {
        fail(first + k, cut);
        return;
      }
      if (k < width) {
        fail(first + k, "entry missing: " + bundlePath + " holds " + k + " entries, want " + width);
        return;
      }
      if (p < bundle.length) {
        fail(first + width, bundlePath + " holds more than its " + width + " entries");
        return;
      }
      local.get(0)[n] = leaves;
      if (width == W) {
        fullTileRoots[n] = Tiles.tileRoot(leaves);
      }
    }

    void fetchUpper(TilePath t) throws IOException, InterruptedException {
      byte[] b = fetch(t.path(), firstLeaf(t.level(), t.index() * W));
      if (b != null) {
        upper.put(t, b);
      }
    }

    /** Builds levels 1.. from the roots of the full tiles below, comparing each with the log's tile. */
    void upperLevels() {
      byte[][] roots = fullTileRoots;
      for (int level = 1; roots.length > 0; level++) {
        int count = roots.length;
        int tiles = (count + W - 1) / W;
        byte[][] levelTiles = new byte[tiles][];
        byte[][] nextRoots = new byte[count / W][];
        for (int n = 0; n < tiles; n++) {
          int width = Math.min(W, count - n * W);
          byte[] mine = new byte[width * H];
          for (int k = 0; k < width; k++) {
            System.arraycopy(roots[n * W + k], 0, mine, k * H, H);
          }
          levelTiles[n] = mine;
          if (width == W) {
            nextRoots[n] = Tiles.tileRoot(mine);
          }
          TilePath path = new TilePath(false, level, n, width);
          byte[] theirs = upper.get(path);
          if (theirs == null) {
            continue; // already reported by fetch()
          }
          if (theirs.length != mine.length) {
            fail(firstLeaf(level, (long) n * W), path + " has " + theirs.length + " bytes, want " + mine.length);
            continue;
          }
          for (int k = 0; k < width; k++) {
            if (!Arrays.equals(mine, k * H, (k + 1) * H, theirs, k * H, (k + 1) * H)) {
              long from = firstLeaf(level, (long) n * W + k);
              long to = firstLeaf(level, (long) n * W + k + 1);
              fail(from, "hash " + k + " of " + path + " is " + b64(Arrays.copyOfRange(theirs, k * H, (k + 1) * H))
                  + " but entries [" + from + ", " + to + ") hash to " + b64(Arrays.copyOfRange(mine, k * H, (k + 1) * H)));
              break;
            }
          }
        }
        local.add(levelTiles);
        roots = nextRoots;
      }
    }

    byte[] localTile(int level, long index, int width) {
      byte[] t = local.get(level)[Math.toIntExact(index)];
      if (t.length != width * H) {
        throw new IllegalStateException("recomputed tile " + level + "/" + index + " has " + t.length / H
            + " hashes, want " + width);
      }
      return t;
    }

    private byte[] fetch(String path, long firstIndex) throws IOException, InterruptedException {
      byte[] b = source.get(path);
      if (b == null) {
        fail(firstIndex, path + " is not served (HTTP 404)");
      }
      return b;
    }

    private long firstLeaf(int level, long index) {
      return index << (8 * level);
    }

    synchronized void fail(long index, String why) {
      if (index < failIndex) {
        failIndex = index;
        failWhy = why;
      }
    }

    synchronized void throwFirstFailure() throws LogVerificationException {
      if (failWhy != null) {
        throw new LogVerificationException(failIndex, failWhy);
      }
    }
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
