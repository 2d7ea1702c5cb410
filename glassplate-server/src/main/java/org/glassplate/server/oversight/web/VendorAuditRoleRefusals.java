package org.glassplate.server.oversight.web;

import jakarta.servlet.http.HttpServletRequest;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.glassplate.server.oversight.VendorAuditTypes;
import org.glassplate.server.web.RoleRefusalAudit;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * A vendor report opens another system's plates, case numbers and reasons, and an upload adds such data: a caller the
 * role rule of {@link VendorAuditEndpoints} refuses an upload, a report or an import's detail is recorded,
 * {@code VENDOR_AUDIT_REFUSED} with reason code {@code ROLE} (R-AUD-1).
 */
@Component
class VendorAuditRoleRefusals implements RoleRefusalAudit {
  private static final RequestMatcher UPLOAD = PathPatternRequestMatcher.withDefaults()
      .matcher(HttpMethod.POST, VendorAuditPages.PATH);
  private static final RequestMatcher API_UPLOAD = PathPatternRequestMatcher.withDefaults()
      .matcher(HttpMethod.POST, VendorAuditController.API);
  private static final RequestMatcher REPORT = PathPatternRequestMatcher.withDefaults()
      .matcher(HttpMethod.GET, VendorAuditPages.PATH + "/*/*");
  private static final RequestMatcher ONE = PathPatternRequestMatcher.withDefaults()
      .matcher(HttpMethod.GET, VendorAuditController.API + "/*");

  private final AuditRecorder audit;

  VendorAuditRoleRefusals(AuditRecorder audit) {
    this.audit = audit;
  }

  @Override
  public boolean recordIfPlateData(HttpServletRequest request, Caller caller) {
    String action = UPLOAD.matches(request) || API_UPLOAD.matches(request) ? "upload"
        : REPORT.matches(request) ? "open_report" : ONE.matches(request) ? "view_import" : null;
    if (action == null) {
      return false;
    }
    audit.recordDenied(AuditEvent.of(VendorAuditTypes.VENDOR_AUDIT_REFUSED, caller).denied("ROLE")
        .with("action", action).build());
    return true;
  }
}
