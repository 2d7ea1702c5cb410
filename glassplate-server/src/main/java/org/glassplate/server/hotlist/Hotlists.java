package org.glassplate.server.hotlist;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.glassplate.server.accounts.Approvers;
import org.glassplate.server.accounts.TrainingGate;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.CommonRefusal;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.RefusalCode;
import org.glassplate.server.hotlist.internal.HotlistStore;
import org.glassplate.server.reads.PlateNumber;
import org.glassplate.server.reads.StateCode;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Roles;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hot lists and their entries (R-HOT-1). Every change is audited in the same transaction; a
 * refusal is audited in a transaction of its own before the caller is told. Entries that become
 * active go into the match index at once.
 *
 * <p>No single person puts a plate on a list (issue 12): an entry added by hand waits until a second
 * person approves it ({@link Approvers}), and only a local list takes entries by hand; a list's source
 * is fixed when it is created, and a state or NCIC list is filled by imports ({@link HotlistImports}),
 * each approved by a second person. Entries are plate data: listing them, approving or removing one
 * (whose answer shows the plate) needs current training (R-ACC-3) and is audited.
 */
@Service
public class Hotlists {
  private final HotlistStore store;
  private final AuditRecorder audit;
  private final HotlistIndexer indexer;
  private final HotlistPolicy policy;
  private final TrainingGate training;
  private final Approvers approvers;
  private final Clock clock;

  Hotlists(HotlistStore store, AuditRecorder audit, HotlistIndexer indexer, HotlistPolicy policy,
      TrainingGate training, Approvers approvers, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.indexer = indexer;
    this.policy = policy;
    this.training = training;
    this.approvers = approvers;
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
    long id = store.insertList(name.trim(), source, owner.id(), owner.pseudonym(), description, now);
    indexer.register(id, source);
    audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_CREATED, owner)
        .with("hotlistId", id).with("source", source.code())
        .secret("name", name.trim()).secret("description", description).build());
    return find(id).orElseThrow();
  }

  public Optional<Hotlist> find(long id) {
    return store.find(id);
  }

  public List<Hotlist> all() {
    return store.all();
  }

  /**
   * Adds an entry by hand: it waits for a second person's approval whatever the caller's roles, and
   * only a local list takes one (a state or NCIC list comes from the state's system, by import).
   */
  @Transactional
  public HotlistEntry addEntry(long listId, NewEntry body, Caller caller) {
    Hotlist list = find(listId).orElseThrow(() -> Refusal.notFound("hot list"));
    if (list.source() != HotlistSource.LOCAL) {
      throw refuse(caller, "add_entry", listId, null, HotlistRefusal.FILLED_BY_IMPORT, "a " + list.source().code()
          + " list is filled only by an import from the state's system, approved by a second person; entries are"
          + " added by hand to local lists only");
    }
    ValidEntry e;
    try {
      e = validate(body, clock.instant());
    } catch (InvalidEntry x) {
      throw Refusal.invalid(x.field, x.getMessage());
    }
    HotlistEntry.Status status = HotlistEntry.Status.PENDING_APPROVAL;
    long id = store.insertEntry(listId, list.generation(), e.plate(), e.partial(), e.state(), e.reason(), caller.id(),
        caller.pseudonym(), status, e.expiresAt(), clock.instant());
    audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_ENTRY_ADDED, caller).policy(policy.sha256())
        .with("hotlistId", listId).with("entryId", id).with("source", list.source().code())
        .with("reason", e.reason().code()).with("partial", e.partial()).with("status", status.name())
        .with("expiresAt", e.expiresAt().toString())
        .secret("plate", e.plate()).secret("state", e.state()).build());
    return entry(id).orElseThrow();
  }

  /**
   * A supervisor approves a pending entry; it matches from then on. Approvals count people: the
   * person who added the entry, or an account tied to theirs, cannot approve it ({@code SAME_PERSON}),
   * and that refusal is audited. The answer shows the plate, so the approver needs current training.
   */
  @Transactional
  public HotlistEntry approve(long listId, long entryId, Caller supervisor) {
    HotlistEntry e = entry(entryId).filter(x -> x.listId() == listId)
        .orElseThrow(() -> Refusal.notFound("hot-list entry"));
    if (!supervisor.hasRole(Roles.SUPERVISOR)) {
      throw refuse(supervisor, "approve", listId, entryId, CommonRefusal.NOT_SUPERVISOR,
          "only a supervisor can approve an entry");
    }
    requireTraining(supervisor, "approve", listId, entryId);
    if (e.status() != HotlistEntry.Status.PENDING_APPROVAL) {
      throw refuse(supervisor, "approve", listId, entryId, CommonRefusal.NOT_PENDING,
          "the entry is not waiting for approval");
    }
    approvers.requireDifferentPerson(e.addedBy(), supervisor, "approve this entry", refusal(supervisor, "approve",
        listId, entryId));
    if (!e.expiresAt().isAfter(clock.instant())) {
      throw refuse(supervisor, "approve", listId, entryId, HotlistRefusal.EXPIRED, "the entry has expired");
    }
    store.approveEntry(entryId, supervisor.id(), clock.instant());
    Hotlist list = find(listId).orElseThrow();
    indexer.added(listId, list.source(), e.plate());
    audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_ENTRY_APPROVED, supervisor).policy(policy.sha256())
        .with("hotlistId", listId).with("entryId", entryId).with("reason", e.reason().code()).build());
    return entry(entryId).orElseThrow();
  }

  /** The longest reason a supervisor may give for a refusal. */
  public static final int MAX_REFUSAL_REASON = 2000;

  /**
   * A supervisor refuses a pending entry, saying why: it never matches. Refusing needs no second
   * person (it puts nothing on a list), so the person who added an entry may refuse it, as they may
   * withdraw it. The reason is required (at most 2000 characters) and audited as a commitment only.
   */
  @Transactional
  public HotlistEntry refuse(long listId, long entryId, String reason, Caller supervisor) {
    HotlistEntry e = entry(entryId).filter(x -> x.listId() == listId)
        .orElseThrow(() -> Refusal.notFound("hot-list entry"));
    if (!supervisor.hasRole(Roles.SUPERVISOR)) {
      throw refuse(supervisor, "refuse", listId, entryId, CommonRefusal.NOT_SUPERVISOR,
          "only a supervisor can refuse an entry");
    }
    requireTraining(supervisor, "refuse", listId, entryId);
    String why = requireReason(reason);
    if (e.status() != HotlistEntry.Status.PENDING_APPROVAL) {
      throw refuse(supervisor, "refuse", listId, entryId, CommonRefusal.NOT_PENDING,
          "the entry is not waiting for approval");
    }
    store.refuseEntry(entryId, supervisor.id(), why);
    audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_ENTRY_REFUSED, supervisor).policy(policy.sha256())
        .with("hotlistId", listId).with("entryId", entryId).with("reason", e.reason().code())
        .secret("refusalReason", why).build());
    return entry(entryId).orElseThrow();
  }

  /** A refusal's reason, stripped; refused as invalid ({@code reason}) when missing or too long. */
  static String requireReason(String reason) {
    if (reason == null || reason.isBlank() || reason.strip().length() > MAX_REFUSAL_REASON) {
      throw Refusal.invalid("reason", "a reason is required (at most " + MAX_REFUSAL_REASON + " characters)");
    }
    return reason.strip();
  }

  /**
   * Takes an entry off its list; it stops matching at once (the database confirms every candidate).
   * The answer shows the plate, so the caller needs current training.
   */
  @Transactional
  public HotlistEntry remove(long listId, long entryId, Caller caller) {
    HotlistEntry e = entry(entryId).filter(x -> x.listId() == listId)
        .orElseThrow(() -> Refusal.notFound("hot-list entry"));
    requireTraining(caller, "remove_entry", listId, entryId);
    store.removeEntry(entryId);
    audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_ENTRY_REMOVED, caller)
        .with("hotlistId", listId).with("entryId", entryId).with("previousStatus", e.status().name()).build());
    return entry(entryId).orElseThrow();
  }

  public Optional<HotlistEntry> entry(long id) {
    return store.entry(id);
  }

  /**
   * Entries of a list's current generation, newest first, at most {@code limit}, as a person sees
   * them: they are plate data, so the viewer needs current training (R-ACC-3) and the view is
   * audited ({@code HOTLIST_ENTRIES_VIEWED}, with the entries' ids) before they are shown.
   */
  @Transactional
  public List<HotlistEntry> viewEntries(long listId, int limit, Caller viewer) {
    find(listId).orElseThrow(() -> Refusal.notFound("hot list"));
    requireTraining(viewer, "view_entries", listId, null);
    List<HotlistEntry> entries = store.entries(listId, limit);
    audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_ENTRIES_VIEWED, viewer)
        .with("hotlistId", listId).with("resultCount", entries.size())
        .with("entryIds", entries.stream().map(x -> Long.toString(x.id())).collect(Collectors.joining(",")))
        .build());
    return entries;
  }

  /** Entries waiting for approval, oldest first. */
  public List<HotlistEntry> pendingApproval(int limit) {
    return store.pendingApproval(limit);
  }

  /**
   * Entries waiting for approval, oldest first, at most {@code limit}, as a supervisor sees them to
   * approve or refuse: plate data, so the viewer needs current training (R-ACC-3) and the view is
   * audited ({@code HOTLIST_ENTRIES_VIEWED}, with the entries' ids) as {@link #viewEntries} is.
   */
  @Transactional
  public List<HotlistEntry> viewPending(int limit, Caller viewer) {
    requireTraining(viewer, "view_pending", 0, null);
    List<HotlistEntry> entries = store.pendingApproval(limit);
    audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_ENTRIES_VIEWED, viewer)
        .with("status", HotlistEntry.Status.PENDING_APPROVAL.name()).with("resultCount", entries.size())
        .with("entryIds", entries.stream().map(x -> Long.toString(x.id())).collect(Collectors.joining(",")))
        .build());
    return entries;
  }

  /** How many entries of each list's current generation are active and unexpired, by source. */
  public java.util.Map<HotlistSource, Long> activeEntriesBySource() {
    return store.activeEntriesBySource(clock.instant());
  }

  /** Refuses a caller without current training (R-ACC-3), audited as a refused action. */
  private void requireTraining(Caller caller, String action, long listId, Long entryId) {
    try {
      training.requireCurrentTraining(caller);
    } catch (Refusal r) {
      throw audit.recordDenied(refusal(caller, action, listId, entryId).denied(r.code()).build(), r);
    }
  }

  /** The audit entry of a refused action, before its reason code. */
  private static AuditEvent.Builder refusal(Caller caller, String action, long listId, Long entryId) {
    return AuditEvent.of(HotlistAuditTypes.HOTLIST_ACTION_REFUSED, caller)
        .with("action", action).with("hotlistId", listId).with("entryId", entryId);
  }

  private Refusal refuse(Caller caller, String action, long listId, Long entryId, RefusalCode code, String message) {
    return audit.recordDenied(refusal(caller, action, listId, entryId).denied(code.code()).build(),
        new Refusal(code, message));
  }
}
