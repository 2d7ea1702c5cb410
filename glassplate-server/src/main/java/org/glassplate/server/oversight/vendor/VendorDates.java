package org.glassplate.server.oversight.vendor;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date forms vendor exports and the spreadsheets they pass through use: {@code 11/13/2025, 10:00:17
 * PM UTC} (Flock's audit), {@code 2025-06-18 00:02:04.789} (its portal), ISO-8601 with or without an
 * offset, month/day/year with a two- or four-digit year, a date alone, and Excel's serial day numbers
 * ({@code 45823.5}, days since 1899-12-30). A time with no zone is read as UTC, as Flock writes its
 * exports; the report says so.
 */
final class VendorDates {
  private static final Pattern DATE_TIME = Pattern.compile(
      "(?:(\\d{4})-(\\d{1,2})-(\\d{1,2})|(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2}))"
          + "(?:[,\\sT]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?\\s*([AaPp][Mm])?)?"
          + "\\s*(Z|[+-]\\d{2}:?\\d{2}|UTC|GMT|[ECMP][SD]T)?",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern SERIAL = Pattern.compile("\\d{4,5}(?:\\.\\d+)?");
  private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
  private static final Map<String, Integer> US_ZONES = Map.of("EST", -5, "EDT", -4, "CST", -6, "CDT", -5, "MST", -7,
      "MDT", -6, "PST", -8, "PDT", -7);

  private VendorDates() {
  }

  /** The instant a cell names, or null when it is blank. */
  static Instant parse(String cell) {
    if (cell == null || cell.isBlank()) {
      return null;
    }
    String s = cell.strip();
    if (SERIAL.matcher(s).matches()) {
      double days = Double.parseDouble(s);
      if (days < 20000 || days > 80000) { // 1954 to 2119: anything else is not a date of a search
        throw new DateTimeException("a number that is no Excel date");
      }
      long whole = (long) days;
      long nanos = Math.round((days - whole) * 86_400_000d) * 1_000_000L;
      return EXCEL_EPOCH.plusDays(whole).atStartOfDay().plusNanos(nanos).toInstant(ZoneOffset.UTC);
    }
    Instant fast = flock(s);
    if (fast != null) {
      return fast;
    }
    Matcher m = DATE_TIME.matcher(s);
    if (!m.matches()) {
      throw new DateTimeException("not a date and time this import reads");
    }
    return instant(m);
  }

  /**
   * Flock's own form, {@code 11/13/2025, 10:00:17 PM UTC}, read without a pattern (a million-row
   * export has three in every row); null when the text is not exactly in that form.
   */
  static Instant flock(String s) {
    if (s.length() != 27 || s.charAt(2) != '/' || s.charAt(5) != '/' || s.charAt(10) != ',' || s.charAt(13) != ':'
        || s.charAt(16) != ':' || !s.endsWith("M UTC")) {
      return null;
    }
    int month = digits(s, 0, 2);
    int day = digits(s, 3, 5);
    int year = digits(s, 6, 10);
    int hour = digits(s, 12, 14);
    int minute = digits(s, 14 + 1, 16);
    int second = digits(s, 17, 19);
    char ampm = s.charAt(20);
    if (month < 0 || day < 0 || year < 0 || hour < 1 || hour > 12 || minute < 0 || second < 0
        || ampm != 'A' && ampm != 'P') {
      return null;
    }
    hour = hour % 12 + (ampm == 'P' ? 12 : 0);
    return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
  }

  private static int digits(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** Every date and time written in a cell, in order (a Time Frame cell holds two, on one line or several). */
  static List<Instant> all(String cell) {
    List<Instant> out = new ArrayList<>();
    if (cell == null) {
      return out;
    }
    String t = cell.strip();
    if (t.length() >= 56) { // Flock's "start - end", on one line or two
      Instant start = flock(t.substring(0, 27));
      Instant end = flock(t.substring(t.length() - 27));
      if (start != null && end != null && t.substring(27, t.length() - 27).strip().matches("[-\u2013\u2014]|to")) {
        out.add(start);
        out.add(end);
        return out;
      }
    }
    Matcher m = DATE_TIME.matcher(cell);
    while (m.find()) {
      out.add(instant(m));
    }
    return out;
  }

  private static Instant instant(Matcher m) {
    LocalDate date;
    if (m.group(1) != null) {
      date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    } else {
      int year = Integer.parseInt(m.group(6));
      date = LocalDate.of(year < 100 ? 2000 + year : year, Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
    }
    LocalTime time = LocalTime.MIDNIGHT;
    if (m.group(7) != null) {
      int hour = Integer.parseInt(m.group(7));
      String ampm = m.group(11);
      if (ampm != null) {
        if (hour < 1 || hour > 12) {
          throw new DateTimeException("an hour of " + hour + " with AM or PM");
        }
        hour = hour % 12 + (ampm.equalsIgnoreCase("pm") ? 12 : 0);
      }
      int seconds = m.group(9) == null ? 0 : Integer.parseInt(m.group(9));
      int nanos = m.group(10) == null ? 0 : Integer.parseInt((m.group(10) + "000000000").substring(0, 9));
      time = LocalTime.of(hour, Integer.parseInt(m.group(8)), seconds, nanos);
    }
    return LocalDateTime.of(date, time).toInstant(offset(m.group(12)));
  }

  private static ZoneOffset offset(String zone) {
    if (zone == null) {
      return ZoneOffset.UTC;
    }
    String z = zone.toUpperCase(Locale.ROOT);
    if (z.equals("Z") || z.equals("UTC") || z.equals("GMT")) {
      return ZoneOffset.UTC;
    }
    Integer hours = US_ZONES.get(z);
    if (hours != null) {
      return ZoneOffset.ofHours(hours);
    }
    return ZoneOffset.of(z.length() == 5 ? z.substring(0, 3) + ":" + z.substring(3) : z);
  }
}
