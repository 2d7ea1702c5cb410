package org.glassplate.server.hotlist;

import java.util.Locale;

/**
 * A partial hot-list entry: a plate with wildcards, {@code ?} for exactly one character and
 * {@code *} for any run of characters (also none), e.g. {@code 7AB?12*}. At most 8 fixed
 * characters; at least 3 of them, so that a pattern cannot match most plates.
 */
record PlatePattern(String value) {
  static final int MIN_FIXED = 3;

  PlatePattern {
    if (value == null || value.isEmpty() || value.length() > 16) {
      throw new IllegalArgumentException("pattern must be 1 to 16 characters");
    }
    int fixed = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '?' || c == '*') {
        continue;
      }
      if (PlateCodes.symbol(c) < 0) {
        throw new IllegalArgumentException("pattern may contain only A-Z, 0-9, ? and *");
      }
      fixed++;
    }
    if (fixed < MIN_FIXED) {
      throw new IllegalArgumentException("pattern needs at least " + MIN_FIXED + " fixed characters");
    }
    if (fixed > PlateCodes.MAX_LENGTH) {
      throw new IllegalArgumentException("pattern has more than 8 fixed characters");
    }
  }

  static boolean isPattern(String raw) {
    return raw != null && (raw.indexOf('?') >= 0 || raw.indexOf('*') >= 0);
  }

  /** Normalizes what a person typed: upper case, spaces, dashes and dots dropped. */
  static PlatePattern normalize(String raw) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != ' ' && c != '-' && c != '.' && c != '\t') {
        sb.append(Character.toUpperCase(c));
      }
    }
    return new PlatePattern(sb.toString().toUpperCase(Locale.ROOT).replaceAll("\\*+", "*"));
  }

  boolean matches(CharSequence plate) {
    return matches(value, 0, plate, 0);
  }

  private static boolean matches(String p, int pi, CharSequence s, int si) {
    // iterative glob with single-star backtracking: linear in practice for plate lengths
    int star = -1;
    int mark = 0;
    while (si < s.length()) {
      if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
        pi++;
        si++;
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = si;
      } else if (star >= 0) {
        pi = star + 1;
        si = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }

  @Override
  public String toString() {
    return "PlatePattern[redacted]";
  }
}
