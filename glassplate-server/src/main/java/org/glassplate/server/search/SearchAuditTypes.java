package org.glassplate.server.search;

import org.glassplate.server.audit.AuditEventType;

/** Audited events of the search feature (codes 5xx, stable forever). */
public final class SearchAuditTypes {
  /** A search ran; its entry has a log index before the results are returned (R-SRCH-4). */
  public static final AuditEventType SEARCH_PERFORMED = new AuditEventType(501, "SEARCH_PERFORMED");
  /** A search was refused, with its reason code (R-SRCH-1, R-SRCH-2, R-SHR-2). */
  public static final AuditEventType SEARCH_DENIED = new AuditEventType(502, "SEARCH_DENIED");

  private SearchAuditTypes() {
  }
}
