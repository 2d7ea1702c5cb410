package org.glassplate.server.web;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Statuses of the HTTP layer's own codes. */
@Component
class WebRefusalStatuses implements RefusalStatuses<WebRefusal> {

  @Override
  public Class<WebRefusal> codes() {
    return WebRefusal.class;
  }

  @Override
  public HttpStatus status(WebRefusal code) {
    return switch (code) {
      case MALFORMED_BODY, MISSING_PARAMETER -> HttpStatus.BAD_REQUEST;
      case BODY_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
      case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
      case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
      case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
      case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
      case CSRF_TOKEN_REQUIRED -> HttpStatus.FORBIDDEN;
      case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
    };
  }
}
