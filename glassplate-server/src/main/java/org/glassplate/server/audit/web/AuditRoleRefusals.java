package org.glassplate.server.audit.web;

import jakarta.servlet.http.HttpServletRequest;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.audit.AuditTypes;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.RoleRefusalAudit;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * Opening an entry shows its private fields (plates, names, case numbers), so a caller the role
 * rule of {@link AuditEndpoints} refuses there is recorded: {@code AUDIT_ENTRY_OPENING_REFUSED},
 * reason code {@code ROLE} (R-AUD-1). Everything else the log serves is public.
 */
@Component
class AuditRoleRefusals implements RoleRefusalAudit {
  private static final RequestMatcher OPENING = PathPatternRequestMatcher.withDefaults()
      .matcher(HttpMethod.GET, "/api/v1/audit/entries/*/opening");

  private final AuditRecorder audit;

  AuditRoleRefusals(AuditRecorder audit) {
    this.audit = audit;
  }

  @Override
  public boolean recordIfPlateData(HttpServletRequest request, Caller caller) {
    if (!OPENING.matches(request)) {
      return false;
    }
    audit.recordDenied(AuditEvent.of(AuditTypes.ENTRY_OPENING_REFUSED, caller).denied("ROLE").build());
    return true;
  }
}
