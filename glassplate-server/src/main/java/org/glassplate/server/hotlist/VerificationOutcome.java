package org.glassplate.server.hotlist;

import java.util.Locale;

/** What a person found when checking a hit (R-HOT-3). */
public enum VerificationOutcome {
  /** The hit is real: the entry is current and the read is right. */
  CONFIRMED,
  /** The camera read the plate wrong. */
  MISREAD,
  /** The entry was no longer valid (recovered vehicle, served warrant...). */
  STALE_ENTRY,
  /** None of these: the note says what. */
  OTHER;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a person must say in a note what they saw: a misread or an outcome none of the others names. */
  public boolean needsNote() {
    return this == MISREAD || this == OTHER;
  }

  /** The outcome in words, as a page shows it. */
  public String label() {
    return switch (this) {
      case CONFIRMED -> "Confirmed";
      case MISREAD -> "Misread";
      case STALE_ENTRY -> "Stale entry";
      case OTHER -> "Other";
    };
  }

  public static VerificationOutcome parse(String code) {
    if (code != null) {
      for (VerificationOutcome o : values()) {
        if (o.code().equals(code.trim().toLowerCase(Locale.ROOT))) {
          return o;
        }
      }
    }
    throw new IllegalArgumentException("outcome must be one of: confirmed, misread, stale_entry, other");
  }
}
