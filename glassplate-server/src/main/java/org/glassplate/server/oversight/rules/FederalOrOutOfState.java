package org.glassplate.server.oversight.rules;

import java.util.List;
import java.util.Optional;
import org.glassplate.server.oversight.Finding;
import org.glassplate.server.policy.LegalFloor;
import org.springframework.stereotype.Component;

/**
 * FEDERAL_OR_OUT_OF_STATE: a search, allowed or refused, for or by a federal agency or one of another
 * state: refused by the legal floor as such, run on behalf of (or queried by) an agency whose agreement
 * makes it federal or of another state, an on-behalf-of naming one, or a reason naming a federal agency.
 */
@Component
class FederalOrOutOfState implements FindingRule {

  @Override
  public String id() {
    return "FEDERAL_OR_OUT_OF_STATE";
  }

  @Override
  public Finding.Severity severity() {
    return Finding.Severity.CRITICAL;
  }

  @Override
  public List<Raised> examine(AuditRecord e, RuleContext c) {
    if (!e.searchAsAsked()) {
      return List.of();
    }
    String kind = e.field("onBehalfOfKind");
    if ("FEDERAL".equals(kind) || "OUT_OF_STATE".equals(kind)) {
      return raise(e, "A search for " + words(kind) + " agency, refused by the legal floor.");
    }
    Optional<String> partner = c.agreement(e.field("requestingAgency")).flatMap(c::excludedKind);
    if (partner.isPresent()) {
      return raise(e, "A query by partner agency " + e.field("requestingAgency") + ", " + words(partner.get())
          + " agency.");
    }
    Optional<String> onBehalf = c.agreement(e.field("onBehalfOf")).flatMap(c::excludedKind);
    if (onBehalf.isPresent()) {
      return raise(e, "A search on behalf of " + e.field("onBehalfOf") + ", " + words(onBehalf.get()) + " agency.");
    }
    Optional<LegalFloor.Excluded> named = c.excludedNamedIn(e.secret("onBehalfOf"));
    if (named.isPresent() && named.get() != LegalFloor.Excluded.PRIVATE) {
      return raise(e, "A search whose on-behalf-of names " + words(named.get().name()) + " agency.");
    }
    if (c.reasonNamesFederal(e.secret("reason"))) {
      return raise(e, "A search whose reason names a federal agency.");
    }
    return List.of();
  }

  private static String words(String kind) {
    return "FEDERAL".equals(kind) ? "a federal" : "another state's";
  }
}
