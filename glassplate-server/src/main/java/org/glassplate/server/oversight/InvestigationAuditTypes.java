package org.glassplate.server.oversight;

import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditEventTypes;

/**
 * Audited events of misuse investigations (codes 92x): this feature's names for its types in the
 * {@link AuditEventTypes} registry, which keeps every code and name. Free text (the summary, a step's
 * note, the closing note) is private: in the entry's commitment only.
 */
public final class InvestigationAuditTypes {
  /** An auditor opened an investigation from findings about one person. */
  public static final AuditEventType INVESTIGATION_OPENED = AuditEventTypes.INVESTIGATION_OPENED;
  /** An auditor assigned an investigation to an auditor. */
  public static final AuditEventType INVESTIGATION_ASSIGNED = AuditEventTypes.INVESTIGATION_ASSIGNED;
  /** An auditor recorded a step of an investigation; the note is private. */
  public static final AuditEventType INVESTIGATION_STEP_RECORDED = AuditEventTypes.INVESTIGATION_STEP_RECORDED;
  /** An auditor closed an investigation with an outcome; the note is private. */
  public static final AuditEventType INVESTIGATION_CLOSED = AuditEventTypes.INVESTIGATION_CLOSED;
  /** An action on an investigation was refused: the subject handling their own ({@code SAME_PERSON}), or a role. */
  public static final AuditEventType INVESTIGATION_REFUSED = AuditEventTypes.INVESTIGATION_REFUSED;
  /** An auditor listed investigations or read one. */
  public static final AuditEventType INVESTIGATIONS_VIEWED = AuditEventTypes.INVESTIGATIONS_VIEWED;

  private InvestigationAuditTypes() {
  }
}
