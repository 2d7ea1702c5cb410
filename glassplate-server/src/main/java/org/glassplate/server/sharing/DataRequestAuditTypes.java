package org.glassplate.server.sharing;

import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditEventTypes;

/**
 * Audited events of written data requests (codes 820 to 829, R-SHR-4): this feature's names for its
 * types in the {@link org.glassplate.server.audit.AuditEventTypes} registry, which keeps every code
 * and name. Agency and requester names, the case number, the purpose and the plates are private
 * fields only.
 */
public final class DataRequestAuditTypes {
  /** A request was put on file, pending review. */
  public static final AuditEventType DATA_REQUEST_RECORDED = AuditEventTypes.DATA_REQUEST_RECORDED;
  /**
   * Something about a request was refused, with its reason code: the request itself (legal floor,
   * prohibited purpose, invalid field), a review (same person, not pending) or an export (not approved).
   */
  public static final AuditEventType DATA_REQUEST_REFUSED = AuditEventTypes.DATA_REQUEST_REFUSED;
  /** A second supervisor approved the request. */
  public static final AuditEventType DATA_REQUEST_APPROVED = AuditEventTypes.DATA_REQUEST_APPROVED;
  /** A second supervisor denied the request. */
  public static final AuditEventType DATA_REQUEST_DENIED = AuditEventTypes.DATA_REQUEST_DENIED;
  /** The reads of an approved request were read for an export package: durable before any is read out. */
  public static final AuditEventType DATA_REQUEST_EXPORTED = AuditEventTypes.DATA_REQUEST_EXPORTED;
  /** An export package left the server, with its SHA-256: durable before the first byte is sent. */
  public static final AuditEventType DATA_REQUEST_RELEASED = AuditEventTypes.DATA_REQUEST_RELEASED;
  /** The requests on file were listed or one was shown (they carry names and case numbers). */
  public static final AuditEventType DATA_REQUESTS_VIEWED = AuditEventTypes.DATA_REQUESTS_VIEWED;

  private DataRequestAuditTypes() {
  }
}
