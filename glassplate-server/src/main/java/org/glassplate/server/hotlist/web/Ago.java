package org.glassplate.server.hotlist.web;

import java.time.Duration;
import java.time.Instant;

/**
 * How long ago a hit was seen, as an operator says it: "just now", "3 min ago", "2 h 5 min ago",
 * "3 days ago". The page renders it and {@code operator.js} keeps it current with the same rules.
 */
final class Ago {
  private Ago() {
  }

  static String since(Instant then, Instant now) {
    long minutes = Duration.between(then, now).toMinutes();
    if (minutes < 1) {
      // a read a few seconds in the future (camera clocks drift) is "just now" too
      return "just now";
    }
    if (minutes < 60) {
      return minutes + " min ago";
    }
    long hours = minutes / 60;
    if (hours < 24) {
      return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min") + " ago";
    }
    long days = hours / 24;
    return days + (days == 1 ? " day" : " days") + " ago";
  }
}
