package org.glassplate.server.policy;

import org.glassplate.server.audit.AuditEventType;

/** Audited events of the policy feature (codes 4xx, stable forever). Each carries before and after hashes. */
public final class PolicyAuditTypes {
  public static final AuditEventType POLICY_ACTIVATED = new AuditEventType(401, "POLICY_ACTIVATED");
  public static final AuditEventType POLICY_PROPOSED = new AuditEventType(402, "POLICY_PROPOSED");
  public static final AuditEventType POLICY_PROPOSAL_REFUSED = new AuditEventType(403, "POLICY_PROPOSAL_REFUSED");
  public static final AuditEventType POLICY_APPROVAL_RECORDED = new AuditEventType(404, "POLICY_APPROVAL_RECORDED");
  public static final AuditEventType POLICY_APPROVED = new AuditEventType(405, "POLICY_APPROVED");
  public static final AuditEventType POLICY_APPROVAL_REFUSED = new AuditEventType(406, "POLICY_APPROVAL_REFUSED");

  private PolicyAuditTypes() {
  }
}
