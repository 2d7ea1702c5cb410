package org.glassplate.server.oversight.rules;

import java.util.List;
import org.glassplate.server.oversight.Finding;
import org.springframework.stereotype.Component;

/** NON_PURPOSE_REASON: a filter or screen label typed as the reason ("All Cameras", "Plate Search"). */
@Component
class NonPurposeReason implements FindingRule {

  @Override
  public String id() {
    return "NON_PURPOSE_REASON";
  }

  @Override
  public Finding.Severity severity() {
    return Finding.Severity.WARNING;
  }

  @Override
  public List<Raised> examine(AuditRecord e, RuleContext c) {
    if (!e.performedSearch() || !e.searchAsAsked() || !c.labelAsReason(e.secret("reason"))) {
      return List.of();
    }
    return raise(e, "A search ran with a screen or filter label as its reason, which states no purpose.");
  }
}
