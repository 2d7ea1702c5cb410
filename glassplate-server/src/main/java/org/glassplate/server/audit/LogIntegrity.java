package org.glassplate.server.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.glassplate.log.Merkle;
import org.glassplate.log.note.CheckpointVerificationException;
import org.glassplate.log.note.CheckpointVerifier;
import org.glassplate.log.tiles.TilePath;
import org.glassplate.log.tiles.Tiles;
import org.glassplate.log.verify.KnownLogs;
import org.glassplate.log.verify.LogSource;
import org.glassplate.log.verify.LogVerificationException;
import org.glassplate.log.verify.LogVerifier;
import org.glassplate.log.verify.VerifiedLog;
import org.glassplate.server.audit.internal.AuditStore;
import org.glassplate.server.audit.internal.IntegrityRows;
import org.glassplate.server.audit.internal.TileRows;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log's own evidence, checked from storage for the daily self-audit (R-GOV-3), the way
 * tessera's {@code fsck} checks a log: the whole tree recomputed from the stored entries and compared
 * with the stored tiles and the latest signed checkpoint (glassplate-log's {@link LogVerifier}, the
 * outside auditor's code, reading this server's store instead of HTTP); the append-only triggers as
 * the database has them; the signer key against the one the log started with. And, for features that
 * compare what they hold with what the log says was done, the recorded entries of chosen types.
 */
@Component
public class LogIntegrity {
  /** Concurrent reads of bundles and tiles: enough for two cores and the database, few for the pool. */
  static final int PARALLELISM = 4;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The append-only triggers of V201, V1440 and V1590: name to table, in the order the migrations create them. */
  static final Map<String, String> APPEND_ONLY_TRIGGERS = triggerTables();

  private final IntegrityRows rows;
  private final TileRows tiles;
  private final AuditStore store;
  private final LogKey key;
  private final LogOrigins origins;

  LogIntegrity(IntegrityRows rows, TileRows tiles, AuditStore store, LogKey key, LogOrigins origins) {
    this.origins = origins;
    this.rows = rows;
    this.tiles = tiles;
    this.store = store;
    this.key = key;
  }

  private static Map<String, String> triggerTables() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String table : List.of("audit_entry", "audit_private", "audit_checkpoint", "audit_cosignature")) {
      m.put(table + "_append_only", table);
      m.put(table + "_no_truncate", table);
    }
    m.put("audit_tile_no_delete", "audit_tile");
    m.put("audit_tile_no_truncate", "audit_tile");
    m.put("audit_tile_grow_only", "audit_tile");
    m.put("audit_log_origin_append_only", "audit_log_origin");
    m.put("audit_log_origin_no_truncate", "audit_log_origin");
    return m;
  }

  /**
   * The stored tree against its latest signed checkpoint.
   *
   * @param intact whether every entry hashes to its stored leaf, every stored tile to the recomputed one,
   *     and the recomputed root is the signed one
   * @param size the size of the latest signed checkpoint (0 when there is none yet)
   * @param firstBadIndex the first entry that does not match, or null when none (or the failure is log-wide)
   * @param detail what was found, the expected and the actual value when it failed
   * @param signed what the signed tree holds where it failed (a leaf's or a tile's hash, the root), or empty
   * @param recomputed what the stored entries hash to there instead, or the failure in words
   */
  public record TreeVerdict(boolean intact, long size, Long firstBadIndex, String detail, String signed,
      String recomputed) {
  }

  /** "the entry hashes to X but leaf J of PATH is Y": LogVerifier's words for an entry that was changed. */
  private static final java.util.regex.Pattern LEAF = java.util.regex.Pattern.compile(
      "the entry hashes to (\\S+) but leaf (\\d+) of (\\S+) is (\\S+)");

  private static TreeVerdict failed(long size, Long index, String why) {
    String detail = (index == null ? "" : "first bad index " + index + ": ") + why;
    java.util.regex.Matcher m = LEAF.matcher(why);
    if (m.find()) {
      return new TreeVerdict(false, size, index, detail, "entry " + index + " as signed: leaf hash " + m.group(4)
          + " (" + m.group(3) + ")", "entry " + index + " as stored: leaf hash " + m.group(1));
    }
    return new TreeVerdict(false, size, index, detail, "the signed checkpoint of size " + size, why);
  }

  /** Recomputes the whole tree from the stored entries; entries are read a bundle (256) at a time. */
  public TreeVerdict verifyTree() {
    String note = rows.checkpointNote(false).orElse(null);
    if (note == null) {
      return new TreeVerdict(true, 0, null, "no signed checkpoint yet", "", "");
    }
    Path pins = null;
    try {
      pins = Files.createTempFile("glassplate-self-audit", ".pins");
      // The key is checked apart (signerKey); here the checkpoint must verify with the server's own key.
      Files.writeString(pins, key.origin() + " " + key.verifierKey() + "\n", StandardCharsets.UTF_8);
      VerifiedLog verified = new LogVerifier(storedLog(note), PARALLELISM)
          .verify(new KnownLogs(pins), null, warning -> { });
      return new TreeVerdict(true, verified.checkpoint().size(), null, "recomputed all "
          + verified.checkpoint().size() + " entries: root " + verified.checkpoint().rootBase64()
          + " is the signed checkpoint's", "", "");
    } catch (LogVerificationException e) {
      return failed(sizeOf(note), e.index().isPresent() ? e.index().getAsLong() : null, e.getMessage());
    } catch (IOException e) {
      return failed(sizeOf(note), null, "could not read the stored log: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(sizeOf(note), null, "interrupted");
    } finally {
      if (pins != null) {
        try {
          Files.deleteIfExists(pins);
        } catch (IOException ignored) {
          // a temporary file of public data
        }
      }
    }
  }

  private static long sizeOf(String note) {
    String[] lines = note.split("\n", 3);
    try {
      return lines.length > 1 ? Long.parseLong(lines[1]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The stored log as c2sp.org/tlog-tiles resources, read from the tables (uncached) at the signed size. */
  private LogSource storedLog(String note) {
    long size = sizeOf(note);
    return path -> {
      if (path.equals("key")) {
        return key.verifierKey().getBytes(StandardCharsets.UTF_8);
      }
      if (path.equals("checkpoint")) {
        return note.getBytes(StandardCharsets.UTF_8);
      }
      if (!path.startsWith("tile/")) {
        return null;
      }
      TilePath t = TilePath.parse(path);
      if (t.entryBundle()) {
        long first = t.index() * TilePath.FULL_WIDTH;
        return Tiles.encodeEntryBundle(rows.entryBytes(first, Math.min(size, first + t.width())));
      }
      byte[] hashes = tiles.hashes(t.level(), t.index());
      if (hashes == null) {
        return null;
      }
      int want = t.width() * Merkle.HASH_SIZE;
      return hashes.length > want ? Arrays.copyOf(hashes, want) : hashes;
    };
  }

  /**
   * An append-only trigger as the database has it.
   *
   * @param state {@code enabled}, {@code disabled} (tgenabled 'D'), {@code replica only} ('R'),
   *     {@code missing}, or {@code refuses nothing} when its function no longer raises
   */
  public record Trigger(String table, String name, String state) {
    public boolean enabled() {
      return state.equals("enabled");
    }
  }

  /** Every append-only trigger of the log's tables, and whether it still refuses. */
  public List<Trigger> appendOnlyTriggers() {
    Map<String, IntegrityRows.TriggerRow> found = new LinkedHashMap<>();
    rows.triggers(APPEND_ONLY_TRIGGERS.values().stream().distinct().toList())
        .forEach(r -> found.put(r.name(), r));
    Map<String, Boolean> raises = new LinkedHashMap<>();
    List<Trigger> out = new ArrayList<>();
    APPEND_ONLY_TRIGGERS.forEach((name, table) -> {
      IntegrityRows.TriggerRow r = found.get(name);
      String state;
      if (r == null || !r.table().equals(table)) {
        state = "missing";
      } else if (r.enabled().equals("D")) {
        state = "disabled";
      } else if (r.enabled().equals("R")) {
        state = "replica only";
      } else if (!raises.computeIfAbsent(r.function(), f -> {
        String src = rows.functionSource(f);
        return src != null && src.contains("RAISE EXCEPTION");
      })) {
        state = "refuses nothing";
      } else {
        state = "enabled";
      }
      out.add(new Trigger(table, name, state));
    });
    return out;
  }

  /**
   * The signer key now against the one the log started with, followed through the log's announced moves
   * to a new key (issue 18): each {@code LOG_KEY_ROTATED} entry must name, as the key it ends, the key
   * the chain has reached, and the key it announces is the next one; the key now must be the last one
   * announced. A key swapped without an announcement in the log is a drift.
   *
   * @param current the verifier key this server signs with
   * @param startedWith the key of the log's first {@code LOG_KEY_CREATED} entry, or null if it has none
   * @param stored the key the sequencer stored when it first resumed the log (or a move set), or null
   * @param firstCheckpointVerifies whether the log's first signed checkpoint verifies with the key of its
   *     origin (the current one, or an ended origin's; true when there is none yet)
   * @param announced the key the chain of announcements from {@code startedWith} ends at, or null when
   *     the log has neither
   * @param moves each announced move, "origin (key) to origin (key) at size N", oldest first
   * @param chainProblem why the chain of announcements is broken, or null
   */
  public record KeyVerdict(String current, String startedWith, String stored, boolean firstCheckpointVerifies,
      String announced, List<String> moves, String chainProblem) {
    public KeyVerdict {
      moves = List.copyOf(moves);
    }

    public boolean same() {
      return chainProblem == null && (announced == null || announced.equals(current))
          && (stored == null || stored.equals(current)) && firstCheckpointVerifies;
    }
  }

  public KeyVerdict signerKey() {
    String[] first = {null};
    List<JsonNode> rotations = new ArrayList<>();
    List<Long> rotationIndexes = new ArrayList<>();
    forEachRecorded(List.of(AuditTypes.LOG_KEY_CREATED, AuditTypes.LOG_KEY_ROTATED), e -> {
      if (e.index() < 0) {
        return;
      }
      if (e.type().equals(AuditTypes.LOG_KEY_CREATED.name())) {
        if (first[0] == null) {
          JsonNode k = e.json().get("verifierKey");
          first[0] = k == null ? null : k.asString();
        }
      } else {
        rotations.add(e.json());
        rotationIndexes.add(e.index());
      }
    });
    String announced = first[0];
    String problem = null;
    List<String> moves = new ArrayList<>();
    List<AuditStore.EndedOrigin> ended = store.endedOrigins();
    for (int i = 0; i < rotations.size(); i++) {
      JsonNode r = rotations.get(i);
      String ends = r.path("verifierKey").asString();
      String next = r.path("newVerifierKey").asString();
      if (announced != null && !announced.equals(ends)) {
        problem = "the move at index " + rotationIndexes.get(i) + " ends key " + ends + ", not the log's key then ("
            + announced + ")";
        break;
      }
      if (i >= ended.size() || !ended.get(i).verifierKey().equals(ends) || !ended.get(i).nextVerifierKey().equals(next)
          || ended.get(i).finalSize() != rotationIndexes.get(i) + 1) {
        problem = "the move at index " + rotationIndexes.get(i) + " is not the end of a recorded origin (audit_log_origin)";
        break;
      }
      try {
        CheckpointVerifier.verify(ended.get(i).finalCheckpoint(), ends, ended.get(i).origin());
      } catch (CheckpointVerificationException e) {
        problem = "the final checkpoint of origin " + ended.get(i).origin() + " does not verify with its key";
        break;
      }
      moves.add(r.path("origin").asString() + " (" + ends + ") to " + r.path("newOrigin").asString() + " (" + next
          + ") at size " + (rotationIndexes.get(i) + 1));
      announced = next;
    }
    if (problem == null && ended.size() != rotations.size()) {
      problem = ended.size() + " ended origin(s) recorded but " + rotations.size() + " LOG_KEY_ROTATED entries signed";
    }
    boolean verifies = true;
    Optional<String> firstNote = rows.checkpointNote(true);
    if (firstNote.isPresent()) {
      try {
        origins.verify(firstNote.get());
      } catch (CheckpointVerificationException e) {
        verifies = false;
      }
    }
    return new KeyVerdict(key.verifierKey(), first[0], store.state().verifierKey(), verifies, announced, moves, problem);
  }

  /**
   * An entry as recorded: its log index, or -1 while the sequencer has not integrated it yet, and its
   * public fields.
   */
  public record Recorded(long index, JsonNode json) {
    public String type() {
      return json.path("type").asString();
    }
  }

  /**
   * Every entry of these types, signed ones in index order, then those still waiting for an index in
   * recording order (an action and its entry commit together, so a change just made is on the record
   * even before it is sequenced).
   */
  public void forEachRecorded(Collection<AuditEventType> types, Consumer<Recorded> each) {
    rows.recorded(types.stream().map(AuditEventType::code).toList(),
        r -> each.accept(new Recorded(r.index(), JSON.readTree(r.entry()))));
  }
}
