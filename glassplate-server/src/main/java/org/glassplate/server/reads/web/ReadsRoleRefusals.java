package org.glassplate.server.reads.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.glassplate.server.reads.ReadsAuditTypes;
import org.glassplate.server.web.RoleRefusalAudit;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * A person's token refused by the camera-only rule of {@link ReadsEndpoints} on an ingest endpoint is
 * recorded as {@code READS_INGEST_REFUSED}, reason code {@code ROLE}, naming the endpoint (R-AUD-1,
 * R-ING-1): reads entered by a person rather than a camera would be plate data nobody saw, so the
 * attempt is on the record.
 */
@Component
class ReadsRoleRefusals implements RoleRefusalAudit {
  private record Ingest(RequestMatcher matcher, String endpoint) {
  }

  private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();
  private static final List<Ingest> INGEST = List.of(
      new Ingest(PATHS.matcher(HttpMethod.POST, "/api/v1/reads"), "POST /api/v1/reads"),
      new Ingest(PATHS.matcher(HttpMethod.POST, "/api/v1/reads/import"), "POST /api/v1/reads/import"),
      new Ingest(PATHS.matcher(HttpMethod.POST, "/api/v1/ingest/openalpr"), "POST /api/v1/ingest/openalpr"));

  private final AuditRecorder audit;

  ReadsRoleRefusals(AuditRecorder audit) {
    this.audit = audit;
  }

  @Override
  public boolean recordIfPlateData(HttpServletRequest request, Caller caller) {
    for (Ingest i : INGEST) {
      if (i.matcher().matches(request)) {
        audit.recordDenied(AuditEvent.of(ReadsAuditTypes.READS_INGEST_REFUSED, caller)
            .denied("ROLE").with("endpoint", i.endpoint()).build());
        return true;
      }
    }
    return false;
  }
}
