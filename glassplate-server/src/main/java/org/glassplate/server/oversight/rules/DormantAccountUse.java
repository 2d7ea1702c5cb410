package org.glassplate.server.oversight.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.glassplate.server.oversight.Finding;
import org.springframework.stereotype.Component;

/**
 * DORMANT_ACCOUNT_USE: a search, allowed or refused, by a person whose previous recorded action other
 * than signing in or out was at least {@code dormantAfter} before it. A person's very first action is
 * no finding: an account is dormant only once it has been used.
 */
@Component
class DormantAccountUse implements FindingRule {

  @Override
  public String id() {
    return "DORMANT_ACCOUNT_USE";
  }

  @Override
  public Finding.Severity severity() {
    return Finding.Severity.WARNING;
  }

  @Override
  public List<Raised> examine(AuditRecord e, RuleContext c) {
    if (!e.searchAsAsked()) {
      return List.of();
    }
    Instant last = c.history().lastAction(e.actor());
    if (last == null) {
      return List.of();
    }
    Duration idle = Duration.between(last, e.time());
    if (idle.compareTo(c.thresholds().dormantAfter()) < 0) {
      return List.of();
    }
    return raise(e, "A search after " + idle.toDays() + " days with no other recorded action by the person.");
  }
}
