package org.glassplate.server.hotlist.web;

import org.glassplate.server.hotlist.HotlistRefusal;
import org.glassplate.server.web.RefusalStatuses;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The HTTP status of each {@link HotlistRefusal} code. */
@Component
class HotlistRefusalStatuses implements RefusalStatuses<HotlistRefusal> {

  @Override
  public Class<HotlistRefusal> codes() {
    return HotlistRefusal.class;
  }

  @Override
  public HttpStatus status(HotlistRefusal code) {
    return switch (code) {
      case EXPIRED, ALREADY_VERIFIED, IMPORT_RUNNING, IMPORT_NOT_RECEIVING, FILLED_BY_IMPORT -> HttpStatus.CONFLICT;
      case NOT_THE_IMPORTER -> HttpStatus.FORBIDDEN;
      case STOPPING -> HttpStatus.SERVICE_UNAVAILABLE;
    };
  }
}
