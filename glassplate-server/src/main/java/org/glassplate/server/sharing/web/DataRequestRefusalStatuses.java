package org.glassplate.server.sharing.web;

import org.glassplate.server.sharing.DataRequestRefusal;
import org.glassplate.server.web.RefusalStatuses;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The HTTP status of each {@link DataRequestRefusal} code. */
@Component
class DataRequestRefusalStatuses implements RefusalStatuses<DataRequestRefusal> {

  @Override
  public Class<DataRequestRefusal> codes() {
    return DataRequestRefusal.class;
  }

  @Override
  public HttpStatus status(DataRequestRefusal code) {
    return switch (code) {
      case NOT_APPROVED -> HttpStatus.CONFLICT;
      case TOO_MANY_READS -> HttpStatus.UNPROCESSABLE_CONTENT;
    };
  }
}
