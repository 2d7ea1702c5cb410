package org.glassplate.server.transparency.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glassplate.server.transparency.Report;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Svg;

/**
 * The view model of {@code transparency/page.jte}: the {@link Report} that {@code /transparency.json}
 * answers with, and the charts drawn from it. Every figure the page shows is a {@link Figure} naming
 * its JSON path ({@code data-figure="json.path"}), so anyone (and the browser test) can check the
 * page against the JSON twin.
 */
public record TransparencyView(Layout layout, Report report, String searchesPerDay, String readsPerDay,
    String refusedByReason, String cameraMap) {

  /** A figure: its JSON path, and its text (whole numbers with thousands separators). */
  public record Figure(String path, String text) {
  }

  /** The page of this report, with its charts drawn on the server. */
  static TransparencyView of(Layout layout, Report report) {
    return new TransparencyView(layout, report,
        Svg.dailyBars("Searches run per day", series(report.searches().perDay()), "#2a7a3a"),
        Svg.dailyBars("Plate reads stored per day", series(report.reads().perDay()), "#1f5fa8"),
        Svg.horizontalBars("Refused searches by reason", report.searches().refusedByReason(), "#a33"),
        Svg.cameraMap(
            report.cameras().locations().stream().map(c -> new double[] {c.lat(), c.lon()}).toList(),
            report.cameras().locations().stream().map(c -> String.valueOf(c.name())).toList()));
  }

  /** A whole number at this JSON path, as {@code 1,234}. */
  public Figure fig(String path, long value) {
    return new Figure(path, String.format(Locale.ROOT, "%,d", value));
  }

  /** A decimal number (a camera's position) at this JSON path, as Java writes it. */
  public Figure fig(String path, double value) {
    return new Figure(path, String.valueOf(value));
  }

  /** A text at this JSON path, as it is. */
  public Figure fig(String path, String value) {
    return new Figure(path, String.valueOf(value));
  }

  private static final java.time.format.DateTimeFormatter UTC = java.time.format.DateTimeFormatter
      .ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.US).withZone(java.time.ZoneOffset.UTC);

  /** An ISO-8601 instant of the report as UTC to the second (the hover title of a local time); other text as it is. */
  public String utc(String iso) {
    try {
      return UTC.format(java.time.Instant.parse(iso));
    } catch (java.time.format.DateTimeParseException e) {
      return iso;
    }
  }

  /** Whether a text of the report is an ISO-8601 instant (then the page shows it as a local time). */
  public boolean instant(String iso) {
    try {
      java.time.Instant.parse(iso);
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  /** The query of the audit browser's other pages: its event type, when it is filtered to one. */
  public String auditQuery() {
    String type = report.audit().browse().type();
    return type == null || type.isEmpty() ? "" : "auditType=" + type + "&";
  }

  /** The {@code auditBefore} of the page of older audit entries, or null on the oldest page. */
  public Long olderEntriesBefore() {
    return olderEntriesBefore(report.audit().browse());
  }

  /** Whether newer audit entries exist than this page shows. */
  public boolean newerEntries() {
    return newerEntries(report.audit().browse());
  }

  static Long olderEntriesBefore(Report.Browse browse) {
    List<Report.AuditRow> rows = browse.entries();
    if (rows.isEmpty() || rows.get(rows.size() - 1).index() <= 0) {
      return null;
    }
    return rows.get(rows.size() - 1).index() - 1;
  }

  static boolean newerEntries(Report.Browse browse) {
    return !browse.entries().isEmpty() && browse.first() < browse.newest();
  }

  /** A count per UTC day, keyed by ISO date as the report has it, for the daily bar chart. */
  static Map<LocalDate, Long> series(Map<String, Long> perDay) {
    Map<LocalDate, Long> out = new LinkedHashMap<>();
    perDay.forEach((day, count) -> out.put(LocalDate.parse(day), count));
    return out;
  }
}
