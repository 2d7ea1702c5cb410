package org.glassplate.server.oversight.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.glassplate.server.oversight.Finding;
import org.springframework.stereotype.Component;

/**
 * REPEATED_PLATE: one person searching one plate again and again across days. Raised by the search
 * that brings the distinct local days on which the person searched the plate, within
 * {@code repeatedPlate.within}, to {@code repeatedPlate.days}; its evidence is every such search.
 */
@Component
class RepeatedPlate implements FindingRule {

  @Override
  public String id() {
    return "REPEATED_PLATE";
  }

  @Override
  public Finding.Severity severity() {
    return Finding.Severity.WARNING;
  }

  @Override
  public List<Raised> examine(AuditRecord e, RuleContext c) {
    if (!e.performedSearch() || !e.searchAsAsked() || !e.exactPlate()) {
      return List.of();
    }
    String plate = e.plateKey();
    Iterator<History.Search> newestFirst = c.history().ranOnPlateNewestFirst(e.actor(), plate);
    int wanted = c.thresholds().repeatedPlateDays();
    if (!newestFirst.hasNext() && wanted != 1) {
      return List.of(); // the first search of the plate by this person: nothing to count
    }
    Instant since = e.time().minus(c.thresholds().repeatedPlateWithin());
    long today = c.localClock().epochDay(e.time());
    long[] days = new long[4]; // the distinct local days of the earlier searches, as epoch days
    int distinct = 0;
    // newest first, the answer is often known early: a search of the plate earlier the same day, or already
    // more days than the threshold (then this search does not bring them to it)
    while (newestFirst.hasNext()) {
      History.Search s = newestFirst.next();
      if (!s.time().isBefore(since) && !s.time().isAfter(e.time())) {
        long day = c.localClock().epochDay(s.time());
        if (day == today) {
          return List.of();
        }
        int k = 0;
        while (k < distinct && days[k] != day) {
          k++;
        }
        if (k == distinct) {
          if (distinct == days.length) {
            days = Arrays.copyOf(days, distinct * 2);
          }
          days[distinct++] = day;
          if (distinct >= wanted) {
            return List.of();
          }
        }
      }
    }
    if (distinct + 1 != wanted) {
      return List.of();
    }
    List<Long> evidence = new ArrayList<>();
    for (History.Search s : c.history().ranOnPlate(e.actor(), plate)) {
      if (!s.time().isBefore(since) && !s.time().isAfter(e.time())) {
        evidence.add(s.index());
      }
    }
    evidence.add(e.index());
    return List.of(raise(e, evidence, "One plate searched by the same person on " + (distinct + 1)
        + " different days within " + c.thresholds().repeatedPlateWithin().toDays() + " days (" + evidence.size()
        + " searches)."));
  }
}
