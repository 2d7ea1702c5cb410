package org.glassplate.server.retention.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.retention.RetentionAuditTypes;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.RoleRefusalAudit;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * Callers refused by a role rule of {@link RetentionEndpoints} on legal holds and retention
 * extensions (which name reads and cases) are recorded as {@code RETENTION_ACTION_REFUSED}, reason
 * code {@code ROLE}, naming the action (R-AUD-1). The public figures and the purge log carry no
 * plate and are not recorded.
 */
@Component
class RetentionRoleRefusals implements RoleRefusalAudit {
  private record PlateData(RequestMatcher matcher, String action) {
  }

  private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();
  private static final List<PlateData> PLATE_DATA = List.of(
      new PlateData(PATHS.matcher(HttpMethod.GET, "/api/v1/legal-holds"), "view"),
      new PlateData(PATHS.matcher(HttpMethod.GET, "/api/v1/retention-extensions"), "view"),
      new PlateData(PATHS.matcher(HttpMethod.GET, "/holds"), "view"),
      new PlateData(PATHS.matcher(HttpMethod.POST, "/api/v1/legal-holds"), "request"),
      new PlateData(PATHS.matcher(HttpMethod.POST, "/api/v1/retention-extensions"), "request"),
      new PlateData(PATHS.matcher(HttpMethod.POST, "/holds"), "request"),
      new PlateData(PATHS.matcher(HttpMethod.POST, "/api/v1/legal-holds/*/approval"), "approve"),
      new PlateData(PATHS.matcher(HttpMethod.POST, "/api/v1/retention-extensions/*/approval"), "approve"),
      new PlateData(PATHS.matcher(HttpMethod.POST, "/holds/*/approval"), "approve"),
      new PlateData(PATHS.matcher(HttpMethod.POST, "/api/v1/legal-holds/*/end"), "end"),
      new PlateData(PATHS.matcher(HttpMethod.POST, "/api/v1/retention-extensions/*/end"), "end"),
      new PlateData(PATHS.matcher(HttpMethod.POST, "/holds/*/end"), "end"));

  private final AuditRecorder audit;

  RetentionRoleRefusals(AuditRecorder audit) {
    this.audit = audit;
  }

  @Override
  public boolean recordIfPlateData(HttpServletRequest request, Caller caller) {
    for (PlateData p : PLATE_DATA) {
      if (p.matcher().matches(request)) {
        audit.recordDenied(AuditEvent.of(RetentionAuditTypes.RETENTION_ACTION_REFUSED, caller)
            .denied("ROLE").with("action", p.action()).build());
        return true;
      }
    }
    return false;
  }
}
