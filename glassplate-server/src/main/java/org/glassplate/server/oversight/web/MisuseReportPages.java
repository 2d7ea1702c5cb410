package org.glassplate.server.oversight.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.oversight.AnnualMisuseReport;
import org.glassplate.server.oversight.Investigation;
import org.glassplate.server.oversight.MisuseReports;
import org.glassplate.server.search.DeniedReasons;
import org.glassplate.server.web.ErrorStatuses;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Pages;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.web.ShownTime;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;

/**
 * The annual misuse report for auditors (R-GOV-4, issue 16 item 4): {@code /oversight/reports/{year}}
 * as a printable page, {@code .csv} and {@code .json}, all three from the same {@link AnnualMisuseReport};
 * {@code /oversight/reports} goes to the current year's.
 */
@Controller
class MisuseReportPages {
  static final String PATH = "/oversight/reports";

  private final MisuseReports reports;
  private final ErrorStatuses statuses;
  private final ZoneId zone;

  MisuseReportPages(MisuseReports reports, ErrorStatuses statuses, Agency agency) {
    this.reports = reports;
    this.statuses = statuses;
    this.zone = agency.timeZone();
  }

  /** The report as JSON: the figures, every rule and every outcome listed (zero where none). */
  record ReportJson(int year, String timeZone, String from, String until, String asOf, long searches,
      long searchesRefused, Map<String, Long> refusedByReason, long findings, Map<String, Long> findingsByRule,
      long investigationsOpened, Map<String, Long> investigationsOpenedByOutcome, long investigationsClosed,
      Map<String, Long> investigationsClosedByOutcome, long investigationsPending, long investigationsOverdue) {
    static ReportJson of(AnnualMisuseReport r) {
      return new ReportJson(r.year(), r.timeZone(), r.from().toString(), r.until().toString(), r.asOf().toString(),
          r.searches(), r.searchesRefused(), r.refusedByReason(), r.findings(), r.findingsByRule(),
          r.investigationsOpened(), r.openedByOutcome(), r.investigationsClosed(), r.closedByOutcome(),
          r.pendingAsOf(), r.overdueAsOf());
    }
  }

  @GetMapping(value = PATH)
  ResponseEntity<Void> current() {
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(PATH + "/" + reports.currentYear())).build();
  }

  @GetMapping(value = PATH + "/{year}.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<ReportJson> json(@PathVariable String year) {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(ReportJson.of(reports.report(year)));
  }

  @GetMapping(value = PATH + "/{year}.csv")
  @ResponseBody
  ResponseEntity<String> csv(@PathVariable String year) {
    AnnualMisuseReport r = reports.report(year);
    StringBuilder out = new StringBuilder("section,item,count\r\n");
    line(out, "year", Integer.toString(r.year()), r.year());
    line(out, "searches", "performed", r.searches());
    line(out, "searches", "refused", r.searchesRefused());
    r.refusedByReason().forEach((code, n) -> line(out, "refused by reason", code, n));
    line(out, "findings", "total", r.findings());
    r.findingsByRule().forEach((rule, n) -> line(out, "findings by rule", rule, n));
    line(out, "investigations", "opened", r.investigationsOpened());
    r.openedByOutcome().forEach((o, n) -> line(out, "investigations opened by outcome", o, n));
    line(out, "investigations", "closed", r.investigationsClosed());
    r.closedByOutcome().forEach((o, n) -> line(out, "investigations closed by outcome", o, n));
    line(out, "investigations", "pending", r.pendingAsOf());
    line(out, "investigations", "overdue", r.overdueAsOf());
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header("Content-Disposition", "attachment; filename=\"misuse-report-" + r.year() + ".csv\"")
        .cacheControl(CacheControl.noStore())
        .body(out.toString());
  }

  /** Codes and fixed words only: nothing to quote. */
  private static void line(StringBuilder out, String section, String item, long count) {
    out.append(section).append(',').append(item).append(',').append(count).append("\r\n");
  }

  @GetMapping(value = PATH + "/{year}", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView page(HttpServletRequest request, HttpServletResponse response, @PathVariable String year) {
    Pages.noStore(response);
    Layout layout = Layout.of("Annual misuse report · Glassplate", request);
    AnnualMisuseReport r;
    try {
      r = reports.report(year);
    } catch (Refusal e) {
      RefusalView refusal = RefusalView.of(e, statuses.of(e));
      return Pages.page("oversight/report", new MisuseReportView(layout, refusal, null, reports.currentYear(), null,
          zone.getId(), null, false, null), refusal.status());
    }
    boolean running = r.asOf().isBefore(r.until());
    MisuseReportView.Figures figures = new MisuseReportView.Figures(r.searches(), r.searchesRefused(),
        lines(r.refusedByReason(), DeniedReasons::words), r.findings(),
        lines(r.findingsByRule(), rule -> rule.toLowerCase(Locale.ROOT).replace('_', ' ')), r.investigationsOpened(),
        lines(r.openedByOutcome(), MisuseReportPages::outcomeWords), r.investigationsClosed(),
        lines(r.closedByOutcome(), MisuseReportPages::outcomeWords), r.pendingAsOf(), r.overdueAsOf());
    MisuseReportView view = new MisuseReportView(Layout.of("Annual misuse report " + r.year() + " · Glassplate",
        request), null, r.year(), r.year() > MisuseReports.FIRST_YEAR ? r.year() - 1 : null,
        running ? null : r.year() + 1, ShownTime.zoneName(zone), ShownTime.of(r.asOf(), zone), running, figures);
    return Pages.page("oversight/report", view);
  }

  private static String outcomeWords(String outcome) {
    return Investigation.Outcome.valueOf(outcome).words();
  }

  private static List<MisuseReportView.Line> lines(Map<String, Long> counts,
      java.util.function.Function<String, String> words) {
    return counts.entrySet().stream().map(e -> new MisuseReportView.Line(e.getKey(), words.apply(e.getKey()),
        e.getValue())).toList();
  }
}
