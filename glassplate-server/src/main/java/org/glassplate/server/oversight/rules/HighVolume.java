package org.glassplate.server.oversight.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.glassplate.server.oversight.Finding;
import org.springframework.stereotype.Component;

/**
 * HIGH_VOLUME: a person's searches within {@code highVolume.window}, at least {@code highVolume.atLeast}
 * and more than {@code highVolume.timesPeerMedian} times the median of the other people who searched in
 * the same window. Raised by the search that crosses the line; there must be at least one peer to
 * compare with. Its evidence is the person's searches in the window.
 */
@Component
class HighVolume implements FindingRule {

  @Override
  public String id() {
    return "HIGH_VOLUME";
  }

  @Override
  public Finding.Severity severity() {
    return Finding.Severity.WARNING;
  }

  @Override
  public List<Raised> examine(AuditRecord e, RuleContext c) {
    if (!e.performedSearch() || !e.searchAsAsked()) {
      return List.of();
    }
    Instant from = e.time().minus(c.thresholds().highVolumeWindow());
    int count = c.history().performedBy(e.actor(), from, e.time()) + 1;
    if (count < c.thresholds().highVolumeAtLeast()) {
      return List.of(); // cheap: most searches stop here, before the peers are counted
    }
    int[] peers = c.history().performedByOthers(e.actor(), from, e.time());
    if (peers.length == 0) {
      return List.of();
    }
    double median = median(peers);
    double line = c.thresholds().highVolumeTimesPeerMedian() * median;
    boolean now = count > line;
    boolean before = count - 1 >= c.thresholds().highVolumeAtLeast() && count - 1 > line;
    if (!now || before) {
      return List.of();
    }
    List<Long> mine = new ArrayList<>();
    for (Iterator<History.Search> it = c.history().newestFirst(e.actor()); it.hasNext(); ) {
      History.Search s = it.next();
      if (!s.time().isAfter(from)) {
        break;
      }
      if (s.performed() && !s.time().isAfter(e.time())) {
        mine.add(s.index());
      }
    }
    mine.add(e.index());
    return List.of(raise(e, mine, count + " searches within " + c.thresholds().highVolumeWindow().toHours()
        + " hours, more than " + c.thresholds().highVolumeTimesPeerMedian() + " times the median (" + format(median)
        + ") of the " + peers.length + (peers.length == 1 ? " other person" : " other people") + " who searched then."));
  }

  static double median(int[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private static String format(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
