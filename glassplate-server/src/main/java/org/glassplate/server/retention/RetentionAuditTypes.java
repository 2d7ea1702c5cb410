package org.glassplate.server.retention;

import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditEventTypes;

/**
 * Audited events of the retention feature (codes 7xx; R-AUD-1): this feature's names for its types in the
 * {@link org.glassplate.server.audit.AuditEventTypes} registry, which keeps every code and name.
 */
public final class RetentionAuditTypes {
  public static final AuditEventType READS_PURGED = AuditEventTypes.READS_PURGED;
  public static final AuditEventType LEGAL_HOLD_REQUESTED = AuditEventTypes.LEGAL_HOLD_REQUESTED;
  public static final AuditEventType LEGAL_HOLD_APPROVED = AuditEventTypes.LEGAL_HOLD_APPROVED;
  public static final AuditEventType LEGAL_HOLD_ENDED = AuditEventTypes.LEGAL_HOLD_ENDED;
  public static final AuditEventType RETENTION_EXTENSION_REQUESTED = AuditEventTypes.RETENTION_EXTENSION_REQUESTED;
  public static final AuditEventType RETENTION_EXTENSION_APPROVED = AuditEventTypes.RETENTION_EXTENSION_APPROVED;
  public static final AuditEventType RETENTION_EXTENSION_ENDED = AuditEventTypes.RETENTION_EXTENSION_ENDED;
  public static final AuditEventType RETENTION_GRANTS_VIEWED = AuditEventTypes.RETENTION_GRANTS_VIEWED;
  public static final AuditEventType RETENTION_ACTION_REFUSED = AuditEventTypes.RETENTION_ACTION_REFUSED;
  public static final AuditEventType LEGAL_HOLD_REFUSED = AuditEventTypes.LEGAL_HOLD_REFUSED;
  public static final AuditEventType RETENTION_EXTENSION_REFUSED = AuditEventTypes.RETENTION_EXTENSION_REFUSED;

  private RetentionAuditTypes() {
  }
}
