package org.glassplate.server.reads.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.glassplate.server.reads.ReadsAuditTypes;
import org.glassplate.server.web.PlateDataEndpoints;
import org.glassplate.server.web.RoleRefusalAudit;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * A person's token refused by the camera-only rule of {@link ReadsEndpoints} on an ingest endpoint is
 * recorded as {@code READS_INGEST_REFUSED}, reason code {@code ROLE}, naming the endpoint (R-AUD-1,
 * R-ING-1): reads entered by a person rather than a camera would be plate data nobody saw, so the
 * attempt is on the record.
 */
@Component
class ReadsRoleRefusals implements RoleRefusalAudit {
  private static final PlateDataEndpoints INGEST = PlateDataEndpoints.none()
      .with(HttpMethod.POST, "/api/v1/reads", "POST /api/v1/reads")
      .with(HttpMethod.POST, "/api/v1/reads/import", "POST /api/v1/reads/import")
      .with(HttpMethod.POST, "/api/v1/ingest/openalpr", "POST /api/v1/ingest/openalpr");

  private final AuditRecorder audit;

  ReadsRoleRefusals(AuditRecorder audit) {
    this.audit = audit;
  }

  @Override
  public boolean recordIfPlateData(HttpServletRequest request, Caller caller) {
    Optional<String> endpoint = INGEST.labelOf(request);
    endpoint.ifPresent(e -> audit.recordDenied(AuditEvent.of(ReadsAuditTypes.READS_INGEST_REFUSED, caller)
        .denied("ROLE").with("endpoint", e).build()));
    return endpoint.isPresent();
  }
}
