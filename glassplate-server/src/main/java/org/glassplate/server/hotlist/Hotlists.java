package org.glassplate.server.hotlist;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.CommonRefusal;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.RefusalCode;
import org.glassplate.server.reads.PlateNumber;
import org.glassplate.server.reads.StateCode;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Roles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hot lists and their entries (R-HOT-1). Every change is audited in the same transaction; a
 * refusal is audited in a transaction of its own before the caller is told. Entries that become
 * active go into the match index at once.
 */
@Repository
public class Hotlists {
  private final JdbcClient jdbc;
  private final AuditRecorder audit;
  private final HotlistIndexer indexer;
  private final HotlistPolicy policy;
  private final Clock clock;

  Hotlists(JdbcClient jdbc, AuditRecorder audit, HotlistIndexer indexer, HotlistPolicy policy, Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.indexer = indexer;
    this.policy = policy;
    this.clock = clock;
  }

  /** What a person submits for a new entry; validated by {@link #addEntry}. */
  public record NewEntry(String plate, String state, String reason, Instant expiresAt) {
    @Override
    public String toString() {
      return "NewEntry[redacted]";
    }
  }

  /** An entry after validation: a normalized plate or pattern, a state or none, a category, an expiry. */
  record ValidEntry(String plate, boolean partial, String state, ReasonCategory reason, Instant expiresAt) {
    @Override
    public String toString() {
      return "ValidEntry[redacted]";
    }
  }

  /** A field of an entry was not acceptable; names the field and the rule, never the value. */
  static final class InvalidEntry extends IllegalArgumentException {
    final String field;

    InvalidEntry(String field, String message) {
      super(message);
      this.field = field;
    }
  }

  /** The database stores, and an import's COPY writes, four-digit years only. */
  static final Instant EXPIRY_LIMIT = Instant.parse("+10000-01-01T00:00:00Z");

  static ValidEntry validate(NewEntry e, Instant now) {
    if (e.plate() == null || e.plate().isBlank()) {
      throw new InvalidEntry("plate", "plate is required");
    }
    String plate;
    boolean partial = PlatePattern.isPattern(e.plate());
    try {
      plate = partial ? PlatePattern.normalize(e.plate()).value() : PlateNumber.normalize(e.plate()).value();
    } catch (IllegalArgumentException x) {
      throw new InvalidEntry("plate", x.getMessage());
    }
    String state = null;
    if (e.state() != null && !e.state().isBlank()) {
      String s = e.state().trim().toUpperCase(java.util.Locale.ROOT);
      if (!StateCode.isKnown(s) || s.equals("ZZ")) {
        throw new InvalidEntry("state", "state must be a two-letter US state, DC or territory code, or left out");
      }
      state = s;
    }
    ReasonCategory reason;
    try {
      reason = ReasonCategory.parse(e.reason());
    } catch (IllegalArgumentException x) {
      throw new InvalidEntry("reason", x.getMessage());
    }
    if (e.expiresAt() == null) {
      throw new InvalidEntry("expiresAt", "expiresAt is required: every entry expires");
    }
    if (!e.expiresAt().isAfter(now)) {
      throw new InvalidEntry("expiresAt", "expiresAt must be in the future");
    }
    if (!e.expiresAt().isBefore(EXPIRY_LIMIT)) {
      throw new InvalidEntry("expiresAt", "expiresAt must be before the year 10000");
    }
    return new ValidEntry(plate, partial, state, reason, e.expiresAt());
  }

  @Transactional
  public Hotlist create(String name, HotlistSource source, String description, Caller owner) {
    if (name == null || name.isBlank() || name.length() > 120) {
      throw Refusal.invalid("name", "name is required (at most 120 characters)");
    }
    if (description != null && description.length() > 2000) {
      throw Refusal.invalid("description", "description is at most 2000 characters");
    }
    Instant now = clock.instant();
    long id = jdbc.sql("""
            INSERT INTO hotlist (name, source, owner_id, owner_pseudonym, description, created_at)
            VALUES (:name, :source, :owner, :pseudonym, :description, :now) RETURNING id""")
        .param("name", name.trim()).param("source", source.code()).param("owner", owner.id())
        .param("pseudonym", owner.pseudonym()).param("description", description)
        .param("now", Timestamp.from(now))
        .query(Long.class).single();
    indexer.register(id, source);
    audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_CREATED, owner)
        .with("hotlistId", id).with("source", source.code())
        .secret("name", name.trim()).secret("description", description).build());
    return find(id).orElseThrow();
  }

  public Optional<Hotlist> find(long id) {
    return jdbc.sql("SELECT * FROM hotlist WHERE id = :id").param("id", id).query(Hotlists::list).optional();
  }

  public List<Hotlist> all() {
    return jdbc.sql("SELECT * FROM hotlist ORDER BY id").query(Hotlists::list).list();
  }

  /**
   * Adds an entry. On a local list it waits for a supervisor's approval; on a state or NCIC list
   * (which come from the state's system) it is active at once.
   */
  @Transactional
  public HotlistEntry addEntry(long listId, NewEntry body, Caller caller) {
    Hotlist list = find(listId).orElseThrow(() -> Refusal.notFound("hot list"));
    ValidEntry e;
    try {
      e = validate(body, clock.instant());
    } catch (InvalidEntry x) {
      throw Refusal.invalid(x.field, x.getMessage());
    }
    boolean needsApproval = list.source() == HotlistSource.LOCAL;
    HotlistEntry.Status status = needsApproval ? HotlistEntry.Status.PENDING_APPROVAL : HotlistEntry.Status.ACTIVE;
    long id = jdbc.sql("""
            INSERT INTO hotlist_entry (list_id, generation, plate, partial, state, reason, added_by,
                                       added_by_pseudonym, status, expires_at, created_at)
            VALUES (:list, :generation, :plate, :partial, :state, :reason, :by, :pseudonym, :status, :expires, :now)
            RETURNING id""")
        .param("list", listId).param("generation", list.generation()).param("plate", e.plate())
        .param("partial", e.partial()).param("state", e.state()).param("reason", e.reason().code())
        .param("by", caller.id()).param("pseudonym", caller.pseudonym()).param("status", status.name())
        .param("expires", Timestamp.from(e.expiresAt())).param("now", Timestamp.from(clock.instant()))
        .query(Long.class).single();
    if (status == HotlistEntry.Status.ACTIVE) {
      indexer.added(listId, list.source(), e.plate());
    }
    audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_ENTRY_ADDED, caller).policy(policy.sha256())
        .with("hotlistId", listId).with("entryId", id).with("source", list.source().code())
        .with("reason", e.reason().code()).with("partial", e.partial()).with("status", status.name())
        .with("expiresAt", e.expiresAt().toString())
        .secret("plate", e.plate()).secret("state", e.state()).build());
    return entry(id).orElseThrow();
  }

  /**
   * A supervisor approves a local entry; it matches from then on. The person who added an entry
   * cannot approve it (two people), and that refusal is audited.
   */
  @Transactional
  public HotlistEntry approve(long listId, long entryId, Caller supervisor) {
    HotlistEntry e = entry(entryId).filter(x -> x.listId() == listId)
        .orElseThrow(() -> Refusal.notFound("hot-list entry"));
    if (!supervisor.hasRole(Roles.SUPERVISOR)) {
      throw refuse(supervisor, listId, entryId, CommonRefusal.NOT_SUPERVISOR,
          "only a supervisor can approve an entry");
    }
    if (e.status() != HotlistEntry.Status.PENDING_APPROVAL) {
      throw refuse(supervisor, listId, entryId, CommonRefusal.NOT_PENDING,
          "the entry is not waiting for approval");
    }
    if (e.addedBy() == supervisor.id() && e.addedByPseudonym().equals(supervisor.pseudonym())) {
      throw refuse(supervisor, listId, entryId, CommonRefusal.SAME_PERSON,
          "the person who added an entry cannot approve it");
    }
    if (!e.expiresAt().isAfter(clock.instant())) {
      throw refuse(supervisor, listId, entryId, HotlistRefusal.EXPIRED, "the entry has expired");
    }
    jdbc.sql("""
            UPDATE hotlist_entry SET status = 'ACTIVE', approved_by = :by, approved_at = :now
            WHERE id = :id AND status = 'PENDING_APPROVAL'""")
        .param("by", supervisor.id()).param("now", Timestamp.from(clock.instant())).param("id", entryId).update();
    Hotlist list = find(listId).orElseThrow();
    indexer.added(listId, list.source(), e.plate());
    audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_ENTRY_APPROVED, supervisor).policy(policy.sha256())
        .with("hotlistId", listId).with("entryId", entryId).with("reason", e.reason().code()).build());
    return entry(entryId).orElseThrow();
  }

  /** Takes an entry off its list; it stops matching at once (the database confirms every candidate). */
  @Transactional
  public HotlistEntry remove(long listId, long entryId, Caller caller) {
    HotlistEntry e = entry(entryId).filter(x -> x.listId() == listId)
        .orElseThrow(() -> Refusal.notFound("hot-list entry"));
    jdbc.sql("UPDATE hotlist_entry SET status = 'REMOVED' WHERE id = :id").param("id", entryId).update();
    audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_ENTRY_REMOVED, caller)
        .with("hotlistId", listId).with("entryId", entryId).with("previousStatus", e.status().name()).build());
    return entry(entryId).orElseThrow();
  }

  public Optional<HotlistEntry> entry(long id) {
    return jdbc.sql("SELECT * FROM hotlist_entry WHERE id = :id").param("id", id).query(Hotlists::entry).optional();
  }

  /** Entries of a list's current generation, newest first, at most {@code limit}. */
  public List<HotlistEntry> entries(long listId, int limit) {
    return jdbc.sql("""
            SELECT e.* FROM hotlist_entry e JOIN hotlist l ON l.id = e.list_id
            WHERE e.list_id = :list AND e.generation = l.generation ORDER BY e.id DESC LIMIT :limit""")
        .param("list", listId).param("limit", limit).query(Hotlists::entry).list();
  }

  /** Entries waiting for approval, oldest first. */
  public List<HotlistEntry> pendingApproval(int limit) {
    return jdbc.sql("SELECT * FROM hotlist_entry WHERE status = 'PENDING_APPROVAL' ORDER BY id LIMIT :limit")
        .param("limit", limit).query(Hotlists::entry).list();
  }

  /** How many entries of each list's current generation are active and unexpired, by source. */
  public java.util.Map<HotlistSource, Long> activeEntriesBySource() {
    java.util.Map<HotlistSource, Long> out = new java.util.EnumMap<>(HotlistSource.class);
    jdbc.sql("""
            SELECT l.source, count(*) AS n FROM hotlist_entry e JOIN hotlist l ON l.id = e.list_id
            WHERE l.active AND e.generation = l.generation AND e.status = 'ACTIVE' AND e.expires_at > :now
            GROUP BY l.source""").param("now", Timestamp.from(clock.instant()))
        .query((rs, n) -> out.put(HotlistSource.parse(rs.getString("source")), rs.getLong("n"))).list();
    return out;
  }

  private Refusal refuse(Caller caller, long listId, long entryId, RefusalCode code, String message) {
    return audit.recordDenied(AuditEvent.of(HotlistAuditTypes.HOTLIST_ACTION_REFUSED, caller)
        .denied(code.code()).with("action", "approve").with("hotlistId", listId).with("entryId", entryId).build(),
        new Refusal(code, message));
  }

  static Hotlist list(ResultSet rs, int n) throws SQLException {
    return new Hotlist(rs.getLong("id"), rs.getString("name"), HotlistSource.parse(rs.getString("source")),
        rs.getLong("owner_id"), rs.getString("owner_pseudonym"), rs.getString("description"),
        rs.getBoolean("active"), rs.getInt("generation"), rs.getTimestamp("created_at").toInstant());
  }

  static HotlistEntry entry(ResultSet rs, int n) throws SQLException {
    Timestamp approvedAt = rs.getTimestamp("approved_at");
    String state = rs.getString("state");
    return new HotlistEntry(rs.getLong("id"), rs.getLong("list_id"), rs.getString("plate"), rs.getBoolean("partial"),
        state == null ? null : state.trim(), ReasonCategory.parse(rs.getString("reason")), rs.getLong("added_by"),
        rs.getString("added_by_pseudonym"), HotlistEntry.Status.valueOf(rs.getString("status")),
        (Long) rs.getObject("approved_by"), approvedAt == null ? null : approvedAt.toInstant(),
        rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("created_at").toInstant());
  }
}
