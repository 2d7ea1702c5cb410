package org.glassplate.server.oversight.rules;

import java.util.List;
import org.glassplate.server.oversight.Finding;
import org.springframework.stereotype.Component;

/**
 * VAGUE_REASON: a search that ran with a reason saying nothing specific: one the purpose screen calls
 * vague ("investigation", "inv", "check", "test"), or a whole reason of the oversight section's
 * vague reasons ("law enforcement"). A label typed as the reason is NON_PURPOSE_REASON instead.
 */
@Component
class VagueReason implements FindingRule {

  @Override
  public String id() {
    return "VAGUE_REASON";
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
    String reason = e.secret("reason");
    if (reason == null || c.labelAsReason(reason)) {
      return List.of();
    }
    boolean vague = "VAGUE".equals(e.field("reasonCategory")) || c.screenedVague(reason)
        || c.vagueReason(reason);
    return vague ? raise(e, "A search ran with a reason that says nothing specific about the case.") : List.of();
  }
}
