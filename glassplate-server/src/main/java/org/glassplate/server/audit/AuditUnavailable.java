package org.glassplate.server.audit;

import org.glassplate.server.core.Refusal;

/**
 * The audit log could not take an entry, so the action it would have recorded must not happen
 * (fail closed): {@link AuditRefusal#AUDIT_UNAVAILABLE}, answered with 503.
 */
public class AuditUnavailable extends Refusal {
  public AuditUnavailable(Throwable cause) {
    super(AuditRefusal.AUDIT_UNAVAILABLE,
        "the audit log cannot record this action right now, so it was not carried out");
    initCause(cause);
  }
}
