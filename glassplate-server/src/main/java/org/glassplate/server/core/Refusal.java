package org.glassplate.server.core;

import java.util.Objects;

/**
 * A request refused for a stated reason: a {@link RefusalCode} from the refusing feature's enum, a
 * message for the caller and, when one field is at fault, that field. It reaches HTTP callers as
 * {@code {"error":{"code","message","field"}}} with the status the web layer maps the code to.
 * The message is shown to the caller and may be logged: it must never carry a plate, a name, a case
 * number or a free-text reason (R-AUD-4). A refusal that must be on the record is audited through
 * {@code AuditRecorder.recordDenied} before it is thrown.
 */
public class Refusal extends RuntimeException {
  private final RefusalCode refusalCode;
  private final String field;

  public Refusal(RefusalCode code, String message, String field) {
    super(message);
    this.refusalCode = Objects.requireNonNull(code, "code");
    this.field = field;
  }

  public Refusal(RefusalCode code, String message) {
    this(code, message, null);
  }

  /** 422 {@code INVALID_FIELD}: the field is missing or breaks the rule the message names. */
  public static Refusal invalid(String field, String message) {
    return new Refusal(CommonRefusal.INVALID_FIELD, message, field);
  }

  /** 404 {@code NOT_FOUND}: "{what} not found". */
  public static Refusal notFound(String what) {
    return new Refusal(CommonRefusal.NOT_FOUND, what + " not found");
  }

  /** 403 {@code FORBIDDEN}: the caller's role does not allow this. */
  public static Refusal forbidden(String message) {
    return new Refusal(CommonRefusal.FORBIDDEN, message);
  }

  /** The code, typed. */
  public RefusalCode refusalCode() {
    return refusalCode;
  }

  /** The code as the caller sees it, e.g. {@code PROHIBITED_PURPOSE}. */
  public String code() {
    return refusalCode.code();
  }

  /** The field at fault, or null. */
  public String field() {
    return field;
  }
}
