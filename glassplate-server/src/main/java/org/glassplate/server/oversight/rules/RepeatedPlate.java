package org.glassplate.server.oversight.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
    Iterable<History.Search> earlier = c.history().ranOnPlate(e.actor(), plate);
    if (!earlier.iterator().hasNext() && c.thresholds().repeatedPlateDays() != 1) {
      return List.of(); // the first search of the plate by this person: nothing to count
    }
    Instant since = e.time().minus(c.thresholds().repeatedPlateWithin());
    long today = c.localClock().epochDay(e.time());
    long[] days = new long[4]; // the distinct local days of the earlier searches, as epoch days
    int distinct = 0;
    boolean searchedToday = false;
    List<Long> evidence = new ArrayList<>();
    for (History.Search s : earlier) {
      if (!s.time().isBefore(since) && !s.time().isAfter(e.time())) {
        long day = c.localClock().epochDay(s.time());
        searchedToday |= day == today;
        int k = 0;
        while (k < distinct && days[k] != day) {
          k++;
        }
        if (k == distinct) {
          if (distinct == days.length) {
            days = Arrays.copyOf(days, distinct * 2);
          }
          days[distinct++] = day;
        }
        evidence.add(s.index());
      }
    }
    if (searchedToday || distinct + 1 != c.thresholds().repeatedPlateDays()) {
      return List.of();
    }
    evidence.add(e.index());
    return List.of(raise(e, evidence, "One plate searched by the same person on " + (distinct + 1)
        + " different days within " + c.thresholds().repeatedPlateWithin().toDays() + " days (" + evidence.size()
        + " searches)."));
  }
}
