package org.glassplate.server.retention;

import org.glassplate.server.audit.AuditEventType;

/** Audited events of the retention feature (codes 7xx, stable forever; R-AUD-1). */
public final class RetentionAuditTypes {
  public static final AuditEventType READS_PURGED = new AuditEventType(701, "READS_PURGED");
  public static final AuditEventType LEGAL_HOLD_REQUESTED = new AuditEventType(702, "LEGAL_HOLD_REQUESTED");
  public static final AuditEventType LEGAL_HOLD_APPROVED = new AuditEventType(703, "LEGAL_HOLD_APPROVED");
  public static final AuditEventType LEGAL_HOLD_ENDED = new AuditEventType(704, "LEGAL_HOLD_ENDED");
  public static final AuditEventType RETENTION_EXTENSION_REQUESTED = new AuditEventType(705, "RETENTION_EXTENSION_REQUESTED");
  public static final AuditEventType RETENTION_EXTENSION_APPROVED = new AuditEventType(706, "RETENTION_EXTENSION_APPROVED");
  public static final AuditEventType RETENTION_EXTENSION_ENDED = new AuditEventType(707, "RETENTION_EXTENSION_ENDED");
  public static final AuditEventType RETENTION_GRANTS_VIEWED = new AuditEventType(708, "RETENTION_GRANTS_VIEWED");
  public static final AuditEventType RETENTION_ACTION_REFUSED = new AuditEventType(709, "RETENTION_ACTION_REFUSED");

  private RetentionAuditTypes() {
  }
}
