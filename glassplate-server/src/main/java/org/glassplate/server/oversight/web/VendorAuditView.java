package org.glassplate.server.oversight.web;

import java.util.List;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.ShownTime;

/**
 * The view model of {@code oversight/vendor-audit.jte}: one upload, its progress as it stands when the page is made
 * (the page's script then polls {@code api} and updates it in place), and once done its findings, bad rows and the
 * links to its report.
 *
 * @param options the format, state and retention asked for, in words
 * @param progress e.g. "7,273 rows read, 0 bad rows, 100% of 1.3 MB"
 * @param reportLinks the report's files (page, CSV, JSON) by href, always named so the script can show them
 */
public record VendorAuditView(Layout layout, long id, String api, String uploadedBy, ShownTime uploadedAt,
    List<String> files, String options, String status, String statusWords, int percent, long rowsRead, long badRows,
    String progress, List<Finding> findings, List<BadRow> badRowList, long badRowsNotListed, String failure,
    boolean ended, boolean done, ReportLinks reportLinks) {

  /** A rule, what it means in words, and how many searches break it. */
  public record Finding(String rule, String words, long count) {
  }

  /** A bad row: file, line, why. */
  public record BadRow(String file, long line, String message) {
  }

  public record ReportLinks(String html, String csv, String json) {
  }
}
