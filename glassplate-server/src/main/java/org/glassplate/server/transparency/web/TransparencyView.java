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
        Svg.horizontalBars("Refused searches by reason", inWords(report.searches().refusedByReason()), "#a33"),
        Svg.cameraMap(
            report.cameras().locations().stream().map(c -> new double[] {c.lat(), c.lon()}).toList(),
            report.cameras().locations().stream().map(c -> String.valueOf(c.name())).toList()));
  }

  /** Counts by code, labelled in words (a chart's labels are read by people). */
  private static Map<String, Long> inWords(Map<String, Long> byCode) {
    Map<String, Long> out = new LinkedHashMap<>();
    byCode.forEach((code, n) -> out.merge(words(code), n, Long::sum));
    return out;
  }

  /**
   * A code of the log in words, for a person: {@code PROHIBITED_PURPOSE} is "prohibited purpose" (a
   * search refusal's own words where it has them), {@code HIT_AND_RUN} "hit and run"; the page shows the
   * code itself after the words, small and muted. "n/a" stays "n/a".
   */
  public static String words(String code) {
    return code == null || code.isEmpty() || code.equals("n/a") ? "n/a"
        : org.glassplate.server.search.DeniedReasons.words(code);
  }

  /** Whether a column of an audit entry has a value (not "n/a"). */
  public static boolean present(String column) {
    return column != null && !column.isEmpty() && !column.equals("n/a");
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

  /**
   * A row of the annual misuse report's table: what is counted, in words, its path under
   * {@code misuseReport.currentYear} and {@code misuseReport.previousYear}, and both years' counts;
   * {@code sub} marks a part of the row above.
   */
  public record MisuseRow(String path, String words, boolean sub, long current, long previous) {
  }

  /** The annual misuse report's rows, the current year's and the previous year's side by side. */
  public List<MisuseRow> misuseRows() {
    Report.MisuseYear c = report.misuseReport().currentYear();
    Report.MisuseYear p = report.misuseReport().previousYear();
    List<MisuseRow> rows = new java.util.ArrayList<>();
    rows.add(new MisuseRow("searches", "searches run", false, c.searches(), p.searches()));
    rows.add(new MisuseRow("searchesRefused", "searches refused", false, c.searchesRefused(), p.searchesRefused()));
    c.refusedByReason().forEach((code, n) -> rows.add(new MisuseRow("refusedByReason." + code,
        "refused: " + org.glassplate.server.search.DeniedReasons.words(code), true, n,
        p.refusedByReason().getOrDefault(code, 0L))));
    rows.add(new MisuseRow("findings", "findings of possible misuse", false, c.findings(), p.findings()));
    c.findingsByRule().forEach((rule, n) -> rows.add(new MisuseRow("findingsByRule." + rule,
        rule.toLowerCase(Locale.ROOT).replace('_', ' '), true, n, p.findingsByRule().getOrDefault(rule, 0L))));
    rows.add(new MisuseRow("investigationsOpened", "investigations opened", false, c.investigationsOpened(),
        p.investigationsOpened()));
    c.investigationsOpenedByOutcome().forEach((o, n) -> rows.add(new MisuseRow("investigationsOpenedByOutcome." + o,
        "of which " + org.glassplate.server.oversight.Investigation.Outcome.valueOf(o).words(), true, n,
        p.investigationsOpenedByOutcome().getOrDefault(o, 0L))));
    rows.add(new MisuseRow("investigationsClosed", "investigations closed", false, c.investigationsClosed(),
        p.investigationsClosed()));
    c.investigationsClosedByOutcome().forEach((o, n) -> rows.add(new MisuseRow("investigationsClosedByOutcome." + o,
        org.glassplate.server.oversight.Investigation.Outcome.valueOf(o).words(), true, n,
        p.investigationsClosedByOutcome().getOrDefault(o, 0L))));
    rows.add(new MisuseRow("investigationsPending", "investigations pending (at the year's end, or now)", false,
        c.investigationsPending(), p.investigationsPending()));
    rows.add(new MisuseRow("investigationsOverdue", "of which pending for more than 180 days", true,
        c.investigationsOverdue(), p.investigationsOverdue()));
    return rows;
  }

  /** A count per UTC day, keyed by ISO date as the report has it, for the daily bar chart. */
  static Map<LocalDate, Long> series(Map<String, Long> perDay) {
    Map<LocalDate, Long> out = new LinkedHashMap<>();
    perDay.forEach((day, count) -> out.put(LocalDate.parse(day), count));
    return out;
  }
}
