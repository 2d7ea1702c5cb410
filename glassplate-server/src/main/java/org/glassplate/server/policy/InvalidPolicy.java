package org.glassplate.server.policy;

import org.glassplate.server.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * A policy document that does not parse or is incomplete: 422 {@code INVALID_POLICY}, naming the
 * line and the field (e.g. {@code line 12: retention.nonHit: ...}).
 */
public class InvalidPolicy extends ApiException {
  private final int line;

  public InvalidPolicy(int line, String field, String message) {
    super(HttpStatus.UNPROCESSABLE_CONTENT, "INVALID_POLICY",
        "line " + line + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + message,
        field == null || field.isEmpty() ? "document" : "document." + field);
    this.line = line;
  }

  /** The 1-based line of the document the problem is on. */
  public int line() {
    return line;
  }
}
