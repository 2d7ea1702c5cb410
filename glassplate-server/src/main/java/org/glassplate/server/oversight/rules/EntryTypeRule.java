package org.glassplate.server.oversight.rules;

import java.util.List;
import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.oversight.Finding;

/**
 * A rule that raises a finding for every entry of one audit event type, whoever recorded it: an event
 * that is itself the alarm (a witnessed fork, a self-audit's drift). A new one is a subclass naming
 * its id, severity, type and summary.
 */
abstract class EntryTypeRule implements FindingRule {
  private final String id;
  private final Finding.Severity severity;
  private final AuditEventType type;
  private final String summary;

  EntryTypeRule(String id, Finding.Severity severity, AuditEventType type, String summary) {
    this.id = id;
    this.severity = severity;
    this.type = type;
    this.summary = summary;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Finding.Severity severity() {
    return severity;
  }

  @Override
  public List<Raised> examine(AuditRecord entry, RuleContext context) {
    return type.name().equals(entry.type()) ? raise(entry, summary) : List.of();
  }
}
