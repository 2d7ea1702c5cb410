package org.glassplate.server.oversight.rules;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.glassplate.server.oversight.Finding;
import org.springframework.stereotype.Component;

/** OFF_HOURS: a search that ran outside the working hours, in the agency's time zone. */
@Component
class OffHours implements FindingRule {
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  @Override
  public String id() {
    return "OFF_HOURS";
  }

  @Override
  public Finding.Severity severity() {
    return Finding.Severity.INFO;
  }

  @Override
  public List<Raised> examine(AuditRecord e, RuleContext c) {
    if (!e.performedSearch() || !e.searchAsAsked()) {
      return List.of();
    }
    LocalTime local = c.localClock().time(e.time());
    if (!c.thresholds().offHours(local)) {
      return List.of();
    }
    return raise(e, "A search at " + HH_MM.format(local) + " local time, outside the working hours "
        + HH_MM.format(c.thresholds().workingHoursFrom()) + " to " + HH_MM.format(c.thresholds().workingHoursTo())
        + ".");
  }
}
