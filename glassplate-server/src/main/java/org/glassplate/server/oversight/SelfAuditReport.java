package org.glassplate.server.oversight;

import java.time.Instant;
import java.util.List;

/**
 * One run of the self-audit (R-GOV-3) as stored: DRIFT when any check drifted.
 *
 * @param ranBy the pseudonym of who ran it ({@code system} for the daily run and the command line)
 * @param trigger {@code SCHEDULED}, {@code ON_DEMAND} (an auditor) or {@code COMMAND} ({@code ./glassplate self-audit})
 * @param configurationSha256 the SHA-256 of the canonical form of the configuration found
 */
public record SelfAuditReport(long id, Instant ranAt, String ranBy, String trigger, SelfAuditStatus status,
    String configurationSha256, List<SelfAuditCheck> checks) {

  public SelfAuditReport {
    checks = List.copyOf(checks);
  }

  /** The names of the checks that drifted. */
  public List<String> drifted() {
    return checks.stream().filter(SelfAuditCheck::drifted).map(SelfAuditCheck::name).toList();
  }
}
