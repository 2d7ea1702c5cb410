package org.glassplate.server.oversight.rules;

import java.util.List;
import org.glassplate.server.oversight.Finding;
import org.springframework.stereotype.Component;

/** MISSING_CASE_NUMBER: a search that ran with a case number that names no case ("n/a", "000", "tbd"). */
@Component
class MissingCaseNumber implements FindingRule {

  @Override
  public String id() {
    return "MISSING_CASE_NUMBER";
  }

  @Override
  public Finding.Severity severity() {
    return Finding.Severity.WARNING;
  }

  @Override
  public List<Raised> examine(AuditRecord e, RuleContext c) {
    if (!e.performedSearch() || !e.searchAsAsked() || !c.placeholderCaseNumber(e.secret("caseNumber"))) {
      return List.of();
    }
    return raise(e, "A search ran with a placeholder for its case number, which names no case.");
  }
}
