package org.glassplate.server.oversight.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.glassplate.server.oversight.VendorAuditTypes;
import org.glassplate.server.web.PlateDataEndpoints;
import org.glassplate.server.web.RoleRefusalAudit;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * A vendor report opens another system's plates, case numbers and reasons, and an upload adds such data: a caller the
 * role rule of {@link VendorAuditEndpoints} refuses an upload, a report or an import's detail is recorded,
 * {@code VENDOR_AUDIT_REFUSED} with reason code {@code ROLE} (R-AUD-1).
 */
@Component
class VendorAuditRoleRefusals implements RoleRefusalAudit {
  private static final PlateDataEndpoints PLATE_DATA = PlateDataEndpoints.none()
      .with(HttpMethod.POST, VendorAuditPages.PATH, "upload")
      .with(HttpMethod.POST, VendorAuditController.API, "upload")
      .with(HttpMethod.GET, VendorAuditPages.PATH + "/*/*", "open_report")
      .with(HttpMethod.GET, VendorAuditController.API + "/*", "view_import");

  private final AuditRecorder audit;

  VendorAuditRoleRefusals(AuditRecorder audit) {
    this.audit = audit;
  }

  @Override
  public boolean recordIfPlateData(HttpServletRequest request, Caller caller) {
    Optional<String> action = PLATE_DATA.labelOf(request);
    action.ifPresent(a -> audit.recordDenied(AuditEvent.of(VendorAuditTypes.VENDOR_AUDIT_REFUSED, caller)
        .denied("ROLE").with("action", a).build()));
    return action.isPresent();
  }
}
