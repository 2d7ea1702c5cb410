package org.glassplate.server.reads.web;

import org.glassplate.server.reads.ReadsRefusal;
import org.glassplate.server.web.RefusalStatuses;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The HTTP status of each {@link ReadsRefusal} code. */
@Component
class ReadsRefusalStatuses implements RefusalStatuses<ReadsRefusal> {

  @Override
  public Class<ReadsRefusal> codes() {
    return ReadsRefusal.class;
  }

  @Override
  public HttpStatus status(ReadsRefusal code) {
    return switch (code) {
      case BATCH_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
      case BAD_CSV_HEADER -> HttpStatus.BAD_REQUEST;
    };
  }
}
