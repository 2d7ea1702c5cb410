package org.glassplate.server.policy;

/**
 * An offense a search may name (R-SRCH-1): a stable code, as sent in a search's {@code offense},
 * and the name people read.
 */
public record Offense(String code, String name) {
  public Offense {
    if (code == null || !code.matches("[A-Z][A-Z0-9_]{1,39}")) {
      throw new IllegalArgumentException("offense code must be 2 to 40 of A-Z, 0-9 and _, starting with a letter");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("offense name is required");
    }
  }
}
