package org.glassplate.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.glassplate.server.core.LogSafe;
import java.util.stream.Collectors;
import org.glassplate.server.core.CommonRefusal;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.RefusalCode;
import org.glassplate.server.core.RetryLater;
import org.springframework.http.HttpHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
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
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * The one place where failures become HTTP answers (STYLE.md 6). Messages name the field and the
 * rule, never echo the submitted value: a value may be a plate or a reason (R-AUD-4). A browser
 * asking for a page gets the refusal as a page with its navigation bar ({@link RefusedPage}); the
 * API, and any caller that does not ask for HTML, the JSON error.
 */
@RestControllerAdvice
class ErrorAdvice {
  private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

  private final ErrorStatuses statuses;
  private final RefusedPage page;

  ErrorAdvice(ErrorStatuses statuses, RefusedPage page) {
    this.statuses = statuses;
    this.page = page;
  }

  /** The JSON error, or for a browser asking for a page that page (then null: the answer is written). */
  private ResponseEntity<ApiError> respond(HttpServletRequest request, HttpServletResponse response,
      HttpStatusCode status, ApiError error) {
    if (RefusedPage.wanted(request) && !response.isCommitted()) {
      try {
        page.render(request, response, status, error.error().code(), error.error().message(), error.error().field());
        return null;
      } catch (java.io.IOException | RuntimeException e) {
        log.warn("the refusal page could not be written ({}); answering JSON", e.getClass().getName());
        String retryAfter = response.getHeader(HttpHeaders.RETRY_AFTER);
        response.reset();
        if (retryAfter != null) {
          response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
        }
      }
    }
    return ResponseEntity.status(status).body(error);
  }

  /** Every refusal, domain or web, with the status its code maps to. */
  @ExceptionHandler(Refusal.class)
  ResponseEntity<ApiError> refusal(Refusal e, HttpServletRequest request, HttpServletResponse response) {
    if (!statuses.maps(e.refusalCode())) {
      log.error("refusal code {} has no HTTP status; answering 500", e.code());
    }
    if (e instanceof RetryLater later) {
      // on the servlet response itself, so that the page answers with it as the JSON does
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(later.retryAfterSeconds()));
    }
    return respond(request, response, statuses.of(e), ApiError.of(e.code(), e.getMessage(), e.field()));
  }

  private ResponseEntity<ApiError> answer(RefusalCode code, String message, String field) {
    return ResponseEntity.status(statuses.of(code)).body(ApiError.of(code.code(), message, field));
  }

  private ResponseEntity<ApiError> answer(HttpServletRequest request, HttpServletResponse response, RefusalCode code,
      String message, String field) {
    return respond(request, response, statuses.of(code), ApiError.of(code.code(), message, field));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RequestSizeLimitFilter.BodyTooLarge) {
        return answer(WebRefusal.BODY_TOO_LARGE, t.getMessage(), null);
      }
    }
    ApiError error = describe(e);
    return ResponseEntity.status(statuses.of(WebRefusal.MALFORMED_BODY)).body(error);
  }

  static ApiError describe(HttpMessageNotReadableException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof DatabindException d && !d.getPath().isEmpty()) {
        String field = d.getPath().stream()
            .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining(".")).replace(".[", "[");
        return ApiError.of(WebRefusal.MALFORMED_BODY.code(), "field has the wrong type or form", field);
      }
      if (t instanceof JacksonException j && j.getLocation() != null) {
        return ApiError.of(WebRefusal.MALFORMED_BODY.code(), "request body is not valid JSON (line "
            + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")", null);
      }
    }
    return ApiError.of(WebRefusal.MALFORMED_BODY.code(), "request body is missing or not valid JSON", null);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request,
      HttpServletResponse response) {
    return answer(request, response, WebRefusal.MISSING_PARAMETER, "parameter is required", e.getParameterName());
  }

  /** A multipart upload past the server's limits (spring.servlet.multipart.*): 413, never a 500. */
  @ExceptionHandler(org.springframework.web.multipart.MaxUploadSizeExceededException.class)
  ResponseEntity<ApiError> uploadTooLarge(org.springframework.web.multipart.MaxUploadSizeExceededException e,
      HttpServletRequest request, HttpServletResponse response) {
    return answer(request, response, WebRefusal.BODY_TOO_LARGE, "the upload is larger than the server accepts", null);
  }

  /** A form's file part missing: the field named. */
  @ExceptionHandler(org.springframework.web.multipart.support.MissingServletRequestPartException.class)
  ResponseEntity<ApiError> missingPart(org.springframework.web.multipart.support.MissingServletRequestPartException e,
      HttpServletRequest request, HttpServletResponse response) {
    return answer(request, response, WebRefusal.MISSING_PARAMETER, "a file is required", e.getRequestPartName());
  }

  /** A multipart body that cannot be read (cut short, or not multipart at all). */
  @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
  ResponseEntity<ApiError> badMultipart(org.springframework.web.multipart.MultipartException e,
      HttpServletRequest request, HttpServletResponse response) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RequestSizeLimitFilter.BodyTooLarge) {
        return answer(request, response, WebRefusal.BODY_TOO_LARGE, t.getMessage(), null);
      }
    }
    return answer(request, response, WebRefusal.MALFORMED_BODY, "the upload could not be read as a form with files",
        null);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request,
      HttpServletResponse response) {
    return answer(request, response, CommonRefusal.INVALID_PARAMETER, "parameter has the wrong type or form",
        e.getName());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
    return answer(WebRefusal.UNSUPPORTED_MEDIA_TYPE, "send Content-Type: application/json", null);
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return answer(WebRefusal.NOT_ACCEPTABLE, "the requested representation is not available", null);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request,
      HttpServletResponse response) {
    return answer(request, response, WebRefusal.METHOD_NOT_ALLOWED, "method " + e.getMethod() + " is not allowed here",
        null);
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ApiError> notFound(NoResourceFoundException e, HttpServletRequest request,
      HttpServletResponse response) {
    return answer(request, response, CommonRefusal.NOT_FOUND, "no such resource", null);
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ApiError> denied(AccessDeniedException e, HttpServletRequest request, HttpServletResponse response) {
    return answer(request, response, CommonRefusal.FORBIDDEN, "your role does not allow this", null);
  }

  @ExceptionHandler(AuthenticationException.class)
  ResponseEntity<ApiError> unauthenticated(AuthenticationException e) {
    return answer(WebRefusal.UNAUTHENTICATED, "sign in first", null);
  }

  /**
   * The client went away before the answer was written: a browser that closed a page, often one
   * with a live alert stream. Nothing can be answered and nothing failed on the server's side.
   */
  @ExceptionHandler(AsyncRequestNotUsableException.class)
  ResponseEntity<ApiError> clientGone(AsyncRequestNotUsableException e) {
    return gone(e);
  }

  private static ResponseEntity<ApiError> gone(Exception e) {
    log.debug("the client went away before the answer was written: {}", e.getClass().getName());
    return null;
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
    if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
      return gone(e); // a broken pipe or an aborted connection, as above
    }
    // Our own messages never carry personal data; third-party ones might, so only the type is logged.
    log.error("unexpected failure: {}", e.getClass().getName(), LogSafe.redact(e));
    return answer(request, response, WebRefusal.INTERNAL, "the server failed; nothing was changed by this request",
        null);
  }
}
