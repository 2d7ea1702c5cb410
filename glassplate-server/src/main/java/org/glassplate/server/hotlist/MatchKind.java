package org.glassplate.server.hotlist;

import java.util.Locale;

/** How a read matched an entry (R-HOT-2): operators are told, and look-alikes get a stronger warning. */
public enum MatchKind {
  /** Same normalized plate, and the same state or an entry without one. */
  EXACT,
  /** One character differs by a look-alike substitution (0/O/D/Q, 1/I, 2/Z, 5/S, 8/B, 6/G). */
  LOOKALIKE,
  /** The entry is a pattern with wildcards. */
  PARTIAL;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MatchKind parse(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
