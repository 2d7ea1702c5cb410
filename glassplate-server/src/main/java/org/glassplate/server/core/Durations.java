package org.glassplate.server.core;

import java.time.Duration;

/**
 * A duration as a person says it: "30 days", "3 minutes", "365 days", never {@code PT720H}. Pages and
 * refusal messages use it; the ISO-8601 form stays for the JSON and the policy document.
 */
public final class Durations {
  private Durations() {
  }

  /** "30 days", "12 hours", "3 minutes", "1 day 12 hours", "90 seconds". */
  public static String inWords(Duration d) {
    long s = d.getSeconds();
    if (s != 0 && s % 86400 == 0) {
      return count(s / 86400, "day");
    }
    if (s > 86400 && s % 3600 == 0) {
      return count(s / 86400, "day") + " " + count(s % 86400 / 3600, "hour");
    }
    if (s != 0 && s % 3600 == 0) {
      return count(s / 3600, "hour");
    }
    if (s != 0 && s % 60 == 0) {
      return count(s / 60, "minute");
    }
    return count(s, "second");
  }

  private static String count(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
