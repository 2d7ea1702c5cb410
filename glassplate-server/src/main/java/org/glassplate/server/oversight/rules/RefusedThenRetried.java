package org.glassplate.server.oversight.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.glassplate.server.oversight.Finding;
import org.springframework.stereotype.Component;

/**
 * REFUSED_THEN_RETRIED: a search refused for its purpose or its recipient (prohibited purpose, the
 * legal floor, no sharing agreement) asked again by the same person, for the same plate or pattern,
 * within {@code retriedWithin}, with other words for the reason or another on-behalf-of.
 */
@Component
class RefusedThenRetried implements FindingRule {
  /** Refusals of what the search was for: retyping a missing case number is no rewording. */
  static final Set<String> PURPOSE_REFUSALS = Set.of("PROHIBITED_PURPOSE", "LEGAL_FLOOR", "NOT_SHARED");

  @Override
  public String id() {
    return "REFUSED_THEN_RETRIED";
  }

  @Override
  public Finding.Severity severity() {
    return Finding.Severity.WARNING;
  }

  @Override
  public List<Raised> examine(AuditRecord e, RuleContext c) {
    String plate = e.plateKey();
    if (!e.searchAsAsked() || plate == null) {
      return List.of();
    }
    String reason = null; // keyed once a refusal of the same plate is found: most searches follow none
    String onBehalfOf = null;
    Instant since = e.time().minus(c.thresholds().retriedWithin());
    for (Iterator<History.Search> it = c.history().newestFirst(e.actor()); it.hasNext(); ) {
      History.Search s = it.next();
      if (s.time().isBefore(since)) {
        break;
      }
      if (s.performed() || !PURPOSE_REFUSALS.contains(s.reasonCode()) || !plate.equals(s.plateKey())
          || s.time().isAfter(e.time())) {
        continue;
      }
      if (reason == null) {
        reason = Words.key(e.secret("reason"));
        onBehalfOf = Words.key(History.onBehalfOf(e));
      }
      if (reason.equals(s.reasonKey()) && onBehalfOf.equals(s.onBehalfOfKey())) {
        return List.of(); // the same search again: refused again, or allowed because the policy changed
      }
      long minutes = Duration.between(s.time(), e.time()).toMinutes();
      String later = minutes < 1 ? "less than a minute" : minutes + (minutes == 1 ? " minute" : " minutes");
      return List.of(raise(e, List.of(s.index(), e.index()), "A search refused for "
          + org.glassplate.server.search.DeniedReasons.words(s.reasonCode()) + " was asked "
          + "again " + later + " later by the same person with "
          + (reason.equals(s.reasonKey()) ? "another on-behalf-of" : "a reworded reason") + "."));
    }
    return List.of();
  }
}
