package org.glassplate.server.sharing.web;

import org.glassplate.server.sharing.SharingRefusal;
import org.glassplate.server.web.RefusalStatuses;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The HTTP status of each {@link SharingRefusal} code. */
@Component
class SharingRefusalStatuses implements RefusalStatuses<SharingRefusal> {

  @Override
  public Class<SharingRefusal> codes() {
    return SharingRefusal.class;
  }

  @Override
  public HttpStatus status(SharingRefusal code) {
    return switch (code) {
      case SIGNATURE_REJECTED -> HttpStatus.UNAUTHORIZED;
      case NO_AGREEMENT, AGREEMENT_EXPIRED, OUTSIDE_SCOPE -> HttpStatus.FORBIDDEN;
    };
  }
}
