package org.glassplate.server.reads;

import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditEventTypes;

/**
 * Audited events of the reads feature (codes 2xx, and 940 from issue 17): this feature's names for its types in the
 * {@link org.glassplate.server.audit.AuditEventTypes} registry, which keeps every code and name.
 */
public final class ReadsAuditTypes {
  public static final AuditEventType READS_INGESTED = AuditEventTypes.READS_INGESTED;
  public static final AuditEventType CAMERA_CREDENTIAL_REFUSED = AuditEventTypes.CAMERA_CREDENTIAL_REFUSED;
  public static final AuditEventType CAMERA_REGISTERED = AuditEventTypes.CAMERA_REGISTERED;
  public static final AuditEventType CAMERA_ACTIVATION_CHANGED = AuditEventTypes.CAMERA_ACTIVATION_CHANGED;
  public static final AuditEventType READS_INGEST_REFUSED = AuditEventTypes.READS_INGEST_REFUSED;

  private ReadsAuditTypes() {
  }
}
