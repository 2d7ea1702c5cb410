package org.glassplate.server.audit;

/** Audited events of the audit log and the server itself (codes 1xx, stable forever). */
public final class AuditTypes {
  public static final AuditEventType SERVER_STARTED = new AuditEventType(101, "SERVER_STARTED");
  public static final AuditEventType SERVER_STOPPED = new AuditEventType(102, "SERVER_STOPPED");
  public static final AuditEventType LOG_KEY_CREATED = new AuditEventType(103, "LOG_KEY_CREATED");
  public static final AuditEventType ENTRY_OPENED = new AuditEventType(104, "AUDIT_ENTRY_OPENED");
  /** A caller without the auditor role asked to open an entry's private fields; refused by the role rule. */
  public static final AuditEventType ENTRY_OPENING_REFUSED = new AuditEventType(105, "AUDIT_ENTRY_OPENING_REFUSED");

  private AuditTypes() {
  }
}
