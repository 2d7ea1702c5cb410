package org.glassplate.server.oversight.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
    Instant since = e.time().minus(c.thresholds().repeatedPlateWithin());
    LocalDate today = LocalDate.ofInstant(e.time(), c.zone());
    Set<LocalDate> earlierDays = new TreeSet<>();
    List<Long> evidence = new ArrayList<>();
    for (History.Search s : c.history().ranOnPlate(e.actor(), plate)) {
      if (!s.time().isBefore(since) && !s.time().isAfter(e.time())) {
        earlierDays.add(LocalDate.ofInstant(s.time(), c.zone()));
        evidence.add(s.index());
      }
    }
    if (earlierDays.contains(today) || earlierDays.size() + 1 != c.thresholds().repeatedPlateDays()) {
      return List.of();
    }
    evidence.add(e.index());
    return List.of(raise(e, evidence, "One plate searched by the same person on " + (earlierDays.size() + 1)
        + " different days within " + c.thresholds().repeatedPlateWithin().toDays() + " days (" + evidence.size()
        + " searches)."));
  }
}
