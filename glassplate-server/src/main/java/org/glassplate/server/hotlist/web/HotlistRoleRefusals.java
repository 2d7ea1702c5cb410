package org.glassplate.server.hotlist.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.hotlist.HotlistAuditTypes;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.RoleRefusalAudit;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * Callers refused by a role rule of {@link HotlistEndpoints} where plates are shown or changed
 * (alerts, the operator page, hot-list entries and imports) are recorded as
 * {@code HOTLIST_ACTION_REFUSED}, reason code {@code ROLE}, naming the action (R-AUD-1). The
 * accuracy figures and the list of lists carry no plate and are not recorded.
 */
@Component
class HotlistRoleRefusals implements RoleRefusalAudit {
  private record PlateData(RequestMatcher matcher, String action) {
  }

  private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();
  private static final RequestMatcher ACCURACY = PATHS.matcher(HttpMethod.GET, "/api/v1/alerts/accuracy");
  private static final List<PlateData> PLATE_DATA = List.of(
      new PlateData(PATHS.matcher(HttpMethod.GET, "/api/v1/alerts"), "view_alerts"),
      new PlateData(PATHS.matcher(HttpMethod.GET, "/api/v1/alerts/stream"), "view_alerts"),
      new PlateData(PATHS.matcher(HttpMethod.GET, "/api/v1/alerts/*"), "view_alerts"),
      new PlateData(PATHS.matcher(HttpMethod.GET, "/operator"), "view_alerts"),
      new PlateData(PATHS.matcher(HttpMethod.GET, "/operator/alerts"), "view_alerts"),
      new PlateData(PATHS.matcher(HttpMethod.POST, "/api/v1/alerts/*/verification"), "verify_alert"),
      new PlateData(PATHS.matcher(HttpMethod.GET, "/api/v1/hotlists/*/entries"), "view_entries"),
      new PlateData(PATHS.matcher(HttpMethod.POST, "/api/v1/hotlists/*/entries"), "add_entry"),
      new PlateData(PATHS.matcher(HttpMethod.POST, "/api/v1/hotlists/*/entries/*/approval"), "approve"),
      new PlateData(PATHS.matcher(HttpMethod.DELETE, "/api/v1/hotlists/*/entries/*"), "remove_entry"),
      new PlateData(PATHS.matcher(HttpMethod.POST, "/api/v1/hotlists/*/imports/*/approval"), "approve_import"),
      new PlateData(PATHS.matcher("/api/v1/hotlists/*/imports"), "import"),
      new PlateData(PATHS.matcher("/api/v1/hotlists/*/imports/**"), "import"));

  private final AuditRecorder audit;

  HotlistRoleRefusals(AuditRecorder audit) {
    this.audit = audit;
  }

  @Override
  public boolean recordIfPlateData(HttpServletRequest request, Caller caller) {
    if (ACCURACY.matches(request)) {
      return false;
    }
    for (PlateData p : PLATE_DATA) {
      if (p.matcher().matches(request)) {
        audit.recordDenied(AuditEvent.of(HotlistAuditTypes.HOTLIST_ACTION_REFUSED, caller)
            .denied("ROLE").with("action", p.action()).build());
        return true;
      }
    }
    return false;
  }
}
