package org.glassplate.server.web;

import org.springframework.http.HttpStatus;

/**
 * A refusal that reaches the caller as {@code {"error":{"code","message","field"}}}. The message is
 * shown to the caller and may be logged: it must never carry a plate, a name, a case number or a
 * free-text reason (R-AUD-4).
 */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String code;
  private final String field;

  public ApiException(HttpStatus status, String code, String message, String field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public ApiException(HttpStatus status, String code, String message) {
    this(status, code, message, null);
  }

  public static ApiException unprocessable(String field, String message) {
    return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "INVALID_FIELD", message, field);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, "MALFORMED_BODY", message);
  }

  public static ApiException notFound(String what) {
    return new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", what + " not found");
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
