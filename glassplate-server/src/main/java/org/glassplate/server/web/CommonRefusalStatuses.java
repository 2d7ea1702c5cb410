package org.glassplate.server.web;

import org.glassplate.server.core.CommonRefusal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Statuses of the codes every feature shares. */
@Component
class CommonRefusalStatuses implements RefusalStatuses<CommonRefusal> {

  @Override
  public Class<CommonRefusal> codes() {
    return CommonRefusal.class;
  }

  @Override
  public HttpStatus status(CommonRefusal code) {
    return switch (code) {
      case INVALID_FIELD -> HttpStatus.UNPROCESSABLE_CONTENT;
      case INVALID_PARAMETER -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case FORBIDDEN, NOT_SUPERVISOR, SAME_PERSON, PROHIBITED_PURPOSE -> HttpStatus.FORBIDDEN;
      case UNKNOWN_OFFENSE, WINDOW_PAST_RETENTION -> HttpStatus.UNPROCESSABLE_CONTENT;
      case NOT_PENDING -> HttpStatus.CONFLICT;
    };
  }
}
