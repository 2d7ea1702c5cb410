package org.glassplate.server.hotlist;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.glassplate.server.accounts.Approvers;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.CommonRefusal;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.RefusalCode;
import org.glassplate.server.core.Roles;
import org.glassplate.server.hotlist.internal.HotlistStore;
import org.glassplate.server.hotlist.internal.ImportStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports of whole lists from CSV (R-HOT-1): an import job receives the file in parts of at most
 * 2 MiB (whole lines; the first part starts with the header), maps columns to fields, stages every
 * good row and reports each bad one by row and column without dropping the good ones; its progress
 * can be polled. Only the person who started an import sends its parts and completes it.
 *
 * <p>On completion an {@code append} to a local list makes the rows entries, each waiting for a
 * supervisor's approval as a hand-added one does. An import of a person into a state or NCIC list
 * (the only way such a list is filled) waits, staged and invisible to matching, until a second
 * person approves it ({@link #approve}, {@link Approvers}: one approval for the whole import, issue
 * 12); the server's own imports ({@link Caller#system()}, a scheduled extract download, the demo's
 * seeding) are nobody's hand and take effect at once. Taking effect, an {@code append} makes the
 * rows entries, and a {@code replace} swaps the extract for the new one without a gap in matching:
 * the new rows are written as the list's next generation, indexed in memory and matched alongside
 * the old ones, then one statement makes them current and the old index is dropped. An import that
 * has not taken effect can be cancelled; its staged rows are deleted.
 */
@Component
public class HotlistImports {
  private static final Logger log = LoggerFactory.getLogger(HotlistImports.class);
  static final int MAX_ERRORS_KEPT = 1000;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> FIELDS = List.of("plate", "state", "reason", "expiresAt");

  private final ImportStore imports;
  private final HotlistStore hotlistStore;
  private final TransactionTemplate tx;
  private final AuditRecorder audit;
  private final Hotlists hotlists;
  private final HotlistIndexer indexer;
  private final HotlistPolicy policy;
  private final Approvers approvers;
  private final Clock clock;
  private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "hotlist-import");
    t.setDaemon(true);
    return t;
  });

  HotlistImports(ImportStore imports, HotlistStore hotlistStore, TransactionTemplate tx, AuditRecorder audit,
      Hotlists hotlists, HotlistIndexer indexer, HotlistPolicy policy, Approvers approvers, Clock clock) {
    this.imports = imports;
    this.hotlistStore = hotlistStore;
    this.tx = tx;
    this.audit = audit;
    this.hotlists = hotlists;
    this.indexer = indexer;
    this.policy = policy;
    this.approvers = approvers;
    this.clock = clock;
  }

  /** One bad row: its number in the file (the header is row 1), the column and the rule broken. */
  public record RowError(int row, String field, String message) {
  }

  /**
   * An import and how far it has got: {@code RECEIVING}, {@code AWAITING_APPROVAL} (a person's import
   * into a state or NCIC list, until a second person approves it), {@code BUILDING} (a replacement
   * taking effect), then {@code DONE}, {@code FAILED}, {@code CANCELLED} or {@code REFUSED} (by a supervisor,
   * with a reason).
   *
   * @param startedBy the account that started it (0: the server itself)
   * @param approvedBy the account that approved it, or null
   * @param refusalReason why a supervisor refused it ({@code REFUSED}), or null; free text, private
   */
  public record ImportJob(long id, long listId, String mode, String status, Long expectedBytes, long receivedBytes,
      int rowsRead, int rowsAccepted, int rowsRejected, List<RowError> errors, long startedBy, Long approvedBy,
      Instant startedAt, Instant finishedAt, String refusalReason) {

    @Override
    public String toString() {
      return "ImportJob[id=" + id + ", list=" + listId + ", status=" + status + "]";
    }

    /** 0 to 1: bytes received while receiving, then the wait for approval, the build, then done. */
    public double progress() {
      return switch (status) {
        case "DONE" -> 1.0;
        case "BUILDING" -> 0.95;
        case "AWAITING_APPROVAL" -> 0.9;
        case "RECEIVING" -> expectedBytes == null || expectedBytes == 0 ? 0.0
            : Math.min(0.9, 0.9 * receivedBytes / expectedBytes);
        default -> 0.0;
      };
    }
  }

  private record Settings(Map<String, String> columns, Map<String, String> defaults) {
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    builder.shutdownNow();
  }

  /**
   * Starts an import. {@code columns} maps fields (plate, state, reason, expiresAt) to CSV headers
   * (default: the field's own name, any case); {@code defaults} gives a value for a field the file
   * lacks (e.g. every row of an NCIC extract is {@code stolen_vehicle}).
   */
  public ImportJob start(long listId, String mode, Map<String, String> columns, Map<String, String> defaults,
      Long expectedBytes, Caller caller) {
    Hotlist list = hotlists.find(listId).orElseThrow(() -> Refusal.notFound("hot list"));
    if (!"append".equals(mode) && !"replace".equals(mode)) {
      throw Refusal.invalid("mode", "mode must be append or replace");
    }
    if ("replace".equals(mode) && list.source() == HotlistSource.LOCAL) {
      throw Refusal.invalid("mode",
          "only a state or NCIC extract can be replaced whole; local entries are appended and approved one by one");
    }
    Map<String, String> cols = new LinkedHashMap<>();
    for (String f : FIELDS) {
      cols.put(f, f);
    }
    if (columns != null) {
      for (Map.Entry<String, String> e : columns.entrySet()) {
        if (!FIELDS.contains(e.getKey())) {
          throw Refusal.invalid("columns." + e.getKey(), "columns maps plate, state, reason, expiresAt");
        }
        if (e.getValue() == null || e.getValue().isBlank()) {
          throw Refusal.invalid("columns." + e.getKey(), "a column name is required");
        }
        cols.put(e.getKey(), e.getValue().trim());
      }
    }
    Map<String, String> defs = new LinkedHashMap<>();
    if (defaults != null) {
      for (Map.Entry<String, String> e : defaults.entrySet()) {
        if (!FIELDS.contains(e.getKey()) || e.getKey().equals("plate")) {
          throw Refusal.invalid("defaults." + e.getKey(), "defaults may give state, reason or expiresAt");
        }
        defs.put(e.getKey(), e.getValue());
      }
    }
    if (expectedBytes != null && expectedBytes < 0) {
      throw Refusal.invalid("size", "size must not be negative");
    }
    String settings = JSON.writeValueAsString(new Settings(cols, defs));
    return tx.execute(status -> {
      if ("replace".equals(mode)) {
        // one replacement at a time per list: lock the list row and look for a running one
        hotlistStore.lock(listId);
        long running = imports.countRunningReplacements(listId);
        if (running > 0) {
          throw new Refusal(HotlistRefusal.IMPORT_RUNNING,
              "a replacement of this list is already running or waiting for approval");
        }
        // rows of a replacement that failed or was cancelled would otherwise join this one's generation
        hotlistStore.deleteAboveCurrent(listId);
      }
      int generation = indexer.currentGeneration(listId) + ("replace".equals(mode) ? 1 : 0);
      long id = imports.insert(listId, mode, settings, generation, expectedBytes, caller.id(), clock.instant());
      audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_IMPORT_STARTED, caller)
          .with("hotlistId", listId).with("importId", id).with("mode", mode).with("source", list.source().code())
          .build());
      return find(listId, id).orElseThrow();
    });
  }

  public Optional<ImportJob> find(long listId, long importId) {
    return imports.find(listId, importId);
  }

  /** One part of the file: whole lines; the first part starts with the header. */
  public ImportJob part(long listId, long importId, String csv, Caller caller) {
    return tx.execute(status -> {
      ImportJob job = lockReceiving(listId, importId);
      requireImporter(job, caller);
      Settings settings = settings(importId);
      String header = imports.header(importId).orElse(null);
      CsvReader reader = new CsvReader(csv);
      if (header == null) {
        List<String> h = reader.next();
        if (h == null || h.isEmpty()) {
          throw Refusal.invalid("header", "the first part must start with a header line");
        }
        header = JSON.writeValueAsString(h);
        checkHeader(h, settings);
      }
      List<String> headerFields = JSON.readValue(header, new TypeReference<List<String>>() { });
      int firstRow = job.rowsRead() + 2; // the header is row 1
      Hotlist list = hotlists.find(listId).orElseThrow();
      Staged staged = stage(list, job, settings, headerFields, rows(reader), firstRow, caller);
      List<RowError> errors = new ArrayList<>(job.errors());
      for (RowError e : staged.errors()) {
        if (errors.size() < MAX_ERRORS_KEPT) {
          errors.add(e);
        }
      }
      imports.addPart(importId, header, csv.length(), staged.read(), staged.accepted(), staged.errors().size(),
          JSON.writeValueAsString(errors));
      return find(listId, importId).orElseThrow();
    });
  }

  private static Iterator<List<String>> rows(CsvReader reader) {
    return new Iterator<>() {
      List<String> next = reader.next();

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public List<String> next() {
        List<String> r = next;
        next = reader.next();
        return r;
      }
    };
  }

  private static void checkHeader(List<String> header, Settings settings) {
    for (Map.Entry<String, String> c : settings.columns().entrySet()) {
      boolean present = header.stream().anyMatch(h -> h.trim().equalsIgnoreCase(c.getValue()));
      boolean required = c.getKey().equals("plate")
          || (!c.getKey().equals("state") && !settings.defaults().containsKey(c.getKey()));
      if (!present && required) {
        throw Refusal.invalid("columns." + c.getKey(),
            "the header has no column '" + c.getValue() + "' for " + c.getKey() + " (map it in columns or give a default)");
      }
    }
  }

  private record Staged(int read, int accepted, List<RowError> errors) {
  }

  /** Validates rows and writes the good ones with COPY, staged (not matching until completion). */
  private Staged stage(Hotlist list, ImportJob job, Settings settings, List<String> header,
      Iterator<List<String>> rows, int firstRow, Caller caller) {
    int[] at = new int[FIELDS.size()];
    for (int i = 0; i < FIELDS.size(); i++) {
      String col = settings.columns().get(FIELDS.get(i));
      at[i] = -1;
      for (int j = 0; j < header.size(); j++) {
        if (header.get(j).trim().equalsIgnoreCase(col)) {
          at[i] = j;
        }
      }
    }
    Instant now = clock.instant();
    boolean replace = job.mode().equals("replace");
    int generation = replace ? generationOf(job.id()) : (int) -job.id();
    String status = list.source() == HotlistSource.LOCAL ? "PENDING_APPROVAL" : "ACTIVE";
    List<RowError> errors = new ArrayList<>();
    StringBuilder copy = new StringBuilder();
    int read = 0;
    int accepted = 0;
    int row = firstRow;
    while (rows.hasNext()) {
      List<String> r = rows.next();
      if (r.isEmpty() || (r.size() == 1 && r.get(0).isBlank())) {
        row++;
        continue; // blank line
      }
      read++;
      String[] v = new String[FIELDS.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = at[i] >= 0 && at[i] < r.size() ? r.get(at[i]).trim() : null;
        if ((v[i] == null || v[i].isEmpty()) && settings.defaults().containsKey(FIELDS.get(i))) {
          v[i] = settings.defaults().get(FIELDS.get(i));
        }
      }
      try {
        Hotlists.ValidEntry e = Hotlists.validate(new Hotlists.NewEntry(v[0], v[1], v[2], expiry(v[3])), now);
        appendCopyRow(copy, list.id(), generation, e, caller, status, now);
        accepted++;
      } catch (Hotlists.InvalidEntry x) {
        errors.add(new RowError(row, settings.columns().get(x.field), x.getMessage()));
      } catch (BadExpiry x) {
        errors.add(new RowError(row, settings.columns().get("expiresAt"), x.getMessage()));
      }
      row++;
      if (copy.length() > (4 << 20)) {
        copyIn(copy);
        copy.setLength(0);
      }
    }
    copyIn(copy);
    return new Staged(read, accepted, errors);
  }

  private int generationOf(long importId) {
    return imports.generation(importId);
  }

  private static final class BadExpiry extends RuntimeException {
    BadExpiry(String message) {
      super(message, null, false, false);
    }
  }

  /** An ISO-8601 time with offset, or a date (the entry is valid through that UTC day). */
  static Instant expiry(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      if (v.length() == 10) {
        return LocalDate.parse(v).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadExpiry("expiry must be a date (2026-12-31) or an ISO-8601 time with offset");
    }
  }

  private static void appendCopyRow(StringBuilder sb, long listId, int generation, Hotlists.ValidEntry e,
      Caller caller, String status, Instant now) {
    HotlistStore.appendCopyRow(sb, listId, generation, e.plate(), e.partial(), e.state(), e.reason(), caller.id(),
        caller.pseudonym(), status, e.expiresAt(), now);
  }

  /** COPY into hotlist_entry on the transaction's connection. */
  private void copyIn(CharSequence rows) {
    hotlistStore.copyEntries(rows);
  }

  private ImportJob lockReceiving(long listId, long importId) {
    if (!imports.lock(listId, importId)) {
      throw Refusal.notFound("import");
    }
    ImportJob job = find(listId, importId).orElseThrow();
    if (!job.status().equals("RECEIVING")) {
      throw new Refusal(HotlistRefusal.IMPORT_NOT_RECEIVING, "this import no longer takes parts");
    }
    return job;
  }

  private Settings settings(long importId) {
    return JSON.readValue(imports.columns(importId), Settings.class);
  }

  /**
   * Only the person who started an import sends its parts and completes it, so that what a second
   * person approves is the starter's alone (a part sent by the approver would approve itself).
   */
  private void requireImporter(ImportJob job, Caller caller) {
    if (job.startedBy() != caller.id()) {
      throw refuse(caller, "import", job, HotlistRefusal.NOT_THE_IMPORTER,
          "only the person who started this import sends its parts and completes it");
    }
  }

  /** Whether a completed import waits for a second person: a person's import into a state or NCIC list. */
  private static boolean needsApproval(Hotlist list, Caller caller) {
    return list.source() != HotlistSource.LOCAL && caller.kind() != Caller.Kind.SYSTEM;
  }

  /**
   * Ends the upload. A person's import into a state or NCIC list then waits for a second person's
   * approval; otherwise an append takes effect at once, and a replacement is built in the background
   * (poll the job) unless {@code wait}.
   */
  public ImportJob complete(long listId, long importId, Caller caller, boolean wait) {
    ImportJob job = tx.execute(status -> {
      ImportJob j = lockReceiving(listId, importId);
      requireImporter(j, caller);
      Hotlist list = hotlists.find(listId).orElseThrow();
      if (needsApproval(list, caller)) {
        imports.awaitApproval(importId);
        audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_IMPORT_SUBMITTED, caller).policy(policy.sha256())
            .with("hotlistId", listId).with("importId", importId).with("mode", j.mode())
            .with("source", list.source().code()).with("rowsRead", j.rowsRead())
            .with("rowsAccepted", j.rowsAccepted()).with("rowsRejected", j.rowsRejected()).build());
      } else if (j.mode().equals("append")) {
        appendNow(j, caller);
      } else {
        imports.building(importId);
      }
      return find(listId, importId).orElseThrow();
    });
    return takeEffect(job, caller, wait);
  }

  /** Starts building a replacement that is to take effect now (in the background unless {@code wait}). */
  private ImportJob takeEffect(ImportJob job, Caller caller, boolean wait) {
    if (job.status().equals("BUILDING")) {
      if (wait) {
        swap(job, caller);
      } else {
        builder.execute(() -> swap(job, caller));
      }
    }
    return find(job.listId(), job.id()).orElseThrow();
  }

  /**
   * A supervisor approves an import waiting for approval, which then takes effect (a replacement is
   * built in the background unless {@code wait}). Approvals count people: the person who started the
   * import, or an account tied to theirs ({@link Approvers}), cannot approve it ({@code SAME_PERSON});
   * every refusal is audited.
   */
  public ImportJob approve(long listId, long importId, Caller supervisor, boolean wait) {
    ImportJob job = tx.execute(status -> {
      if (!imports.lock(listId, importId)) {
        throw Refusal.notFound("import");
      }
      ImportJob j = find(listId, importId).orElseThrow();
      if (!supervisor.hasRole(Roles.SUPERVISOR)) {
        throw refuse(supervisor, "approve_import", j, CommonRefusal.NOT_SUPERVISOR,
            "only a supervisor can approve an import");
      }
      if (!j.status().equals("AWAITING_APPROVAL")) {
        throw refuse(supervisor, "approve_import", j, CommonRefusal.NOT_PENDING,
            "the import is not waiting for approval (it is " + j.status().toLowerCase(Locale.ROOT) + ")");
      }
      approvers.requireDifferentPerson(j.startedBy(), supervisor, "approve this import",
          refusal(supervisor, "approve_import", j));
      Hotlist list = hotlists.find(listId).orElseThrow();
      imports.approve(importId, supervisor.id(), clock.instant());
      audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_IMPORT_APPROVED, supervisor).policy(policy.sha256())
          .with("hotlistId", listId).with("importId", importId).with("mode", j.mode())
          .with("source", list.source().code()).with("rowsAccepted", j.rowsAccepted()).build());
      if (j.mode().equals("append")) {
        appendNow(j, supervisor);
      } else {
        imports.building(importId);
      }
      return find(listId, importId).orElseThrow();
    });
    return takeEffect(job, supervisor, wait);
  }

  /** Cancels an import that has not taken effect (receiving or waiting for approval); its staged rows go. */
  public ImportJob cancel(long listId, long importId, Caller caller) {
    return tx.execute(status -> {
      if (!imports.lock(listId, importId)) {
        throw Refusal.notFound("import");
      }
      ImportJob j = find(listId, importId).orElseThrow();
      if (!j.status().equals("RECEIVING") && !j.status().equals("AWAITING_APPROVAL")) {
        throw refuse(caller, "cancel_import", j, CommonRefusal.NOT_PENDING,
            "only an import that is receiving or waiting for approval can be cancelled (it is "
                + j.status().toLowerCase(Locale.ROOT) + ")");
      }
      int staged = j.mode().equals("replace") ? generationOf(importId) : (int) -importId;
      int deleted = hotlistStore.deleteStaged(listId, staged);
      finish(importId, "CANCELLED");
      audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_IMPORT_CANCELLED, caller)
          .with("hotlistId", listId).with("importId", importId).with("mode", j.mode())
          .with("previousStatus", j.status()).with("rowsDeleted", deleted).build());
      return find(listId, importId).orElseThrow();
    });
  }

  /**
   * A supervisor refuses an import waiting for approval, saying why: it never takes effect and its
   * staged rows are deleted. Like a cancellation it needs no second person. The reason is required
   * (at most 2000 characters) and audited as a commitment only.
   */
  public ImportJob refuse(long listId, long importId, String reason, Caller supervisor) {
    return tx.execute(status -> {
      if (!imports.lock(listId, importId)) {
        throw Refusal.notFound("import");
      }
      ImportJob j = find(listId, importId).orElseThrow();
      if (!supervisor.hasRole(Roles.SUPERVISOR)) {
        throw refuse(supervisor, "refuse_import", j, CommonRefusal.NOT_SUPERVISOR,
            "only a supervisor can refuse an import");
      }
      String why = Hotlists.requireReason(reason);
      if (!j.status().equals("AWAITING_APPROVAL")) {
        throw refuse(supervisor, "refuse_import", j, CommonRefusal.NOT_PENDING,
            "the import is not waiting for approval (it is " + j.status().toLowerCase(Locale.ROOT) + ")");
      }
      int staged = j.mode().equals("replace") ? generationOf(importId) : (int) -importId;
      int deleted = hotlistStore.deleteStaged(listId, staged);
      imports.refuse(importId, supervisor.id(), why, clock.instant());
      audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_IMPORT_REFUSED, supervisor).policy(policy.sha256())
          .with("hotlistId", listId).with("importId", importId).with("mode", j.mode())
          .with("rowsDeleted", deleted).secret("refusalReason", why).build());
      return find(listId, importId).orElseThrow();
    });
  }

  /** Imports waiting for a second person's approval, oldest first (counts only: no plate). */
  public List<ImportJob> awaitingApproval(int limit) {
    return imports.awaitingApproval(limit);
  }

  /** The audit entry of a refused import action, before its reason code. */
  private static AuditEvent.Builder refusal(Caller caller, String action, ImportJob job) {
    return AuditEvent.of(HotlistAuditTypes.HOTLIST_ACTION_REFUSED, caller)
        .with("action", action).with("hotlistId", job.listId()).with("importId", job.id());
  }

  private Refusal refuse(Caller caller, String action, ImportJob job, RefusalCode code, String message) {
    return audit.recordDenied(refusal(caller, action, job).denied(code.code()).build(), new Refusal(code, message));
  }

  private void appendNow(ImportJob job, Caller caller) {
    Hotlist list = hotlists.find(job.listId()).orElseThrow();
    for (String plate : hotlistStore.promoteStaged(list.id(), (int) -job.id(), list.generation())) {
      indexer.added(list.id(), list.source(), plate);
    }
    finish(job.id(), "DONE");
    audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_IMPORTED, caller).policy(policy.sha256())
        .with("hotlistId", list.id()).with("importId", job.id()).with("mode", "append")
        .with("source", list.source().code()).with("rowsRead", job.rowsRead())
        .with("rowsAccepted", job.rowsAccepted()).with("rowsRejected", job.rowsRejected()).build());
  }

  private void finish(long importId, String status) {
    imports.finish(importId, status, clock.instant());
  }

  /** Builds the next generation's index, matches it alongside the current one, then flips. */
  private void swap(ImportJob job, Caller caller) {
    Hotlist list = hotlists.find(job.listId()).orElseThrow();
    int next = generationOf(job.id());
    MatchIndex.ListIndex index = indexer.index().list(list.id(), list.source());
    try {
      MatchIndex.Snapshot built = indexer.load(list.id(), next);
      index.next = built; // from here on both generations are candidates; the database decides which is current
      MatchIndex.Snapshot seen = index.delta;
      long previous = tx.execute(status -> {
        long before = hotlistStore.countActive(list.id(), next - 1);
        if (!hotlistStore.flipGeneration(list.id(), next - 1, next)) {
          throw new IllegalStateException("the list's generation moved during the replacement");
        }
        finish(job.id(), "DONE");
        audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_EXTRACT_REPLACED, caller).policy(policy.sha256())
            .with("hotlistId", list.id()).with("importId", job.id()).with("source", list.source().code())
            .with("generation", next).with("previousEntries", before).with("entries", built.size())
            .with("rowsRead", job.rowsRead()).with("rowsRejected", job.rowsRejected()).build());
        return before;
      });
      index.install(built, seen);
      int deleted = hotlistStore.deleteGenerationsBefore(list.id(), next);
      log.info("hot list {} replaced: generation {}, {} entries before, {} old rows deleted", list.id(), next, previous,
          deleted);
    } catch (RuntimeException e) {
      index.next = null;
      log.warn("hot list {} replacement failed: {}", list.id(), e.getClass().getName());
      tx.executeWithoutResult(s -> finish(job.id(), "FAILED"));
      throw e;
    }
  }

  /**
   * Replaces a state or NCIC extract from entries already in memory or streamed (the same path as
   * a CSV import; used for scheduled extract downloads, the demo's seeding and by tests). Run by the
   * server itself it waits until the new extract is current; run by a person it waits for a second
   * person's approval ({@link #approve}), like any import of theirs.
   */
  public ImportJob replaceExtract(long listId, Iterator<Hotlists.NewEntry> entries, Caller caller) {
    ImportJob job = start(listId, "replace", null, null, null, caller);
    Hotlist list = hotlists.find(listId).orElseThrow();
    int generation = generationOf(job.id());
    Instant now = clock.instant();
    int[] counts = new int[3];
    List<RowError> errors = new ArrayList<>();
    while (entries.hasNext()) {
      tx.executeWithoutResult(status -> {
        StringBuilder copy = new StringBuilder();
        for (int i = 0; i < 100_000 && entries.hasNext(); i++) {
          counts[0]++;
          try {
            appendCopyRow(copy, listId, generation, Hotlists.validate(entries.next(), now), caller, "ACTIVE", now);
            counts[1]++;
          } catch (Hotlists.InvalidEntry x) {
            counts[2]++;
            if (errors.size() < MAX_ERRORS_KEPT) {
              errors.add(new RowError(counts[0], x.field, x.getMessage()));
            }
          }
        }
        copyIn(copy);
      });
    }
    imports.setCounts(job.id(), counts[0], counts[1], counts[2], JSON.writeValueAsString(errors));
    if (list.source() == HotlistSource.LOCAL) {
      throw new IllegalStateException("unreachable: start refuses local lists");
    }
    return complete(listId, job.id(), caller, true);
  }

  static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
