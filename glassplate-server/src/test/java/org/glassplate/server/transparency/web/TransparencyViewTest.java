package org.glassplate.server.transparency.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.glassplate.server.transparency.Report;
import org.junit.jupiter.api.Test;

/** The page's typed helpers: how figures are written, and where the audit browser's pager leads. */
class TransparencyViewTest {
  private static final TransparencyView VIEW = new TransparencyView(null, null, "", "", "", "");

  /** A page of the audit browser: entries from {@code first} down to {@code last}, newest first. */
  private static Report.Browse browse(long newest, long first, long last) {
    List<Report.AuditRow> rows = LongStream.iterate(first, i -> i >= last, i -> i - 1)
        .mapToObj(i -> new Report.AuditRow(i, "t", "a", "n/a", "READS_INGESTED", "SUCCESS", "n/a", "n/a", "n/a",
            "n/a", "n/a", "1", "n/a", "/api/v1/audit/proof/inclusion?index=" + i + "&size=" + (newest + 1)))
        .toList();
    return new Report.Browse(newest, rows.isEmpty() ? -1 : first, rows);
  }

  @Test
  void figuresNameTheirJsonPathAndWriteWholeNumbersWithThousandsSeparators() {
    record Case(TransparencyView.Figure got, TransparencyView.Figure want) {
    }
    List<Case> cases = List.of(
        new Case(VIEW.fig("audit.size", 1_234_567L), new TransparencyView.Figure("audit.size", "1,234,567")),
        new Case(VIEW.fig("policy.version", 3), new TransparencyView.Figure("policy.version", "3")),
        new Case(VIEW.fig("sharing.count", 0), new TransparencyView.Figure("sharing.count", "0")),
        new Case(VIEW.fig("searches.refusedByReason.PROHIBITED_PURPOSE", Long.valueOf(1200)),
            new TransparencyView.Figure("searches.refusedByReason.PROHIBITED_PURPOSE", "1,200")),
        new Case(VIEW.fig("cameras.locations.0.lat", 36.74651), new TransparencyView.Figure("cameras.locations.0.lat",
            "36.74651")),
        new Case(VIEW.fig("cameras.locations.0.lon", -119.7), new TransparencyView.Figure("cameras.locations.0.lon",
            "-119.7")),
        new Case(VIEW.fig("audit.browse.entries.0.resultCount", "1200"),
            new TransparencyView.Figure("audit.browse.entries.0.resultCount", "1200")),
        new Case(VIEW.fig("retention.nonHit", "30 days"), new TransparencyView.Figure("retention.nonHit", "30 days")));
    for (Case c : cases) {
      assertThat(c.got()).as(c.want().path()).isEqualTo(c.want());
    }
  }

  @Test
  void theNewestPageLinksToOlderEntriesButNotToNewerOnes() {
    Report.Browse newest = browse(44, 44, 25);
    assertThat(TransparencyView.olderEntriesBefore(newest)).isEqualTo(24L);
    assertThat(TransparencyView.newerEntries(newest)).isFalse();
  }

  @Test
  void anOlderPageLinksBothWays() {
    Report.Browse older = browse(44, 24, 5);
    assertThat(TransparencyView.olderEntriesBefore(older)).isEqualTo(4L);
    assertThat(TransparencyView.newerEntries(older)).isTrue();
  }

  @Test
  void theOldestPageLinksToNoOlderEntries() {
    Report.Browse oldest = browse(44, 4, 0);
    assertThat(TransparencyView.olderEntriesBefore(oldest)).as("entry 0 is on this page").isNull();
    assertThat(TransparencyView.newerEntries(oldest)).isTrue();
  }

  @Test
  void anEmptyLogLinksNowhere() {
    Report.Browse empty = browse(-1, -1, 0);
    assertThat(empty.entries()).isEmpty();
    assertThat(TransparencyView.olderEntriesBefore(empty)).isNull();
    assertThat(TransparencyView.newerEntries(empty)).isFalse();
  }

  @Test
  void aDailySeriesKeepsEveryDayInOrder() {
    Map<String, Long> perDay = new LinkedHashMap<>();
    perDay.put("2026-11-29", 0L);
    perDay.put("2026-11-30", 7L);
    assertThat(TransparencyView.series(perDay)).containsExactly(
        Map.entry(LocalDate.of(2026, 11, 29), 0L), Map.entry(LocalDate.of(2026, 11, 30), 7L));
  }
}
