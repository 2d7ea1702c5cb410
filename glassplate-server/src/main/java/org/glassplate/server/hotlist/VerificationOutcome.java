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
  OTHER;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
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
