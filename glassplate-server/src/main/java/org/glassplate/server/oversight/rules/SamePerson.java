package org.glassplate.server.oversight.rules;

import java.util.List;
import org.glassplate.server.oversight.Finding;
import org.springframework.stereotype.Component;

/**
 * SAME_PERSON: an attempt, refused, to approve what one asked for oneself or through an account tied
 * to one's own (a hot-list entry, a hold, a policy, an account change): two people were required.
 */
@Component
class SamePerson implements FindingRule {

  @Override
  public String id() {
    return "SAME_PERSON";
  }

  @Override
  public Finding.Severity severity() {
    return Finding.Severity.WARNING;
  }

  @Override
  public List<Raised> examine(AuditRecord e, RuleContext c) {
    if (!"DENIED".equals(e.outcome()) || !"SAME_PERSON".equals(e.reasonCode())) {
      return List.of();
    }
    return raise(e, "An attempt to approve what the same person asked for ("
        + e.type().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "), refused: two people "
        + "are required.");
  }
}
