package org.glassplate.server.oversight.web;

import jakarta.servlet.http.HttpServletRequest;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.glassplate.server.oversight.FindingAuditTypes;
import org.glassplate.server.web.RoleRefusalAudit;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * A finding (its JSON or its page) opens its evidence (plates, case numbers, reasons), so a caller the role rule of
 * {@link FindingEndpoints} refuses there is recorded: {@code FINDING_ACCESS_REFUSED}, reason code
 * {@code ROLE} (R-AUD-1).
 */
@Component
class FindingRoleRefusals implements RoleRefusalAudit {
  private static final RequestMatcher ONE_FINDING = PathPatternRequestMatcher.withDefaults()
      .matcher(HttpMethod.GET, "/api/v1/oversight/findings/*");
  private static final RequestMatcher ONE_FINDING_PAGE = PathPatternRequestMatcher.withDefaults()
      .matcher(HttpMethod.GET, FindingPages.PATH + "/*");

  private final AuditRecorder audit;

  FindingRoleRefusals(AuditRecorder audit) {
    this.audit = audit;
  }

  @Override
  public boolean recordIfPlateData(HttpServletRequest request, Caller caller) {
    if (!ONE_FINDING.matches(request) && !ONE_FINDING_PAGE.matches(request)) {
      return false;
    }
    audit.recordDenied(AuditEvent.of(FindingAuditTypes.FINDING_ACCESS_REFUSED, caller).denied("ROLE").build());
    return true;
  }
}
