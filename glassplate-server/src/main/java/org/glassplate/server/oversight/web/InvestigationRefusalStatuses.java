package org.glassplate.server.oversight.web;

import org.glassplate.server.oversight.InvestigationRefusal;
import org.glassplate.server.web.RefusalStatuses;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The HTTP status of each {@link InvestigationRefusal} code. */
@Component
class InvestigationRefusalStatuses implements RefusalStatuses<InvestigationRefusal> {

  @Override
  public Class<InvestigationRefusal> codes() {
    return InvestigationRefusal.class;
  }

  @Override
  public HttpStatus status(InvestigationRefusal code) {
    return switch (code) {
      case INVESTIGATION_CLOSED -> HttpStatus.CONFLICT;
    };
  }
}
