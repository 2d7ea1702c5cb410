package org.glassplate.server.oversight.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.glassplate.server.oversight.Finding;

/**
 * A finding as a rule raises it, before it is stored.
 *
 * @param rule the rule id
 * @param severity the rule's severity
 * @param person the person's pseudonym
 * @param evidence the audit indexes it rests on, sorted and distinct here
 * @param occurredAt the time of the latest evidence entry
 * @param summary plain words, without plate, case number or reason
 */
public record Raised(String rule, Finding.Severity severity, String person, List<Long> evidence, Instant occurredAt,
    String summary) {
  public Raised {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(person, "person");
    evidence = evidence.stream().distinct().sorted().toList();
    if (evidence.isEmpty()) {
      throw new IllegalArgumentException("a finding rests on at least one audit entry");
    }
  }
}
