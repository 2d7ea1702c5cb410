package org.glassplate.server.oversight.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.oversight.VendorAuditImport;
import org.glassplate.server.oversight.VendorAuditImports;
import org.glassplate.server.oversight.vendor.VendorFormat;
import org.glassplate.server.oversight.vendor.VendorReportFiles;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.ErrorStatuses;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Pages;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.web.RefusedPage;
import org.glassplate.server.web.ShownTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

/**
 * The auditors' page for vendor audit exports (R-GOV-5, issue 17): the upload form and the latest uploads; the
 * upload itself ({@code POST}, multipart, each file streamed to disk by the servlet container and moved into the data
 * directory, never held in memory); one upload's page, whose script polls its progress and shows the report's links
 * when it is done; and the report's files, each opening recorded before it is sent. People by name, times in the
 * agency's time zone.
 */
@Controller
class VendorAuditPages {
  static final String PATH = "/oversight/vendor-audits";
  static final String SCRIPT = "/oversight/vendor-audit.js";

  private final VendorAuditImports imports;
  private final Accounts accounts;
  private final ErrorStatuses statuses;
  private final ZoneId zone;
  private final long maxUploadBytes;

  VendorAuditPages(VendorAuditImports imports, Accounts accounts, ErrorStatuses statuses, Agency agency,
      @Value("${glassplate.oversight.vendor-audit.max-upload-bytes:536870912}") long maxUploadBytes) {
    this.imports = imports;
    this.accounts = accounts;
    this.statuses = statuses;
    this.zone = agency.timeZone();
    this.maxUploadBytes = maxUploadBytes;
  }

  private static Caller me() {
    return CallerAuthentication.current().orElseThrow();
  }

  @GetMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView list(HttpServletRequest request, HttpServletResponse response) {
    Pages.noStore(response);
    return listPage(request, null, null, null, null);
  }

  /**
   * An upload: from the page's form ({@code PATH}, with the page's CSRF token; a browser is sent on to the upload's
   * page), or from a script with a bearer token ({@code POST /api/v1/oversight/vendor-audits}, answered 202 with the
   * upload's JSON).
   */
  @PostMapping(value = {PATH, VendorAuditController.API}, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Object upload(HttpServletRequest request, HttpServletResponse response,
      @RequestParam(name = "files", required = false) List<MultipartFile> files,
      @RequestParam(required = false) String format, @RequestParam(required = false) String agencyState,
      @RequestParam(required = false) String retentionDays) {
    Pages.noStore(response);
    boolean page = RefusedPage.wanted(request);
    VendorAuditImport started;
    try {
      VendorAuditImports.Request asked = imports.request(format, agencyState, retentionDays);
      Path directory = imports.newUploadDirectory();
      started = imports.start(directory, receive(directory, files == null ? List.of() : files), asked, me());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Refusal e) {
      if (!page || e.refusalCode() == org.glassplate.server.audit.AuditRefusal.AUDIT_UNAVAILABLE) {
        throw e;
      }
      return listPage(request, RefusalView.of(e, statuses.of(e)), format, agencyState, retentionDays);
    }
    if (page) {
      return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(PATH + "/" + started.id())).build();
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(VendorAuditController.API + "/"
        + started.id())).body(VendorAuditJson.of(started, VendorAuditController.ahead(started, imports.unfinished())));
  }

  /**
   * Moves every file part into the upload's directory (a rename where the container's temporary file is on the same
   * disk, else a streamed copy: never into memory); a part with no name and no bytes is the form's empty file field,
   * left out. On a failure the directory is deleted.
   */
  private List<VendorAuditImports.Upload> receive(Path directory, List<MultipartFile> files) throws IOException {
    List<VendorAuditImports.Upload> out = new ArrayList<>();
    try {
      for (MultipartFile f : files) {
        String name = f.getOriginalFilename();
        if (f.isEmpty() && (name == null || name.isBlank())) {
          continue;
        }
        Path to = directory.resolve("file-" + out.size());
        f.transferTo(to.toFile());
        out.add(new VendorAuditImports.Upload(name, to, Files.size(to)));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      imports.discard(directory);
      throw e;
    }
  }

  @GetMapping(value = PATH + "/{id}", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView one(HttpServletRequest request, HttpServletResponse response, @PathVariable long id) {
    Pages.noStore(response);
    VendorAuditImport i = imports.find(id);
    People people = People.of(accounts);
    int ahead = VendorAuditController.ahead(i, imports.unfinished());
    String base = PATH + "/" + id + "/";
    List<VendorAuditView.Finding> findings = new ArrayList<>();
    i.findings().entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .forEach(e -> findings.add(new VendorAuditView.Finding(e.getKey(), VendorReportFiles.meaning(e.getKey()),
            e.getValue())));
    VendorAuditView view = new VendorAuditView(Layout.of("Vendor audit upload " + id + " · Glassplate", request), id,
        VendorAuditController.API + "/" + id, people.name(i.uploadedBy()), ShownTime.of(i.uploadedAt(), zone),
        i.files().stream().map(f -> f.name() + " (" + size(f.bytes()) + ")").toList(), options(i), i.status().name(),
        statusWords(i, ahead), i.percent(), i.rowsRead(), i.badRows(), progress(i), findings,
        i.badRowList().stream().map(b -> new VendorAuditView.BadRow(b.file(), b.line(), b.message())).toList(),
        Math.max(0, i.badRows() - i.badRowList().size()), i.failure(), i.ended(),
        i.status() == VendorAuditImport.Status.DONE,
        new VendorAuditView.ReportLinks(base + "report.html", base + "findings.csv", base + "report.json"));
    return Pages.page("oversight/vendor-audit", view);
  }

  /** A report's file: the page inline, the CSV and JSON as downloads; the opening is recorded first. */
  @GetMapping(PATH + "/{id}/{file}")
  ResponseEntity<Resource> report(HttpServletResponse response, @PathVariable long id, @PathVariable String file) {
    Pages.noStore(response);
    Path path = imports.openReport(id, file, me());
    MediaType type = switch (file) {
      case "report.html" -> new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);
      case "findings.csv" -> new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
      default -> MediaType.APPLICATION_JSON;
    };
    ContentDisposition disposition = file.equals("report.html") ? ContentDisposition.inline().build()
        : ContentDisposition.attachment().filename("vendor-audit-" + id + "-" + file).build();
    return ResponseEntity.ok().contentType(type).header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
        .body(new FileSystemResource(path));
  }

  private ModelAndView listPage(HttpServletRequest request, RefusalView refusal, String format, String agencyState,
      String retentionDays) {
    People people = People.of(accounts);
    List<VendorAuditImport> unfinished = imports.unfinished();
    List<VendorAuditsView.Option> formats = new ArrayList<>();
    String chosen = format == null || format.isBlank() ? "auto" : format.strip();
    formats.add(new VendorAuditsView.Option("auto", "Find out from each file (auto)", chosen.equals("auto")));
    for (VendorFormat f : VendorFormat.values()) {
      if (f != VendorFormat.SHARING_LIST) {
        formats.add(new VendorAuditsView.Option(f.id(), formatWords(f), chosen.equals(f.id())));
      }
    }
    VendorAuditsView view = new VendorAuditsView(Layout.of("Vendor audits · Glassplate", request), refusal, formats,
        agencyState == null ? "" : agencyState, retentionDays == null ? "" : retentionDays, size(maxUploadBytes),
        maxUploadBytes, unfinished.stream().map(i -> row(i, people, unfinished)).toList(),
        imports.recent().stream().map(i -> row(i, people, unfinished)).toList(), VendorAuditImports.SHOWN);
    return Pages.page("oversight/vendor-audits", view, refusal == null ? HttpStatus.OK : refusal.status());
  }

  private VendorAuditsView.Row row(VendorAuditImport i, People people, List<VendorAuditImport> unfinished) {
    return new VendorAuditsView.Row(i.id(), PATH + "/" + i.id(), people.name(i.uploadedBy()),
        ShownTime.of(i.uploadedAt(), zone), String.join(", ", i.files().stream().map(VendorAuditImport.File::name)
            .toList()), i.rowsRead(), i.badRows(), i.flagged(), i.status().name(),
        statusWords(i, VendorAuditController.ahead(i, unfinished)), i.percent());
  }

  static String statusWords(VendorAuditImport i, int ahead) {
    return switch (i.status()) {
      case QUEUED -> ahead == 0 ? "waiting to start" : "waiting for " + (ahead == 1 ? "1 import" : ahead + " imports")
          + " before it to end (one runs at a time)";
      case RUNNING -> "reading";
      case DONE -> "done";
      case FAILED -> "failed";
    };
  }

  static String progress(VendorAuditImport i) {
    return String.format(Locale.US, "%,d rows read, %,d bad %s, %d%% of %s", i.rowsRead(), i.badRows(),
        i.badRows() == 1 ? "row" : "rows", i.percent(), size(i.bytesTotal()));
  }

  private static String options(VendorAuditImport i) {
    return "format: " + (i.format() == null ? "found out from each file" : i.format())
        + "; agency's state: " + (i.agencyState() == null ? "from the files" : i.agencyState())
        + "; retention: " + (i.retentionDays() == null ? "30 days, or what a portal page states"
            : i.retentionDays() + (i.retentionDays() == 1 ? " day" : " days"));
  }

  private static String formatWords(VendorFormat f) {
    return switch (f) {
      case FLOCK_NETWORK -> "Flock network audit (flock-network)";
      case FLOCK_ORG -> "Flock organization audit (flock-org)";
      case FLOCK_PORTAL_CSV -> "Flock transparency portal search audit, CSV (flock-portal-csv)";
      case FLOCK_PORTAL_JSON -> "Flock transparency portal page, JSON (flock-portal-json)";
      case OKALOOSA -> "Okaloosa County extraction (okaloosa)";
      case SHARING_LIST -> "Sharing list";
    };
  }

  /** A size in words, as a file manager shows it (1 MB = 1,048,576 bytes): "1.2 MB", "512 MB", "900 bytes". */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + (bytes == 1 ? " byte" : " bytes");
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double v = bytes / 1024.0;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (v == Math.rint(v) ? String.format(Locale.US, "%.0f", v) : String.format(Locale.US, "%.1f", v)) + " "
        + units[u];
  }
}
