package org.glassplate.server.oversight;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A misuse finding (R-GOV-4): one rule's judgement of one person's recorded actions, for an auditor to
 * review. It names the person by pseudonym only and says what happened in plain words without plate,
 * case number or reason; the audit entries in {@code evidence} hold the detail (docs/FINDINGS.md).
 *
 * @param id the finding's number
 * @param rule the stable rule id, e.g. {@code REPEATED_PLATE}
 * @param severity how serious the rule is
 * @param person the person's audit pseudonym, e.g. {@code user:17}
 * @param evidence the audit log indexes it rests on, in index order
 * @param summary what happened, in plain words, without plate, case number or reason
 * @param occurredAt the time of the latest evidence entry
 * @param detectedAt when the rule raised it
 * @param status open, dismissed (with a reason) or under investigation
 * @param dismissal who dismissed it, when and why; null unless dismissed
 */
public record Finding(long id, String rule, Severity severity, String person, List<Long> evidence, String summary,
    Instant occurredAt, Instant detectedAt, Status status, Dismissal dismissal) {

  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(person, "person");
    Objects.requireNonNull(status, "status");
    evidence = List.copyOf(evidence);
  }

  /** How serious a rule's finding is. */
  public enum Severity { INFO, WARNING, CRITICAL }

  /** Where a finding stands. */
  public enum Status { OPEN, DISMISSED, UNDER_INVESTIGATION }

  /**
   * An auditor's dismissal of a finding.
   *
   * @param reason why it is no misuse, in the auditor's words (private: in the audit entry's commitment)
   * @param by the auditor's pseudonym
   * @param at when
   */
  public record Dismissal(String reason, String by, Instant at) {
    @Override
    public String toString() {
      return "Dismissal[" + by + ", " + at + ", redacted]";
    }
  }
}
