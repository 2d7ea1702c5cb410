package org.glassplate.server.policy;

import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditEventTypes;

/**
 * Audited events of the policy feature (codes 4xx): this feature's names for its types in the
 * {@link org.glassplate.server.audit.AuditEventTypes} registry, which keeps every code and name.
 * Each carries before and after hashes.
 */
public final class PolicyAuditTypes {
  public static final AuditEventType POLICY_ACTIVATED = AuditEventTypes.POLICY_ACTIVATED;
  public static final AuditEventType POLICY_PROPOSED = AuditEventTypes.POLICY_PROPOSED;
  public static final AuditEventType POLICY_PROPOSAL_REFUSED = AuditEventTypes.POLICY_PROPOSAL_REFUSED;
  /** An author's own approval, recorded but not counted; no longer written: it is refused with SAME_PERSON (issue 12). */
  public static final AuditEventType POLICY_APPROVAL_RECORDED = AuditEventTypes.POLICY_APPROVAL_RECORDED;
  public static final AuditEventType POLICY_APPROVED = AuditEventTypes.POLICY_APPROVED;
  public static final AuditEventType POLICY_APPROVAL_REFUSED = AuditEventTypes.POLICY_APPROVAL_REFUSED;

  private PolicyAuditTypes() {
  }
}
