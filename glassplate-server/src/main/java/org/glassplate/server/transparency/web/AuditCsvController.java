package org.glassplate.server.transparency.web;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.glassplate.server.audit.AuditLog;
import org.glassplate.server.transparency.PublicRow;
import org.glassplate.server.transparency.TransparencyReport;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /transparency/audit.csv}: one row per entry of the signed public audit log, with its
 * public columns only (issue 7). Streamed, so a log of millions of entries costs no memory. The
 * {@code X-Audit-Log-Size} header says which signed tree size the file covers.
 */
@RestController
class AuditCsvController {
  private final AuditLog log;

  AuditCsvController(AuditLog log) {
    this.log = log;
  }

  @GetMapping(path = "/transparency/audit.csv")
  ResponseEntity<StreamingResponseBody> csv() {
    long size = log.size();
    StreamingResponseBody body = out -> {
      BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      w.write("index," + String.join(",", TransparencyReport.PUBLIC_COLUMNS) + "\r\n");
      for (long start = 0; start < size; start += AuditLog.MAX_ENTRIES) {
        List<AuditLog.PublicEntry> page = log.entries(start, (int) Math.min(AuditLog.MAX_ENTRIES, size - start), false);
        for (AuditLog.PublicEntry e : page) {
          PublicRow row = TransparencyReport.publicRow(e, size);
          StringBuilder line = new StringBuilder().append(row.index());
          for (String column : row.columns()) {
            line.append(',').append(cell(column));
          }
          w.write(line.append("\r\n").toString());
        }
      }
      w.flush();
    };
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header("Content-Disposition", "attachment; filename=\"audit-log.csv\"")
        .header("X-Audit-Log-Size", Long.toString(size))
        .cacheControl(CacheControl.noCache())
        .body(body);
  }

  /** RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */
  static String cell(String v) {
    String s = v;
    if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("-?\\d+(\\.\\d+)?")) {
      s = "'" + s;
    }
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      s = "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
