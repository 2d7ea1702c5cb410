package org.glassplate.server.audit.web;

import org.glassplate.server.audit.AuditRefusal;
import org.glassplate.server.web.RefusalStatuses;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The HTTP status of each {@link AuditRefusal} code. */
@Component
class AuditRefusalStatuses implements RefusalStatuses<AuditRefusal> {

  @Override
  public Class<AuditRefusal> codes() {
    return AuditRefusal.class;
  }

  @Override
  public HttpStatus status(AuditRefusal code) {
    return switch (code) {
      case AUDIT_UNAVAILABLE, NO_CHECKPOINT -> HttpStatus.SERVICE_UNAVAILABLE;
    };
  }
}
