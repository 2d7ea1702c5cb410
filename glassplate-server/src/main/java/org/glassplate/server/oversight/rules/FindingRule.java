package org.glassplate.server.oversight.rules;

import java.util.List;
import org.glassplate.server.oversight.Finding;

/**
 * One misuse rule (R-GOV-4; each is described in docs/FINDINGS.md): given an audit entry and what came
 * before it, the findings it raises. A rule is deterministic in its input, so that examining the same
 * entries again raises the same findings (which are then not stored twice).
 */
public interface FindingRule {

  /** The stable rule id, e.g. {@code REPEATED_PLATE}. */
  String id();

  Finding.Severity severity();

  /**
   * The findings this entry raises.
   *
   * @param entry the entry examined
   * @param context the thresholds in force and what came before the entry (not the entry itself)
   */
  List<Raised> examine(AuditRecord entry, RuleContext context);

  /** A finding of this rule about the entry's actor, resting on {@code evidence} (the entry's index last). */
  default Raised raise(AuditRecord entry, List<Long> evidence, String summary) {
    return new Raised(id(), severity(), entry.actor(), evidence, entry.time(), summary);
  }

  /** A finding of this rule about the entry's actor, resting on the entry alone. */
  default List<Raised> raise(AuditRecord entry, String summary) {
    return List.of(raise(entry, List.of(entry.index()), summary));
  }
}
