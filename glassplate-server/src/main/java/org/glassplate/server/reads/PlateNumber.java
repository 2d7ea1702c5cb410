package org.glassplate.server.reads;

import java.util.Locale;

/**
 * A normalized licence plate: upper case, A-Z and 0-9 only, 1 to 8 characters, with spaces,
 * dashes and dots removed. {@link #toString()} redacts so a plate cannot slip into a log line
 * (R-AUD-4); use {@link #value()} where the plate itself is meant.
 */
public record PlateNumber(String value) {

  public static final int MAX_LENGTH = 8;

  public PlateNumber {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || !value.chars().allMatch(PlateNumber::isPlateChar)) {
      throw new IllegalArgumentException("plate must be 1 to 8 characters A-Z or 0-9");
    }
  }

  /**
   * Normalizes what a camera or a person typed: upper case, and spaces, dashes and dots dropped.
   *
   * @throws IllegalArgumentException naming the rule broken (never echoing the input)
   */
  public static PlateNumber normalize(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("plate is missing");
    }
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == ' ' || c == '-' || c == '.' || c == '\t') {
        continue;
      }
      char u = Character.toUpperCase(c);
      if (!isPlateChar(u)) {
        throw new IllegalArgumentException("plate may contain only letters A-Z, digits, spaces, dashes and dots");
      }
      sb.append(u);
    }
    if (sb.isEmpty()) {
      throw new IllegalArgumentException("plate is missing");
    }
    if (sb.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("plate is longer than 8 characters");
    }
    return new PlateNumber(sb.toString().toUpperCase(Locale.ROOT));
  }

  private static boolean isPlateChar(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  @Override
  public String toString() {
    return "PlateNumber[redacted]";
  }
}
