package org.glassplate.server.oversight;

import java.time.Instant;
import java.util.Map;

/**
 * The annual misuse report of one calendar year in the agency's time zone (R-GOV-4, issue 16 item 4),
 * counted as the state's annual CLETS misuse report counts them, from the database at the moment of
 * asking: searches and refusals from the signed audit log (as the transparency page counts them),
 * findings and investigations from their tables. It names nobody: counts only.
 *
 * @param from the year's first instant (January 1, 00:00 local)
 * @param until the next year's first instant (exclusive)
 * @param asOf the end of the year, or now while the year runs: investigations are counted as they stood then
 * @param searches searches performed in the year
 * @param searchesRefused searches refused in the year
 * @param refusedByReason the refused by reason code
 * @param findings findings of misuse that occurred in the year (by their latest evidence)
 * @param findingsByRule those by rule, every rule listed
 * @param investigationsOpened investigations opened in the year
 * @param openedByOutcome those by their outcome as of {@code asOf} ({@code PENDING} when not closed by then), every outcome listed
 * @param investigationsClosed investigations closed in the year, whenever opened
 * @param closedByOutcome those by outcome, every closing outcome listed
 * @param pendingAsOf investigations pending at {@code asOf}, whenever opened
 * @param overdueAsOf of those, the ones pending for more than 180 days then
 */
public record AnnualMisuseReport(int year, String timeZone, Instant from, Instant until, Instant asOf,
    long searches, long searchesRefused, Map<String, Long> refusedByReason, long findings,
    Map<String, Long> findingsByRule, long investigationsOpened, Map<String, Long> openedByOutcome,
    long investigationsClosed, Map<String, Long> closedByOutcome, long pendingAsOf, long overdueAsOf) {

  public AnnualMisuseReport {
    refusedByReason = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(refusedByReason));
    findingsByRule = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(findingsByRule));
    openedByOutcome = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(openedByOutcome));
    closedByOutcome = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(closedByOutcome));
  }
}
