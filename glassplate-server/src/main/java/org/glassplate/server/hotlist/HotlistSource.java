package org.glassplate.server.hotlist;

import java.util.Locale;

/**
 * Where a hot list comes from (R-HOT-1). The policy chooses which sources reads are run against,
 * along the ACLU ladder: local lists only, then state lists, then the national NCIC extract
 * (R-HOT-4).
 */
public enum HotlistSource {
  LOCAL, STATE, NCIC;

  /** The lower-case name used in JSON and in the policy document. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static HotlistSource parse(String code) {
    if (code == null) {
      throw new IllegalArgumentException("source is required");
    }
    for (HotlistSource s : values()) {
      if (s.code().equals(code.trim().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("source must be local, state or ncic");
  }

  int bit() {
    return 1 << ordinal();
  }
}
