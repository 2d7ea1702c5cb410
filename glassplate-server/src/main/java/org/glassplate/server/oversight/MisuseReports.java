package org.glassplate.server.oversight;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.audit.AuditLog;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.oversight.internal.MisuseReportStore;
import org.glassplate.server.oversight.rules.FindingEngine;
import org.glassplate.server.oversight.rules.FindingRule;
import org.springframework.stereotype.Service;

/**
 * The annual misuse report (R-GOV-4, issue 16 item 4): for a calendar year in the agency's time zone,
 * searches and refusals by reason counted from the signed audit log, findings by rule, investigations
 * opened and closed by outcome, all computed from the database when asked ({@link AnnualMisuseReport}).
 */
@Service
public class MisuseReports {
  /** The first year a report may be asked for. */
  public static final int FIRST_YEAR = 2000;

  private final AuditLog auditLog;
  private final MisuseReportStore store;
  private final FindingEngine engine;
  private final Clock clock;
  private final ZoneId zone;

  MisuseReports(AuditLog auditLog, MisuseReportStore store, FindingEngine engine, Clock clock, Agency agency) {
    this.auditLog = auditLog;
    this.store = store;
    this.engine = engine;
    this.clock = clock;
    this.zone = agency.timeZone();
  }

  /** The current calendar year in the agency's time zone. */
  public int currentYear() {
    return clock.instant().atZone(zone).getYear();
  }

  /**
   * The report of {@code year}, as {@code /oversight/reports/{year}} takes it.
   *
   * @throws Refusal 422 naming {@code year} unless it is a year from {@value #FIRST_YEAR} to the current one
   */
  public AnnualMisuseReport report(String year) {
    int y;
    try {
      y = Integer.parseInt(year == null ? "" : year.strip());
    } catch (NumberFormatException e) {
      throw Refusal.invalid("year", "a calendar year, e.g. " + currentYear());
    }
    if (y < FIRST_YEAR || y > currentYear()) {
      throw Refusal.invalid("year", "a year from " + FIRST_YEAR + " to " + currentYear());
    }
    return report(y);
  }

  /** The report of {@code year} (any year: one before the first entry or to come counts nothing). */
  public AnnualMisuseReport report(int year) {
    Instant from = LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant();
    Instant until = LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant();
    Instant now = clock.instant();
    Instant asOf = now.isBefore(until) ? now : until;

    long searches = auditLog.count(AuditEventTypes.SEARCH_PERFORMED, from, until);
    Map<String, Long> refused = new TreeMap<>();
    auditLog.countBy(AuditEventTypes.SEARCH_DENIED, "reasonCode", from, until)
        .forEach((code, n) -> refused.merge(code.isEmpty() ? "UNSPECIFIED" : code, n, Long::sum));

    Map<String, Long> byRule = new TreeMap<>();
    engine.rules().stream().map(FindingRule::id).forEach(r -> byRule.put(r, 0L));
    byRule.putAll(store.findingsByRule(from, until));

    Map<String, Long> opened = new LinkedHashMap<>();
    Map<String, Long> openedFound = store.openedByOutcome(from, until, asOf);
    for (Investigation.Outcome o : Investigation.Outcome.values()) {
      opened.put(o.name(), openedFound.getOrDefault(o.name(), 0L));
    }
    Map<String, Long> closed = new LinkedHashMap<>();
    Map<String, Long> closedFound = store.closedByOutcome(from, until);
    for (Investigation.Outcome o : Investigation.Outcome.closing()) {
      closed.put(o.name(), closedFound.getOrDefault(o.name(), 0L));
    }
    long[] pending = store.pendingAndOverdue(asOf, asOf.minus(Investigation.OVERDUE_AFTER));
    return new AnnualMisuseReport(year, zone.getId(), from, until, asOf, searches, sum(refused), refused,
        sum(byRule), byRule, sum(opened), opened, sum(closed), closed, pending[0], pending[1]);
  }

  private static long sum(Map<String, Long> m) {
    return m.values().stream().mapToLong(Long::longValue).sum();
  }
}
