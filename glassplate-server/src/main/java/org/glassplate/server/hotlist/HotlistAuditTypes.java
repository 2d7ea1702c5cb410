package org.glassplate.server.hotlist;

import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditEventTypes;

/**
 * Audited events of the hot-list feature (codes 6xx; R-AUD-1): this feature's names for its types in the
 * {@link org.glassplate.server.audit.AuditEventTypes} registry, which keeps every code and name.
 */
public final class HotlistAuditTypes {
  public static final AuditEventType HOTLIST_CREATED = AuditEventTypes.HOTLIST_CREATED;
  public static final AuditEventType HOTLIST_ENTRY_ADDED = AuditEventTypes.HOTLIST_ENTRY_ADDED;
  public static final AuditEventType HOTLIST_ENTRY_APPROVED = AuditEventTypes.HOTLIST_ENTRY_APPROVED;
  public static final AuditEventType HOTLIST_ENTRY_REMOVED = AuditEventTypes.HOTLIST_ENTRY_REMOVED;
  public static final AuditEventType HOTLIST_IMPORT_STARTED = AuditEventTypes.HOTLIST_IMPORT_STARTED;
  public static final AuditEventType HOTLIST_IMPORTED = AuditEventTypes.HOTLIST_IMPORTED;
  public static final AuditEventType HOTLIST_EXTRACT_REPLACED = AuditEventTypes.HOTLIST_EXTRACT_REPLACED;
  public static final AuditEventType ALERTS_VIEWED = AuditEventTypes.ALERTS_VIEWED;
  public static final AuditEventType ALERT_VERIFIED = AuditEventTypes.ALERT_VERIFIED;
  public static final AuditEventType HOTLIST_ACTION_REFUSED = AuditEventTypes.HOTLIST_ACTION_REFUSED;
  public static final AuditEventType ALERTS_REDACTED = AuditEventTypes.ALERTS_REDACTED;
  public static final AuditEventType HOTLIST_ENTRIES_VIEWED = AuditEventTypes.HOTLIST_ENTRIES_VIEWED;
  public static final AuditEventType HOTLIST_IMPORT_SUBMITTED = AuditEventTypes.HOTLIST_IMPORT_SUBMITTED;
  public static final AuditEventType HOTLIST_IMPORT_APPROVED = AuditEventTypes.HOTLIST_IMPORT_APPROVED;
  public static final AuditEventType HOTLIST_IMPORT_CANCELLED = AuditEventTypes.HOTLIST_IMPORT_CANCELLED;
  public static final AuditEventType HOTLIST_ENTRY_REFUSED = AuditEventTypes.HOTLIST_ENTRY_REFUSED;
  public static final AuditEventType HOTLIST_IMPORT_REFUSED = AuditEventTypes.HOTLIST_IMPORT_REFUSED;
  public static final AuditEventType ALERT_STREAM_ENDED = AuditEventTypes.ALERT_STREAM_ENDED;

  private HotlistAuditTypes() {
  }
}
