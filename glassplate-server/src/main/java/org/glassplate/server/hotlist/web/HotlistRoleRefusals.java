package org.glassplate.server.hotlist.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.glassplate.server.hotlist.HotlistAuditTypes;
import org.glassplate.server.web.PlateDataEndpoints;
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
  /** The hit accuracy: figures with no plate, under the alerts' path; a refusal there is not recorded. */
  private static final RequestMatcher ACCURACY = PathPatternRequestMatcher.withDefaults()
      .matcher(HttpMethod.GET, "/api/v1/alerts/accuracy");
  private static final PlateDataEndpoints PLATE_DATA = PlateDataEndpoints.none()
      .with(HttpMethod.GET, "/api/v1/alerts", "view_alerts")
      .with(HttpMethod.GET, "/api/v1/alerts/stream", "view_alerts")
      .with(HttpMethod.GET, "/api/v1/alerts/*", "view_alerts")
      .with(HttpMethod.GET, "/operator", "view_alerts")
      .with(HttpMethod.GET, "/operator/alerts", "view_alerts")
      .with(HttpMethod.POST, "/api/v1/alerts/*/verification", "verify_alert")
      .with(HttpMethod.GET, "/api/v1/hotlists/*/entries", "view_entries")
      .with(HttpMethod.POST, "/api/v1/hotlists/*/entries", "add_entry")
      .with(HttpMethod.POST, "/api/v1/hotlists/*/entries/*/approval", "approve")
      .with(HttpMethod.DELETE, "/api/v1/hotlists/*/entries/*", "remove_entry")
      .with(HttpMethod.POST, "/api/v1/hotlists/*/imports/*/approval", "approve_import")
      .with("/api/v1/hotlists/*/imports", "import")
      .with("/api/v1/hotlists/*/imports/**", "import");

  private final AuditRecorder audit;

  HotlistRoleRefusals(AuditRecorder audit) {
    this.audit = audit;
  }

  @Override
  public boolean recordIfPlateData(HttpServletRequest request, Caller caller) {
    if (ACCURACY.matches(request)) {
      return false;
    }
    Optional<String> action = PLATE_DATA.labelOf(request);
    action.ifPresent(a -> audit.recordDenied(AuditEvent.of(HotlistAuditTypes.HOTLIST_ACTION_REFUSED, caller)
        .denied("ROLE").with("action", a).build()));
    return action.isPresent();
  }
}
