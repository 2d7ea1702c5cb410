package org.glassplate.server.web;

import org.glassplate.server.core.CommonRefusal;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.RefusalCode;

/**
 * A refusal raised by HTTP code itself (a malformed body, a form field that does not parse), with
 * the same {@link #code()}, {@link #getMessage()} and {@link #field()} as every {@link Refusal}.
 * Domain code throws {@link Refusal} with its feature's code; a page that shows refusals catches
 * {@link Refusal}, which covers these too. The message must never carry a plate, a name, a case
 * number or a free-text reason (R-AUD-4).
 */
public class ApiException extends Refusal {

  public ApiException(RefusalCode code, String message, String field) {
    super(code, message, field);
  }

  public ApiException(RefusalCode code, String message) {
    this(code, message, null);
  }

  public static ApiException unprocessable(String field, String message) {
    return new ApiException(CommonRefusal.INVALID_FIELD, message, field);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(WebRefusal.MALFORMED_BODY, message);
  }

  public static ApiException notFound(String what) {
    return new ApiException(CommonRefusal.NOT_FOUND, what + " not found");
  }
}
