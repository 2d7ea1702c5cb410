package org.glassplate.server.oversight.vendor;

import java.util.List;

/**
 * The vendor audit report page ({@code oversight/vendor-report.jte}): every source's figures in plain
 * words, the rules explained, and what the data cannot tell.
 */
public record VendorReportView(String generatedAt, long rows, long searches, long flagged, long badRows,
    List<Line> totalsByRule, List<Source> sources, List<Line> rules, List<String> limits) {

  /** A figure with its words. */
  public record Line(String code, String words, long count) {
  }

  /** A count with its share flagged. */
  public record Row(String name, long searches, long flagged) {
  }

  /** One file. */
  public record Source(String file, String format, String agency, String state, long rows, long searches,
      long flagged, long badRowCount, List<SourceReport.BadRow> badRows, List<Line> findings, String findingsChart,
      List<Line> figures, List<Row> organizations, int moreOrganizations, List<Row> months, String monthsChart,
      List<SourceReport.Example> worst, SourceReport.SharingSummary sharing, String retentionDays) {
  }
}
