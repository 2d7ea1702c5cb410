package org.glassplate.server.audit;

/**
 * Audited events of the audit log and the server itself (codes 1xx): this feature's names for its types in the
 * {@link AuditEventTypes} registry, which keeps every code and name.
 */
public final class AuditTypes {
  public static final AuditEventType SERVER_STARTED = AuditEventTypes.SERVER_STARTED;
  public static final AuditEventType SERVER_STOPPED = AuditEventTypes.SERVER_STOPPED;
  public static final AuditEventType LOG_KEY_CREATED = AuditEventTypes.LOG_KEY_CREATED;
  public static final AuditEventType ENTRY_OPENED = AuditEventTypes.AUDIT_ENTRY_OPENED;
  /** A caller without the auditor role asked to open an entry's private fields; refused by the role rule. */
  public static final AuditEventType ENTRY_OPENING_REFUSED = AuditEventTypes.AUDIT_ENTRY_OPENING_REFUSED;

  private AuditTypes() {
  }
}
