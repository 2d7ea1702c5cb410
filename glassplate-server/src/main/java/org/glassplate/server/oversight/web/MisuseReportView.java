package org.glassplate.server.oversight.web;

import java.util.List;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.web.ShownTime;

/**
 * The view model of {@code oversight/report.jte}: the annual misuse report of a year, printable, or
 * the refusal of a year that is none ({@code report} null then).
 *
 * @param asOf when the year's investigations are counted as they stood: its end, or now while it runs
 */
public record MisuseReportView(Layout layout, RefusalView refusal, Integer year, Integer previousYear, Integer nextYear,
    String timeZone, ShownTime asOf, boolean yearRunning, Figures report) {

  /** The figures: each a line with its words and count; {@code key} is its JSON path. */
  public record Figures(long searches, long searchesRefused, List<Line> refusedByReason, long findings,
      List<Line> findingsByRule, long investigationsOpened, List<Line> openedByOutcome, long investigationsClosed,
      List<Line> closedByOutcome, long pendingAsOf, long overdueAsOf) {
  }

  /** One counted item: its code, in words, and how many. */
  public record Line(String code, String words, long count) {
  }
}
