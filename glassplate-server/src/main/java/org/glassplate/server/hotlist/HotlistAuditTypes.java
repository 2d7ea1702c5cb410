package org.glassplate.server.hotlist;

import org.glassplate.server.audit.AuditEventType;

/** Audited events of the hot-list feature (codes 6xx, stable forever; R-AUD-1). */
public final class HotlistAuditTypes {
  public static final AuditEventType HOTLIST_CREATED = new AuditEventType(601, "HOTLIST_CREATED");
  public static final AuditEventType HOTLIST_ENTRY_ADDED = new AuditEventType(602, "HOTLIST_ENTRY_ADDED");
  public static final AuditEventType HOTLIST_ENTRY_APPROVED = new AuditEventType(603, "HOTLIST_ENTRY_APPROVED");
  public static final AuditEventType HOTLIST_ENTRY_REMOVED = new AuditEventType(604, "HOTLIST_ENTRY_REMOVED");
  public static final AuditEventType HOTLIST_IMPORT_STARTED = new AuditEventType(605, "HOTLIST_IMPORT_STARTED");
  public static final AuditEventType HOTLIST_IMPORTED = new AuditEventType(606, "HOTLIST_IMPORTED");
  public static final AuditEventType HOTLIST_EXTRACT_REPLACED = new AuditEventType(607, "HOTLIST_EXTRACT_REPLACED");
  public static final AuditEventType ALERTS_VIEWED = new AuditEventType(608, "ALERTS_VIEWED");
  public static final AuditEventType ALERT_VERIFIED = new AuditEventType(609, "ALERT_VERIFIED");
  public static final AuditEventType HOTLIST_ACTION_REFUSED = new AuditEventType(610, "HOTLIST_ACTION_REFUSED");
  public static final AuditEventType ALERTS_REDACTED = new AuditEventType(611, "ALERTS_REDACTED");

  private HotlistAuditTypes() {
  }
}
