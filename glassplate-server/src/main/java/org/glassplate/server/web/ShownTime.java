package org.glassplate.server.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A moment as a page shows it ({@code tag/time.jte}): in the agency's time zone, to the second, with
 * the same moment in UTC on hover and in ISO-8601 for machines.
 *
 * @param iso the instant in ISO-8601 (UTC), the {@code datetime} attribute
 * @param text the agency's local time, e.g. {@code 2026-05-01 10:15:42 PDT}
 * @param utc the same moment in UTC, e.g. {@code 2026-05-01 17:15:42 UTC}, the hover title
 */
public record ShownTime(String iso, String text, String utc) {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.US);
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.US)
      .withZone(ZoneOffset.UTC);

  /** The moment in {@code zone}; null for null. */
  public static ShownTime of(Instant t, ZoneId zone) {
    if (t == null) {
      return null;
    }
    Instant s = t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    return new ShownTime(s.toString(), LOCAL.format(s.atZone(zone)), UTC.format(s));
  }

  /** "Pacific Time (America/Los_Angeles)": how a page names the zone its times are in. */
  public static String zoneName(ZoneId zone) {
    String name = zone.getDisplayName(java.time.format.TextStyle.FULL, Locale.US);
    return name.equals(zone.getId()) ? zone.getId() : name + " (" + zone.getId() + ")";
  }
}
