package org.glassplate.server.oversight;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One upload of vendor audit exports by an auditor (R-GOV-5, issue 17), as stored: who sent which files with which
 * options, how far its import has come, and what it found. Counts only: the files' content (plates, names, case
 * numbers, reasons) is in the report alone.
 *
 * @param uploadedBy the auditor's pseudonym
 * @param files the files in the order they are read
 * @param format the format asked for, or null for each file's own (auto)
 * @param bytesRead bytes read so far, over all the files
 * @param rowsRead data rows read so far, bad ones included
 * @param flagged searches that break at least one rule, once done
 * @param findings searches breaking each rule, by rule id, once done
 * @param badRowList the first bad rows, each with its file, line and what is wrong with it, once done
 * @param currentFile the file being read, while running
 * @param failure why the import failed, in words naming nothing of the files' content
 */
public record VendorAuditImport(long id, String uploadedBy, Instant uploadedAt, List<File> files, String format,
    String agencyState, Integer retentionDays, Status status, long bytesTotal, long bytesRead, long rowsRead,
    long badRows, Long flagged, Map<String, Long> findings, List<BadRow> badRowList, String currentFile,
    String failure, Instant startedAt, Instant finishedAt) {

  public enum Status { QUEUED, RUNNING, DONE, FAILED }

  /** An uploaded file: its name as sent and its size. */
  public record File(String name, long bytes) {
  }

  /** A row that could not be read: the file, the line it starts on, and why. */
  public record BadRow(String file, long line, String message) {
  }

  public VendorAuditImport {
    files = List.copyOf(files);
    findings = findings == null ? Map.of() : Map.copyOf(findings);
    badRowList = badRowList == null ? List.of() : List.copyOf(badRowList);
  }

  /** Bytes read as a share of all the files' bytes, 0 to 100 (100 once done). */
  public int percent() {
    if (status == Status.DONE) {
      return 100;
    }
    return bytesTotal <= 0 ? 0 : (int) Math.min(100, bytesRead * 100 / bytesTotal);
  }

  /** Whether the import has ended, done or failed. */
  public boolean ended() {
    return status == Status.DONE || status == Status.FAILED;
  }
}
