package org.glassplate.server.sharing;

import java.util.Objects;

/**
 * What became of a query sent to a partner node by {@link FederationClient}: answered ({@code OK}, with
 * the partner's {@link PartnerAnswer}), refused by the partner ({@code REFUSED}, with its HTTP status and
 * error code, e.g. 403 {@code OUTSIDE_SCOPE}), or no answer at all ({@code UNREACHABLE}: no connection, or
 * an answer that is not the partner's JSON; {@code TIMEOUT}: none in time).
 *
 * @param answer the answer when {@code OK}, else null
 * @param httpStatus the partner's HTTP status, 0 when there was none
 * @param code the partner's error code when {@code REFUSED}, else null
 * @param field the partner's error field when it named one, else null
 * @param message what happened, in words: the partner's error message, or why there was no answer
 */
public record FederationResult(Status status, PartnerAnswer answer, int httpStatus, String code, String field,
    String message) {

  public enum Status { OK, REFUSED, UNREACHABLE, TIMEOUT }

  public FederationResult {
    Objects.requireNonNull(status, "status");
    if ((status == Status.OK) != (answer != null)) {
      throw new IllegalArgumentException("an answer comes with OK only");
    }
  }

  static FederationResult ok(PartnerAnswer answer) {
    return new FederationResult(Status.OK, answer, 200, null, null, null);
  }

  static FederationResult refused(int httpStatus, String code, String field, String message) {
    return new FederationResult(Status.REFUSED, null, httpStatus, code, field, message);
  }

  static FederationResult unreachable(int httpStatus, String message) {
    return new FederationResult(Status.UNREACHABLE, null, httpStatus, null, null, message);
  }

  static FederationResult timedOut(String message) {
    return new FederationResult(Status.TIMEOUT, null, 0, null, null, message);
  }
}
