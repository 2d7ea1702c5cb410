package org.glassplate.server.retention.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.glassplate.server.retention.RetentionAuditTypes;
import org.glassplate.server.web.PlateDataEndpoints;
import org.glassplate.server.web.RoleRefusalAudit;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Callers refused by a role rule of {@link RetentionEndpoints} on legal holds and retention
 * extensions (which name reads and cases) are recorded as {@code RETENTION_ACTION_REFUSED}, reason
 * code {@code ROLE}, naming the action (R-AUD-1). The public figures and the purge log carry no
 * plate and are not recorded.
 */
@Component
class RetentionRoleRefusals implements RoleRefusalAudit {
  private static final PlateDataEndpoints PLATE_DATA = PlateDataEndpoints.none()
      .with(HttpMethod.GET, "/api/v1/legal-holds", "view")
      .with(HttpMethod.GET, "/api/v1/retention-extensions", "view")
      .with(HttpMethod.GET, "/holds", "view")
      .with(HttpMethod.POST, "/api/v1/legal-holds", "request")
      .with(HttpMethod.POST, "/api/v1/retention-extensions", "request")
      .with(HttpMethod.POST, "/holds", "request")
      .with(HttpMethod.POST, "/api/v1/legal-holds/*/approval", "approve")
      .with(HttpMethod.POST, "/api/v1/retention-extensions/*/approval", "approve")
      .with(HttpMethod.POST, "/holds/*/approval", "approve")
      .with(HttpMethod.POST, "/api/v1/legal-holds/*/end", "end")
      .with(HttpMethod.POST, "/api/v1/retention-extensions/*/end", "end")
      .with(HttpMethod.POST, "/holds/*/end", "end");

  private final AuditRecorder audit;

  RetentionRoleRefusals(AuditRecorder audit) {
    this.audit = audit;
  }

  @Override
  public boolean recordIfPlateData(HttpServletRequest request, Caller caller) {
    Optional<String> action = PLATE_DATA.labelOf(request);
    action.ifPresent(a -> audit.recordDenied(AuditEvent.of(RetentionAuditTypes.RETENTION_ACTION_REFUSED, caller)
        .denied("ROLE").with("action", a).build()));
    return action.isPresent();
  }
}
