package org.glassplate.server.web;

import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * The one place where failures become HTTP answers (STYLE.md 6). Messages name the field and the
 * rule, never echo the submitted value: a value may be a plate or a reason (R-AUD-4).
 */
@RestControllerAdvice
class ErrorAdvice {
  private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> api(ApiException e) {
    return ResponseEntity.status(e.status()).body(ApiError.of(e.code(), e.getMessage(), e.field()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RequestSizeLimitFilter.BodyTooLarge) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
            .body(ApiError.of("BODY_TOO_LARGE", t.getMessage(), null));
      }
    }
    return ResponseEntity.badRequest().body(describe(e));
  }

  static ApiError describe(HttpMessageNotReadableException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof DatabindException d && !d.getPath().isEmpty()) {
        String field = d.getPath().stream()
            .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining(".")).replace(".[", "[");
        return ApiError.of("MALFORMED_BODY", "field has the wrong type or form", field);
      }
      if (t instanceof JacksonException j && j.getLocation() != null) {
        return ApiError.of("MALFORMED_BODY", "request body is not valid JSON (line "
            + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")", null);
      }
    }
    return ApiError.of("MALFORMED_BODY", "request body is missing or not valid JSON", null);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
    return ResponseEntity.badRequest()
        .body(ApiError.of("MISSING_PARAMETER", "parameter is required", e.getParameterName()));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
    return ResponseEntity.badRequest()
        .body(ApiError.of("INVALID_PARAMETER", "parameter has the wrong type or form", e.getName()));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .body(ApiError.of("UNSUPPORTED_MEDIA_TYPE", "send Content-Type: application/json", null));
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE)
        .body(ApiError.of("NOT_ACCEPTABLE", "the requested representation is not available", null));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
        .body(ApiError.of("METHOD_NOT_ALLOWED", "method " + e.getMethod() + " is not allowed here", null));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ApiError> notFound(NoResourceFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("NOT_FOUND", "no such resource", null));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ApiError> denied(AccessDeniedException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ApiError.of("FORBIDDEN", "your role does not allow this", null));
  }

  @ExceptionHandler(AuthenticationException.class)
  ResponseEntity<ApiError> unauthenticated(AuthenticationException e) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(ApiError.of("UNAUTHENTICATED", "sign in first", null));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> unexpected(Exception e) {
    // Our own messages never carry personal data; third-party ones might, so only the type is logged.
    log.error("unexpected failure: {}", e.getClass().getName(), LogSafe.redact(e));
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(ApiError.of("INTERNAL", "the server failed; nothing was changed by this request", null));
  }
}
