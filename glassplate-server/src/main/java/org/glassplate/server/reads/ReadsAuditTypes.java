package org.glassplate.server.reads;

import org.glassplate.server.audit.AuditEventType;

/** Audited events of the reads feature (codes 2xx, stable forever). */
public final class ReadsAuditTypes {
  public static final AuditEventType READS_INGESTED = new AuditEventType(201, "READS_INGESTED");
  public static final AuditEventType CAMERA_CREDENTIAL_REFUSED = new AuditEventType(202, "CAMERA_CREDENTIAL_REFUSED");
  public static final AuditEventType CAMERA_REGISTERED = new AuditEventType(203, "CAMERA_REGISTERED");
  public static final AuditEventType CAMERA_ACTIVATION_CHANGED = new AuditEventType(204, "CAMERA_ACTIVATION_CHANGED");

  private ReadsAuditTypes() {
  }
}
