package org.glassplate.server.oversight;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.LogSafe;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.oversight.internal.VendorAuditImportStore;
import org.glassplate.server.oversight.vendor.SourceReport;
import org.glassplate.server.oversight.vendor.VendorAudit;
import org.glassplate.server.oversight.vendor.VendorFormat;
import org.glassplate.server.oversight.vendor.VendorReportFiles;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.Policies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vendor audit exports uploaded by auditors (R-GOV-5, issue 17): the upload is recorded
 * ({@code VENDOR_AUDIT_UPLOADED}) in the transaction that stores it, so an upload the audit log cannot record is
 * never imported; imports then run in the background, one at a time on this server (later ones wait their turn),
 * with their progress (bytes, rows, bad rows) stored about once a second; the end is recorded too
 * ({@code VENDOR_AUDIT_IMPORTED}). Every opening of a report is recorded before a byte of it is read
 * ({@code VENDOR_AUDIT_REPORT_OPENED}).
 *
 * <p>The uploaded files are kept only until their import ends, under
 * {@code ${glassplate.data-dir}/vendor-audits/uploads}; the report ({@code report.html}, {@code findings.csv},
 * {@code report.json}, as the command line writes it) in {@code ${glassplate.data-dir}/vendor-audits/reports/ID}.
 * An import the server stopped in the middle of is marked failed when it starts again, its files deleted.
 */
@Service
public class VendorAuditImports {
  private static final Logger log = LoggerFactory.getLogger(VendorAuditImports.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Most imports a list shows. */
  public static final int SHOWN = 50;
  /** Most bad rows kept with an import (the report's report.json has them all). */
  public static final int BAD_ROWS_KEPT = 200;
  /** The report's files, as they may be asked for. */
  public static final List<String> REPORT_FILES = List.of("report.html", "findings.csv", "report.json");
  static final int MAX_FILES = 20;
  static final int MAX_NAME = 200;
  static final int MAX_RETENTION_DAYS = 36_500;

  private final VendorAuditImportStore store;
  private final AuditRecorder audit;
  private final Policies policies;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final Path uploads;
  private final Path reports;
  private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "vendor-audit-import");
    t.setDaemon(true);
    return t;
  });

  VendorAuditImports(VendorAuditImportStore store, AuditRecorder audit, Policies policies, Clock clock,
      PlatformTransactionManager transactions, @Value("${glassplate.data-dir}") Path dataDir) {
    this.store = store;
    this.audit = audit;
    this.policies = policies;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
    Path root = dataDir.resolve("vendor-audits").toAbsolutePath().normalize();
    this.uploads = root.resolve("uploads");
    this.reports = root.resolve("reports");
  }

  /** A file received, waiting in its upload directory: its name as sent, where it is, its size. */
  public record Upload(String name, Path file, long bytes) {
  }

  /** What the form asks of an import, checked. */
  public record Request(VendorFormat format, String agencyState, Integer retentionDays) {
    VendorAudit.Options options() {
      return new VendorAudit.Options(format, agencyState, retentionDays == null ? null
          : Duration.ofDays(retentionDays), 1, null);
    }
  }

  /**
   * Checks the form's options before any file is kept.
   *
   * @throws Refusal 422 naming {@code format}, {@code agencyState} or {@code retentionDays}
   */
  public Request request(String format, String agencyState, String retentionDays) {
    VendorFormat f = null;
    String fmt = blankToNull(format);
    if (fmt != null && !fmt.equalsIgnoreCase("auto")) {
      f = VendorFormat.of(fmt.toLowerCase(Locale.ROOT)).orElseThrow(() -> Refusal.invalid("format",
          "the format is auto or one of flock-network, flock-org, flock-portal-csv, flock-portal-json, okaloosa"));
    }
    String state = null;
    if (blankToNull(agencyState) != null) {
      try {
        state = new VendorAudit.Options(null, agencyState.strip(), null, 1, null).agencyState();
      } catch (IllegalArgumentException e) {
        throw Refusal.invalid("agencyState", "the agency's state is a US state's two-letter code or name");
      }
    }
    Integer retention = null;
    if (blankToNull(retentionDays) != null) {
      try {
        retention = Integer.parseInt(retentionDays.strip());
      } catch (NumberFormatException e) {
        retention = -1;
      }
      if (retention < 1 || retention > MAX_RETENTION_DAYS) {
        throw Refusal.invalid("retentionDays", "the agency's retention is a whole number of days, 1 to "
            + MAX_RETENTION_DAYS + ", or empty for 30 days (or what a portal page states)");
      }
    }
    return new Request(f, state, retention);
  }

  /** A new directory for one upload's files, under the data directory. */
  public Path newUploadDirectory() throws IOException {
    Files.createDirectories(uploads);
    return Files.createTempDirectory(uploads, "upload-");
  }

  /** Deletes an upload's directory and its files (an upload that was not started). */
  public void discard(Path directory) {
    deleteTree(directory);
  }

  /**
   * Stores the upload and queues its import. The upload is recorded in the same transaction: if the entry cannot
   * be written, nothing is stored, the files are deleted and the import never starts.
   *
   * @param directory the upload's directory ({@link #newUploadDirectory}), deleted when the import ends or here on
   *     a refusal
   * @throws Refusal 422 naming {@code files} when none is sent or one is empty; 503 {@code AUDIT_UNAVAILABLE}
   */
  public VendorAuditImport start(Path directory, List<Upload> files, Request request, Caller auditor) {
    try {
      if (files.isEmpty()) {
        throw Refusal.invalid("files", "choose at least one file to import");
      }
      if (files.size() > MAX_FILES) {
        throw Refusal.invalid("files", "at most " + MAX_FILES + " files in one upload");
      }
      for (Upload u : files) {
        if (u.bytes() <= 0) {
          throw Refusal.invalid("files", "file " + (files.indexOf(u) + 1) + " of the upload is empty");
        }
      }
      List<VendorAuditImport.File> named = files.stream()
          .map(u -> new VendorAuditImport.File(name(u.name(), files.indexOf(u)), u.bytes())).toList();
      long total = files.stream().mapToLong(Upload::bytes).sum();
      EffectivePolicy policy = policies.current();
      long id = tx.execute(s -> {
        long i = store.insert(auditor.pseudonym(), clock.instant(), JSON.writeValueAsString(named),
            request.format() == null ? null : request.format().id(), request.agencyState(), request.retentionDays(),
            total);
        audit.record(AuditEvent.of(VendorAuditTypes.VENDOR_AUDIT_UPLOADED, auditor)
            .with("importId", i)
            .with("fileCount", files.size())
            .with("bytes", total)
            .with("format", request.format() == null ? "auto" : request.format().id())
            .with("agencyState", request.agencyState())
            .with("retentionDays", request.retentionDays())
            .secret("files", String.join("\n", named.stream().map(VendorAuditImport.File::name).toList()))
            .policy(policy.sha256())
            .build());
        return i;
      });
      List<Upload> renamed = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        renamed.add(new Upload(named.get(i).name(), files.get(i).file(), files.get(i).bytes()));
      }
      runner.execute(() -> run(id, directory, renamed, request, policy));
      return find(id);
    } catch (RuntimeException e) {
      deleteTree(directory);
      throw e;
    }
  }

  /** An import. @throws Refusal 404 when there is none with this id */
  public VendorAuditImport find(long id) {
    return store.find(id).map(VendorAuditImports::of).orElseThrow(() -> Refusal.notFound("vendor audit import " + id));
  }

  /** The latest imports, newest first (at most {@value #SHOWN}). */
  public List<VendorAuditImport> recent() {
    return store.recent(SHOWN).stream().map(VendorAuditImports::of).toList();
  }

  /** The imports running or waiting their turn, oldest first. */
  public List<VendorAuditImport> unfinished() {
    return store.unfinished().stream().map(VendorAuditImports::of).toList();
  }

  /**
   * One file of a done import's report, for an auditor to read: the opening is recorded first, and if it cannot be,
   * the report is not given (fail closed).
   *
   * @throws Refusal 404 when there is no such import or file, or the import has no report (not done, or failed);
   *     503 {@code AUDIT_UNAVAILABLE}
   */
  public Path openReport(long id, String file, Caller auditor) {
    if (!REPORT_FILES.contains(file)) {
      throw new Refusal(org.glassplate.server.core.CommonRefusal.NOT_FOUND,
          "no such report file: a report has report.html, findings.csv and report.json");
    }
    VendorAuditImport i = find(id);
    Path path = reports.resolve(Long.toString(id)).resolve(file);
    if (i.status() != VendorAuditImport.Status.DONE || !Files.isRegularFile(path)) {
      throw Refusal.notFound("the report of vendor audit import " + id + " (the import is "
          + i.status().name().toLowerCase(Locale.ROOT) + ")");
    }
    audit.record(AuditEvent.of(VendorAuditTypes.VENDOR_AUDIT_REPORT_OPENED, auditor)
        .with("importId", id)
        .with("file", file)
        .build());
    return path;
  }

  /** Imports the server stopped in the middle of (queued or running) are failed, and their files deleted. */
  @EventListener(ApplicationReadyEvent.class)
  void failImportsLeftUnfinished() {
    List<Long> failed = store.failUnfinished(clock.instant(),
        "the server stopped before this import ended; upload the files again");
    if (!failed.isEmpty()) {
      log.warn("{} vendor audit import(s) left unfinished by a stop were marked failed", failed.size());
    }
    deleteTree(uploads);
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    runner.shutdownNow();
  }

  private void run(long id, Path directory, List<Upload> files, Request request, EffectivePolicy policy) {
    Path out = reports.resolve(Long.toString(id));
    List<SourceReport> sources = new ArrayList<>();
    try {
      store.started(id, clock.instant());
      VendorAudit vendorAudit = new VendorAudit(policy.content());
      long bytesBefore = 0;
      long rowsBefore = 0;
      long badBefore = 0;
      for (Upload u : files) {
        long b0 = bytesBefore;
        long r0 = rowsBefore;
        long bad0 = badBefore;
        VendorAudit.Progress progress = (file, read, size, rows, bad, done) ->
            store.progress(id, u.name(), b0 + read, r0 + rows, bad0 + bad);
        store.progress(id, u.name(), b0, r0, bad0);
        SourceReport s;
        try (InputStream in = Files.newInputStream(u.file())) {
          s = vendorAudit.read(u.name(), in, u.bytes(), request.options(), null, progress);
        }
        sources.add(s);
        Files.deleteIfExists(u.file()); // read: no longer needed
        bytesBefore += u.bytes();
        rowsBefore += s.rows();
        badBefore += s.badRowCount();
      }
      VendorReportFiles.write(sources, out, clock);
      Map<String, Long> findings = new TreeMap<>();
      long flagged = 0;
      List<VendorAuditImport.BadRow> bad = new ArrayList<>();
      for (SourceReport s : sources) {
        flagged += s.flaggedCount();
        s.findings().forEach((k, v) -> findings.merge(k, v, Long::sum));
        s.eachBadRow(b -> {
          if (bad.size() < BAD_ROWS_KEPT) {
            bad.add(new VendorAuditImport.BadRow(s.file(), b.line(), b.message()));
          }
        });
      }
      long bytes = bytesBefore;
      long rows = rowsBefore;
      long badRows = badBefore;
      long flaggedRows = flagged;
      tx.executeWithoutResult(t -> {
        store.done(id, clock.instant(), bytes, rows, badRows, flaggedRows, JSON.writeValueAsString(findings),
            JSON.writeValueAsString(bad));
        audit.record(AuditEvent.of(VendorAuditTypes.VENDOR_AUDIT_IMPORTED, Caller.system())
            .with("importId", id)
            .with("rows", rows)
            .with("badRows", badRows)
            .with("flagged", flaggedRows)
            .with("findings", findings)
            .policy(policy.sha256())
            .build());
      });
    } catch (Exception | Error e) {
      // the message may quote a file's content: only the type is logged
      log.warn("vendor audit import {} failed: {}", id, e.getClass().getName(), LogSafe.redact(e));
      deleteTree(out);
      fail(id, e);
      if (e instanceof Error err) {
        throw err;
      }
    } finally {
      sources.forEach(SourceReport::close);
      deleteTree(directory);
    }
  }

  private void fail(long id, Throwable e) {
    String why = e instanceof org.glassplate.server.audit.AuditUnavailable
        ? "the audit log could not record the end of this import, so its report is not kept; upload the files again"
        : e instanceof IOException || e instanceof UncheckedIOException
            ? "a file could not be read or the report could not be written (" + e.getClass().getSimpleName() + ")"
            : "the import failed (" + e.getClass().getSimpleName() + ")";
    try {
      tx.executeWithoutResult(t -> {
        store.failed(id, clock.instant(), why);
        audit.record(AuditEvent.of(VendorAuditTypes.VENDOR_AUDIT_IMPORTED, Caller.system())
            .with("importId", id)
            .failed("IMPORT_FAILED")
            .build());
      });
    } catch (RuntimeException f) {
      log.warn("vendor audit import {}: its failure could not be recorded in the audit log: {}", id,
          f.getClass().getName());
      try {
        store.failed(id, clock.instant(), why);
      } catch (RuntimeException g) {
        log.error("vendor audit import {} could not be marked failed: {}", id, g.getClass().getName());
      }
    }
  }

  /** A file's name as shown: its last path element, without control characters, at most {@value #MAX_NAME}. */
  static String name(String sent, int index) {
    String n = sent == null ? "" : sent.replace('\\', '/');
    n = n.substring(n.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", " ").strip();
    if (n.length() > MAX_NAME) {
      n = n.substring(0, MAX_NAME);
    }
    return n.isEmpty() ? "file " + (index + 1) : n;
  }

  private static VendorAuditImport of(VendorAuditImportStore.Row r) {
    List<VendorAuditImport.File> files = JSON.readValue(r.files(), new TypeReference<List<VendorAuditImport.File>>() {
    });
    Map<String, Long> findings = r.findings() == null ? null
        : JSON.readValue(r.findings(), new TypeReference<TreeMap<String, Long>>() {
        });
    List<VendorAuditImport.BadRow> bad = r.badRowList() == null ? null
        : JSON.readValue(r.badRowList(), new TypeReference<List<VendorAuditImport.BadRow>>() {
        });
    return new VendorAuditImport(r.id(), r.uploadedBy(), r.uploadedAt(), files, r.format(), r.agencyState(),
        r.retentionDays(), VendorAuditImport.Status.valueOf(r.status()), r.bytesTotal(), r.bytesRead(), r.rowsRead(),
        r.badRows(), r.flagged(), findings, bad, r.currentFile(), r.failure(), r.startedAt(), r.finishedAt());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      log.warn("a vendor audit directory could not be deleted: {}", e.getClass().getName());
    }
  }
}
