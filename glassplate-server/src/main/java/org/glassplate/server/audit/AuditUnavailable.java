package org.glassplate.server.audit;

import org.glassplate.server.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * The audit log could not take an entry, so the action it would have recorded must not happen
 * (fail closed). Reaches HTTP callers as 503.
 */
public class AuditUnavailable extends ApiException {
  public AuditUnavailable(Throwable cause) {
    super(HttpStatus.SERVICE_UNAVAILABLE, "AUDIT_UNAVAILABLE",
        "the audit log cannot record this action right now, so it was not carried out");
    initCause(cause);
  }
}
