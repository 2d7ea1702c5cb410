package org.glassplate.server.oversight.web;

import org.glassplate.server.oversight.FindingRefusal;
import org.glassplate.server.web.RefusalStatuses;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The HTTP status of each {@link FindingRefusal} code. */
@Component
class FindingRefusalStatuses implements RefusalStatuses<FindingRefusal> {

  @Override
  public Class<FindingRefusal> codes() {
    return FindingRefusal.class;
  }

  @Override
  public HttpStatus status(FindingRefusal code) {
    return switch (code) {
      case FINDING_NOT_OPEN -> HttpStatus.CONFLICT;
    };
  }
}
