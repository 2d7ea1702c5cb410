package org.glassplate.server.oversight.rules;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.glassplate.server.oversight.Finding;
import org.springframework.stereotype.Component;

/**
 * BROAD_SEARCH: a search that ran over every plate in an area or on some cameras, a pattern with at
 * least {@code broadSearch.wildcards} wildcard characters, or a window reaching back at least
 * {@code broadSearch.lookbackPercent} of {@code retention.nonHit}.
 */
@Component
class BroadSearch implements FindingRule {

  @Override
  public String id() {
    return "BROAD_SEARCH";
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
    List<String> why = new ArrayList<>();
    if ("AREA".equals(e.field("searchKind"))) {
      why.add("every plate in an area or on chosen cameras");
    }
    String pattern = e.secret("pattern");
    if (pattern != null) {
      long wildcards = pattern.chars().filter(ch -> ch == '*' || ch == '?').count();
      if (wildcards >= c.thresholds().broadSearchWildcards() && !"AREA".equals(e.field("searchKind"))) {
        why.add("a pattern with " + wildcards + " wildcard characters");
      }
    }
    Duration lookback = lookback(e);
    if (lookback != null && lookback.toMinutes() * 100 >= c.retention().toMinutes()
        * (long) c.thresholds().broadSearchLookbackPercent()) {
      why.add("a window reaching back " + lookback.toDays() + " days, at least "
          + c.thresholds().broadSearchLookbackPercent() + "% of the " + c.retention().toDays() + "-day retention");
    }
    if (why.isEmpty()) {
      return List.of();
    }
    return raise(e, "A broad search: " + String.join("; ", why) + ".");
  }

  /** How far back before the search its window starts; null when the entry does not say. */
  private static Duration lookback(AuditRecord e) {
    String from = e.secret("from");
    if (from == null) {
      return null;
    }
    try {
      return Duration.between(AuditRecord.instant(from), e.time());
    } catch (DateTimeParseException ex) {
      return null;
    }
  }
}
