package org.glassplate.server.oversight.rules;

import java.util.List;
import org.glassplate.server.oversight.Finding;
import org.glassplate.server.policy.PurposeScreen;
import org.springframework.stereotype.Component;

/**
 * PROHIBITED_PURPOSE: anything refused for a prohibited purpose (the attempt is the finding, although
 * nothing was shown), and any search that ran whose reason, case number or on-behalf-of the purpose
 * screen in force now calls prohibited (a term added since, or a screen the search got around).
 */
@Component
class ProhibitedPurpose implements FindingRule {

  @Override
  public String id() {
    return "PROHIBITED_PURPOSE";
  }

  @Override
  public Finding.Severity severity() {
    return Finding.Severity.CRITICAL;
  }

  @Override
  public List<Raised> examine(AuditRecord e, RuleContext c) {
    if ("DENIED".equals(e.outcome()) && "PROHIBITED_PURPOSE".equals(e.reasonCode())) {
      String category = e.field("reasonCategory");
      return raise(e, "An attempt refused for a prohibited purpose"
          + (category == null ? "" : " (" + words(category) + ")") + ".");
    }
    if (!e.performedSearch() || !e.searchAsAsked()) {
      return List.of();
    }
    PurposeScreen.Screening s = c.prohibitedIn(e.secret("reason"));
    if (!s.prohibited()) {
      s = c.prohibitedInIdentifier(e.secret("caseNumber"));
    }
    if (!s.prohibited()) {
      s = c.prohibitedIn(e.secret("onBehalfOf"));
    }
    if (!s.prohibited()) {
      return List.of();
    }
    return raise(e, "A search ran whose stated purpose the purpose screen in force calls prohibited ("
        + words(s.category()) + ").");
  }

  /** A category of the policy in words: {@code FIRST_AMENDMENT} is "first amendment". */
  private static String words(String category) {
    return category.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
