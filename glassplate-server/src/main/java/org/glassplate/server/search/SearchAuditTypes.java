package org.glassplate.server.search;

import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditEventTypes;

/**
 * Audited events of the search feature (codes 5xx): this feature's names for its types in the
 * {@link org.glassplate.server.audit.AuditEventTypes} registry, which keeps every code and name.
 */
public final class SearchAuditTypes {
  /** A search ran; its entry has a log index before the results are returned (R-SRCH-4). */
  public static final AuditEventType SEARCH_PERFORMED = AuditEventTypes.SEARCH_PERFORMED;
  /** A search was refused, with its reason code (R-SRCH-1, R-SRCH-2, R-SHR-2). */
  public static final AuditEventType SEARCH_DENIED = AuditEventTypes.SEARCH_DENIED;

  private SearchAuditTypes() {
  }
}
