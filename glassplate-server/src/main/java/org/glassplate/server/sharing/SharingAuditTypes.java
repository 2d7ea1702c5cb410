package org.glassplate.server.sharing;

import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditEventTypes;

/**
 * Audited events of the sharing feature (codes 8xx): this feature's names for its types in the
 * {@link org.glassplate.server.audit.AuditEventTypes} registry, which keeps every code and name.
 */
public final class SharingAuditTypes {
  /**
   * A partner agency's query was answered on this, the data owner's, side (R-SHR-3): actor kind
   * {@code PARTNER}, the requesting agency public, the requester's name, case number and reason committed.
   */
  public static final AuditEventType PARTNER_QUERY = AuditEventTypes.PARTNER_QUERY;
  /**
   * A partner agency's query was refused, with its reason code: a signature failure (e.g.
   * {@code REPLAYED}), no agreement, the legal floor, a prohibited purpose, outside the agreement's scope.
   */
  public static final AuditEventType PARTNER_QUERY_REFUSED = AuditEventTypes.PARTNER_QUERY_REFUSED;
  /**
   * On the requesting side (issue 14): a search of this node's investigator was sent to partner agencies
   * (a fan-out), with each partner's outcome public ({@code partners}: agency, status, code, the owner's
   * audit index and checkpoint size, count); the plate, case number and reason committed. Made durable
   * before any partner's result is shown.
   */
  public static final AuditEventType PARTNER_SEARCH_SENT = AuditEventTypes.PARTNER_SEARCH_SENT;

  private SharingAuditTypes() {
  }
}
