package org.glassplate.server.audit;

/**
 * A kind of audited event with a stable numeric code (never an enum ordinal: codes are in signed
 * entries forever). Each feature declares its own types in its own range: audit and server 1xx,
 * reads 2xx, accounts 3xx, policy 4xx, search 5xx, hotlist 6xx, retention 7xx, sharing 8xx,
 * oversight 9xx, transparency and demo 10xx.
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
