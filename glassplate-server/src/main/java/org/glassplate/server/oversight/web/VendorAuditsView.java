package org.glassplate.server.oversight.web;

import java.util.List;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.web.ShownTime;

/**
 * The view model of {@code oversight/vendor-audits.jte}: the upload form (files, format, the agency's state and
 * retention) and the latest uploads, newest first, with who sent them, when, the files, rows, findings and status.
 *
 * @param refusal why the last upload was refused, or null
 * @param running the imports running or waiting, oldest first (an upload now waits for them)
 * @param maxUpload the largest upload, in words; {@code maxUploadBytes} the same for the page's script
 */
public record VendorAuditsView(Layout layout, RefusalView refusal, List<Option> formats, String agencyState,
    String retentionDays, String maxUpload, long maxUploadBytes, List<Row> running, List<Row> imports, int shown) {

  /** A choice of a select. */
  public record Option(String value, String text, boolean selected) {
  }

  /** One upload as the list shows it. */
  public record Row(long id, String href, String uploadedBy, ShownTime uploadedAt, String files, long rows,
      long badRows, Long flagged, String status, String statusWords, int percent) {
  }
}
