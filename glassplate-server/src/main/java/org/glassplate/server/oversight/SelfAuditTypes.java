package org.glassplate.server.oversight;

import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditEventTypes;

/**
 * Audited events of the self-audit (codes 901 to 909): this feature's names for its types in the
 * {@link AuditEventTypes} registry, which keeps every code and name.
 */
public final class SelfAuditTypes {
  /** A self-audit found everything as approved. */
  public static final AuditEventType SELF_AUDIT_PASSED = AuditEventTypes.SELF_AUDIT_PASSED;
  /**
   * A self-audit found a difference: a critical finding. Public fields name the checks that drifted
   * ({@code driftedChecks}); the private part holds each one's detail, before and after.
   */
  public static final AuditEventType SELF_AUDIT_DRIFT = AuditEventTypes.SELF_AUDIT_DRIFT;

  private SelfAuditTypes() {
  }
}
