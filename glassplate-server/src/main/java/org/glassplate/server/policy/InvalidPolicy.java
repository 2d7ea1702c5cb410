package org.glassplate.server.policy;

import org.glassplate.server.core.Refusal;

/**
 * A policy document that does not parse or is incomplete: 422 {@code INVALID_POLICY}, naming the
 * line and the field (e.g. {@code line 12: retention.nonHit: ...}).
 */
public class InvalidPolicy extends Refusal {
  private final int line;

  public InvalidPolicy(int line, String field, String message) {
    super(PolicyRefusal.INVALID_POLICY,
        "line " + line + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + message,
        field == null || field.isEmpty() ? "document" : "document." + field);
    this.line = line;
  }

  /** The 1-based line of the document the problem is on. */
  public int line() {
    return line;
  }
}
