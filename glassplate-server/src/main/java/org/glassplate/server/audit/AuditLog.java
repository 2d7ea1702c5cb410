package org.glassplate.server.audit;

import org.glassplate.server.audit.internal.AuditStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.glassplate.log.Merkle;
import org.glassplate.log.Proofs;
import org.glassplate.log.tiles.TilePath;
import org.glassplate.log.tiles.Tiles;
import org.glassplate.server.core.CommonRefusal;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.TrainingCheck;
import org.springframework.stereotype.Service;

/**
 * Read access to the audit log (R-AUD-2, R-AUD-3): the latest signed checkpoint, the verifier key,
 * hash tiles and entry bundles (c2sp.org/tlog-tiles), the public redacted entries, inclusion and
 * consistency proofs (RFC 9162), all limited to the latest signed tree; and an auditor's opening of
 * one entry's private part, which is itself audited. Everything public is computed from the stored
 * tiles, never by recomputing the tree.
 */
@Service
public class AuditLog {
  /** Most entries one call returns. */
  public static final int MAX_ENTRIES = 1000;

  private final AuditStore store;
  private final TileStore tiles;
  private final Checkpoints checkpoints;
  private final LogKey key;
  private final AuditRecorder recorder;
  private final TrainingCheck training;
  private final Cosigning cosigning;
  private final LogOrigins origins;

  AuditLog(AuditStore store, TileStore tiles, Checkpoints checkpoints, LogKey key, AuditRecorder recorder,
      TrainingCheck training, Cosigning cosigning, LogOrigins origins) {
    this.cosigning = cosigning;
    this.origins = origins;
    this.store = store;
    this.tiles = tiles;
    this.checkpoints = checkpoints;
    this.key = key;
    this.recorder = recorder;
    this.training = training;
  }

  /**
   * A checkpoint the log signed.
   *
   * @param size the tree size
   * @param rootHash the RFC 9162 root at that size
   * @param note the whole signed note (C2SP tlog-checkpoint), as served
   * @param signedAt when it was signed
   */
  public record SignedCheckpoint(long size, byte[] rootHash, String note, Instant signedAt) {
    public SignedCheckpoint {
      Objects.requireNonNull(note, "note");
      rootHash = rootHash.clone();
    }

    @Override
    public byte[] rootHash() {
      return rootHash.clone();
    }
  }

  /**
   * One log entry as the public sees it: its index and its bytes (canonical JSON of the public
   * fields and the commitment to the private ones).
   */
  public record PublicEntry(long index, byte[] entry) {
    public String json() {
      return new String(entry, StandardCharsets.UTF_8);
    }

    /** The RFC 9162 leaf hash, {@code SHA-256(0x00 || entry)}. */
    public byte[] leafHash() {
      return Merkle.leafHash(entry);
    }
  }

  /**
   * An entry's private part, for an auditor: {@code commitment} is
   * {@code base64(SHA-256(salt || privateFields))} and appears in {@code entry}.
   *
   * @param index the opened entry
   * @param entry the public entry bytes
   * @param salt the random salt
   * @param privateFields canonical JSON of the private fields, exactly as hashed
   * @param commitment the commitment recomputed from salt and private fields
   * @param auditIndex the log index of the entry that records this opening
   */
  public record Opening(long index, byte[] entry, byte[] salt, String privateFields, String commitment, long auditIndex) {
  }

  /**
   * An entry with its private fields, read on the server for oversight's misuse rules (R-GOV-4): never
   * shown to a person unless the showing is itself recorded first (as {@link #open} does).
   *
   * @param index the entry's log index
   * @param entry the public entry bytes
   * @param privateFields canonical JSON of the private fields, or null if none is stored
   */
  public record PrivateEntry(long index, byte[] entry, String privateFields) {
    public String json() {
      return new String(entry, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "PrivateEntry[" + index + ", redacted]";
    }
  }

  /** The latest signed checkpoint, if the log has signed one yet. */
  public Optional<SignedCheckpoint> latestCheckpoint() {
    return checkpoints.latest();
  }

  /**
   * The latest signed checkpoint note as served at {@code /api/v1/audit/checkpoint}: the log's
   * signature followed by the cosignature lines of the witnesses that cosigned exactly it (issue 15).
   */
  public Optional<String> servedCheckpoint() {
    return latestCheckpoint().map(cosigning::servedNote);
  }

  /** This log's witnesses ({@code glassplate.audit.witnesses}), the last size each cosigned and when. */
  public List<WitnessStatus> witnesses() {
    return cosigning.status();
  }

  /** Entries in the latest signed tree (0 before the first checkpoint). */
  public long size() {
    return latestCheckpoint().map(SignedCheckpoint::size).orElse(0L);
  }

  /**
   * Asks for a signed checkpoint covering every entry integrated so far, at once rather than at the
   * sequencer's interval (at most one every few milliseconds, however many ask): for an answer that must
   * carry a checkpoint covering its own entry.
   */
  public void checkpointSoon() {
    recorder.checkpointSoon();
  }

  /** Whether the entry at {@code index} is covered by the latest signed checkpoint. */
  public boolean includes(long index) {
    return index >= 0 && index < size();
  }

  /** The log's checkpoint origin, {@code <host>/glassplate/<agency id>}. */
  public String origin() {
    return key.origin();
  }

  /**
   * The log's origins, oldest first, the current one last: each earlier one with its key, the size where
   * it ended and its final checkpoint (moves to a new key, {@link LogOrigins}).
   */
  public List<LogOrigins.Origin> origins() {
    return origins.all();
  }

  /** The C2SP signed-note verifier key of the log, {@code <name>+<key id>+<base64 key>}. */
  public String verifierKey() {
    return key.verifierKey();
  }

  /**
   * The bytes at a tlog-tiles path (a hash tile or an entry bundle) of the latest signed tree, or
   * empty if that tree has no such tile (beyond its size, or wider than it). A partial path of a
   * tile that has since grown is served too: a tile's prefix never changes.
   */
  public Optional<byte[]> tile(TilePath path) {
    long size = size();
    if (path.entryBundle()) {
      if (path.width() > TilePath.widthAt(0, path.index(), size)) {
        return Optional.empty();
      }
      long first = path.index() * TilePath.FULL_WIDTH;
      List<byte[]> entries = store.entryBytes(first, first + path.width());
      return Optional.of(Tiles.encodeEntryBundle(entries));
    }
    if (path.width() > TilePath.widthAt(path.level(), path.index(), size)) {
      return Optional.empty();
    }
    return Optional.ofNullable(tiles.read(path.level(), path.index(), path.width()));
  }

  /**
   * Public entries of the latest signed tree: {@code count} (at most {@value #MAX_ENTRIES}) from
   * {@code start} upwards, or, when {@code newestFirst}, from {@code start} (default: the newest)
   * downwards.
   */
  /**
   * Public entries of one event type in the latest signed tree, newest first: {@code count} (at most
   * {@value #MAX_ENTRIES}) at or below index {@code start} (default: the newest).
   */
  public List<PublicEntry> entriesOfType(AuditEventType type, Long start, int count) {
    if (count < 1 || count > MAX_ENTRIES) {
      throw badParameter("count", "count must be 1 to " + MAX_ENTRIES);
    }
    if (start != null && start < 0) {
      throw badParameter("start", "start must not be negative");
    }
    long top = Math.min(start == null ? size() - 1 : start, size() - 1);
    return top < 0 ? List.of() : store.entriesOfTypeDescending(type.code(), top, count);
  }

  public List<PublicEntry> entries(Long start, int count, boolean newestFirst) {
    if (count < 1 || count > MAX_ENTRIES) {
      throw badParameter("count", "count must be 1 to " + MAX_ENTRIES);
    }
    if (start != null && start < 0) {
      throw badParameter("start", "start must not be negative");
    }
    long size = size();
    if (newestFirst) {
      long top = Math.min(start == null ? size - 1 : start, size - 1);
      if (top < 0) {
        return List.of();
      }
      return store.entriesDescending(Math.max(0, top - count + 1), top + 1);
    }
    long from = start == null ? 0 : start;
    if (from >= size) {
      return List.of();
    }
    return store.entries(from, Math.min(size, from + count));
  }

  /** The inclusion proof of entry {@code index} in the signed tree of {@code size} (default: the latest). */
  public List<byte[]> inclusionProof(long index, Long size) {
    long latest = size();
    long n = size == null ? latest : size;
    if (n < 1 || n > latest) {
      throw badParameter("size", "size must be 1 to the latest signed size (" + latest + ")");
    }
    if (index < 0 || index >= n) {
      throw badParameter("index", "index must be 0 to size - 1 (" + (n - 1) + ")");
    }
    return Proofs.inclusion(index, n, tiles.reader(n));
  }

  /** The consistency proof between signed trees of size {@code from} and {@code to}. */
  public List<byte[]> consistencyProof(long from, long to) {
    long latest = size();
    if (to < 1 || to > latest) {
      throw badParameter("to", "to must be 1 to the latest signed size (" + latest + ")");
    }
    if (from < 1 || from > to) {
      throw badParameter("from", "from must be 1 to to (" + to + ")");
    }
    return Proofs.consistency(from, to, tiles.reader(to));
  }

  /**
   * Opens entry {@code index} for an auditor: records the opening (durably, with its own log
   * index) before anything private is read, then returns salt and private fields. Private fields are
   * plate data (plates, names, case numbers), so the auditor needs current training (R-ACC-3); a
   * refusal is audited as {@code AUDIT_ENTRY_OPENING_REFUSED}.
   *
   * @throws Refusal 404 if the log has no such entry; 403 {@code TRAINING_REQUIRED}
   */
  public Opening open(long index, Caller auditor) {
    if (index < 0) {
      throw badParameter("index", "index must not be negative");
    }
    try {
      training.requireCurrentTraining(auditor);
    } catch (Refusal r) {
      throw recorder.recordDenied(AuditEvent.of(AuditTypes.ENTRY_OPENING_REFUSED, auditor).denied(r.code())
          .with("openedIndex", index).build(), r);
    }
    List<PublicEntry> found = store.entries(index, index + 1);
    if (found.isEmpty()) {
      throw Refusal.notFound("audit entry " + index);
    }
    long auditIndex = recorder.recordAndSequence(AuditEvent.of(AuditTypes.ENTRY_OPENED, auditor)
        .with("openedIndex", index)
        .build());
    AuditStore.PrivatePart p = store.privatePart(index)
        .orElseThrow(() -> Refusal.notFound("private part of audit entry " + index));
    return new Opening(index, found.get(0).entry(), p.salt(), p.privateFields(),
        AuditRecorder.commitment(p.salt(), p.privateFields()), auditIndex);
  }

  /**
   * Entries that have a log index, from {@code start} upwards (at most {@code count}), with their
   * private fields: for oversight's rules, which run on the server over the whole log as it is
   * integrated, before the next checkpoint is signed. Whoever shows a private field to a person
   * records that showing first.
   */
  public List<PrivateEntry> entriesWithPrivateFields(long start, int count) {
    if (start < 0 || count < 1 || count > 10 * MAX_ENTRIES) {
      throw new IllegalArgumentException("start must not be negative, count 1 to " + 10 * MAX_ENTRIES);
    }
    return store.entriesWithPrivateFields(start, count);
  }

  /** Entries of these types below index {@code before}, newest first, at most {@code count}, with private fields. */
  public List<PrivateEntry> entriesWithPrivateFieldsBefore(java.util.Collection<AuditEventType> types, long before,
      int count) {
    if (count < 1 || count > 10 * MAX_ENTRIES) {
      throw new IllegalArgumentException("count must be 1 to " + 10 * MAX_ENTRIES);
    }
    return store.entriesWithPrivateFieldsBefore(types.stream().mapToInt(AuditEventType::code).toArray(), before,
        count);
  }

  static Refusal badParameter(String field, String message) {
    return new Refusal(CommonRefusal.INVALID_PARAMETER, message, field);
  }

  /** Public fields that statistics may be grouped by: never a private one. */
  private static final java.util.Set<String> GROUPABLE = java.util.Set.of("reasonCode", "actorKind", "outcome",
      "offense", "reasonCategory", "onBehalfOf", "type");

  /**
   * How many entries of this type the signed log holds, recorded since {@code since}, per UTC day:
   * public statistics computed from the public log itself, so anyone can recount them (R-PUB-1).
   */
  public java.util.Map<java.time.LocalDate, Long> countPerDay(AuditEventType type, Instant since) {
    return store.countPerDay(type.code(), since, size());
  }

  /** Like {@link #countPerDay}, grouped by the value of a public field (absent: the empty string). */
  public java.util.Map<String, Long> countBy(AuditEventType type, String publicField, Instant since) {
    if (!GROUPABLE.contains(publicField)) {
      throw new IllegalArgumentException("not a groupable public field");
    }
    return store.countByField(type.code(), publicField, since, size());
  }

  /**
   * How many signed entries of this type have a public {@code time} from {@code from} (inclusive) to
   * {@code until} (exclusive), as anyone recounts them from the public log: the annual misuse report's
   * years (R-GOV-4). It reads every signed entry of the type: for reports, not for a hot path.
   */
  public long count(AuditEventType type, Instant from, Instant until) {
    return store.count(type.code(), from, until, size());
  }

  /**
   * Like {@link #count(AuditEventType, Instant, Instant)}, grouped by the value of a public field
   * (absent: the empty string).
   */
  public java.util.Map<String, Long> countBy(AuditEventType type, String publicField, Instant from, Instant until) {
    if (!GROUPABLE.contains(publicField)) {
      throw new IllegalArgumentException("not a groupable public field");
    }
    return store.countByField(type.code(), publicField, from, until, size());
  }
}
