package org.glassplate.server.reads;

import java.util.Locale;
import java.util.Set;

/**
 * The issuing jurisdiction of a plate: a two-letter US state, DC, a US territory, or {@code ZZ}
 * when the camera could not tell.
 */
public record StateCode(String value) {

  private static final Set<String> CODES = Set.of(
      "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
      "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
      "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
      "WI", "WY", "DC",
      // territories
      "AS", "GU", "MP", "PR", "VI", "UM",
      "ZZ");

  public static final StateCode UNKNOWN = new StateCode("ZZ");

  public StateCode {
    if (value == null || !CODES.contains(value)) {
      throw new IllegalArgumentException("state must be a two-letter US state, DC or territory code, or ZZ");
    }
  }

  /** Accepts any case and surrounding space; an absent state is {@link #UNKNOWN}. */
  public static StateCode parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return UNKNOWN;
    }
    return new StateCode(raw.trim().toUpperCase(Locale.ROOT));
  }

  public static boolean isKnown(String code) {
    return code != null && CODES.contains(code);
  }
}
