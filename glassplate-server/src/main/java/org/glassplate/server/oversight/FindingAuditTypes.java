package org.glassplate.server.oversight;

import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditEventTypes;

/**
 * Audited events of misuse findings (codes 91x): this feature's names for its types in the
 * {@link AuditEventTypes} registry, which keeps every code and name.
 */
public final class FindingAuditTypes {
  /** An auditor listed findings: the filters and how many were shown. */
  public static final AuditEventType FINDINGS_VIEWED = AuditEventTypes.FINDINGS_VIEWED;
  /** An auditor opened a finding's evidence, with its private fields; recorded before they are shown. */
  public static final AuditEventType FINDING_EVIDENCE_OPENED = AuditEventTypes.FINDING_EVIDENCE_OPENED;
  /** An auditor dismissed a finding; the reason is private (in the commitment). */
  public static final AuditEventType FINDING_DISMISSED = AuditEventTypes.FINDING_DISMISSED;
  /** Someone was refused a finding's evidence: not an auditor, or without current training. */
  public static final AuditEventType FINDING_ACCESS_REFUSED = AuditEventTypes.FINDING_ACCESS_REFUSED;

  private FindingAuditTypes() {
  }
}
