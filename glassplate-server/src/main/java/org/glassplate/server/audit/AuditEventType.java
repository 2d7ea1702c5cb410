package org.glassplate.server.audit;

/**
 * A kind of audited event with a stable numeric code (never an enum ordinal: codes are in signed
 * entries forever). Every type is declared once, in {@link AuditEventTypes}, in its feature's range
 * of codes.
 *
 * @param code the stable code
 * @param name an upper-case name, stable too
 */
public record AuditEventType(int code, String name) {
  public AuditEventType {
    if (code <= 0 || name == null || !name.matches("[A-Z][A-Z0-9_]*")) {
      throw new IllegalArgumentException("event type needs a positive code and an UPPER_CASE name");
    }
  }
}
