package org.glassplate.server.retention.web;

import org.glassplate.server.retention.RetentionRefusal;
import org.glassplate.server.web.RefusalStatuses;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The HTTP status of each {@link RetentionRefusal} code. */
@Component
class RetentionRefusalStatuses implements RefusalStatuses<RetentionRefusal> {

  @Override
  public Class<RetentionRefusal> codes() {
    return RetentionRefusal.class;
  }

  @Override
  public HttpStatus status(RetentionRefusal code) {
    return switch (code) {
      case OVER_MAXIMUM -> HttpStatus.UNPROCESSABLE_CONTENT;
      case NOT_IN_FORCE -> HttpStatus.CONFLICT;
      case NOT_FROM_YOUR_SEARCHES -> HttpStatus.FORBIDDEN;
    };
  }
}
