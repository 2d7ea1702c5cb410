package org.glassplate.server.oversight.web;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.glassplate.server.oversight.VendorAuditImport;
import org.glassplate.server.oversight.vendor.VendorReportFiles;

/**
 * An upload of vendor audit exports as the API answers it ({@code GET /api/v1/oversight/vendor-audits/{id}}, what
 * the progress page polls): its status, how far it has come (bytes, rows, bad rows), and once done its findings,
 * its bad rows with their lines and the links to its report. Times in UTC (ISO-8601); people by pseudonym.
 *
 * @param statusWords the status as the page says it ("reading", "waiting to start"...)
 * @param progressWords the progress as the page says it ("7,273 rows read, 0 bad rows, 100% of 1.2 MB")
 * @param ahead imports that run before this one (it waits its turn), 0 when it runs or has ended
 * @param findingWords what each rule in {@code findings} means, in words
 * @param report the report's files by name, once done; null before
 */
record VendorAuditJson(long id, String status, String statusWords, String progressWords, String uploadedBy,
    String uploadedAt, List<VendorAuditImport.File> files, String format, String agencyState, Integer retentionDays,
    long bytesTotal, long bytesRead, int percent, long rowsRead, long badRows, Long flagged, Map<String, Long> findings,
    Map<String, String> findingWords, List<VendorAuditImport.BadRow> badRowList,
    String currentFile, String failure, String startedAt, String finishedAt, int ahead, Map<String, String> report) {

  /** The latest uploads, newest first. */
  record History(List<VendorAuditJson> imports) {
  }

  private static Map<String, String> words(Map<String, Long> findings) {
    if (findings == null) {
      return null;
    }
    Map<String, String> words = new TreeMap<>();
    findings.keySet().forEach(rule -> words.put(rule, VendorReportFiles.meaning(rule)));
    return words;
  }

  static VendorAuditJson of(VendorAuditImport i, int ahead) {
    Map<String, String> report = null;
    if (i.status() == VendorAuditImport.Status.DONE) {
      String base = VendorAuditPages.PATH + "/" + i.id() + "/";
      report = Map.of("html", base + "report.html", "csv", base + "findings.csv", "json", base + "report.json");
    }
    return new VendorAuditJson(i.id(), i.status().name(), VendorAuditPages.statusWords(i, ahead),
        VendorAuditPages.progress(i), i.uploadedBy(), i.uploadedAt().toString(), i.files(),
        i.format() == null ? "auto" : i.format(), i.agencyState(), i.retentionDays(), i.bytesTotal(), i.bytesRead(),
        i.percent(), i.rowsRead(), i.badRows(), i.flagged(), i.findings(), words(i.findings()), i.badRowList(), i.currentFile(),
        i.failure(), i.startedAt() == null ? null : i.startedAt().toString(),
        i.finishedAt() == null ? null : i.finishedAt().toString(), ahead, report);
  }
}
