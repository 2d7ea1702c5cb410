package org.glassplate.server.reads;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a search asks of plates (R-SRCH-3): a full plate, or a pattern where {@code *} stands for
 * any run of characters (also none) and {@code ?} for exactly one; optionally look-alike, where
 * each character also matches the others of its group: 0/O/D/Q, 1/I, 2/Z, 5/S, 8/B, 6/G (at any
 * number of positions). Normalized like plates: upper case, spaces, dashes and dots dropped.
 * {@link #toString()} redacts, as for {@link PlateNumber}.
 *
 * @param pattern A-Z, 0-9, {@code *} and {@code ?}; no two {@code *} in a row
 * @param lookAlike whether look-alike characters match each other
 */
public record PlateQuery(String pattern, boolean lookAlike) {
  /** The look-alike groups, each mapped to its first character by {@link #canonical}. */
  public static final String LOOK_ALIKE_FROM = "ODQIZSBG";
  public static final String LOOK_ALIKE_TO = "00012586";
  private static final Pattern FORM = Pattern.compile("[A-Z0-9*?]{1,15}");

  public PlateQuery {
    if (pattern == null || !FORM.matcher(pattern).matches() || pattern.contains("**")) {
      throw new IllegalArgumentException("pattern must be letters, digits, * and ?");
    }
    if (pattern.chars().filter(c -> c != '*').count() > PlateNumber.MAX_LENGTH) {
      throw new IllegalArgumentException("pattern is longer than a plate");
    }
  }

  /** A full plate, as typed. */
  public static PlateQuery plate(String raw, boolean lookAlike) {
    return new PlateQuery(PlateNumber.normalize(raw).value(), lookAlike);
  }

  /**
   * A pattern as typed: upper-cased, with spaces, dashes and dots dropped and runs of {@code *}
   * joined.
   *
   * @throws IllegalArgumentException naming the rule broken (never echoing the input)
   */
  public static PlateQuery pattern(String raw, boolean lookAlike) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("pattern is missing");
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = Character.toUpperCase(raw.charAt(i));
      if (c == ' ' || c == '-' || c == '.' || c == '\t') {
        continue;
      }
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '*' || c == '?')) {
        throw new IllegalArgumentException("pattern may contain only letters, digits, * (any run) and ? (one character)");
      }
      if (c == '*' && sb.length() > 0 && sb.charAt(sb.length() - 1) == '*') {
        continue;
      }
      sb.append(c);
    }
    if (sb.isEmpty()) {
      throw new IllegalArgumentException("pattern is missing");
    }
    if (sb.chars().filter(c -> c != '*').count() > PlateNumber.MAX_LENGTH) {
      throw new IllegalArgumentException("pattern is longer than a plate (8 characters)");
    }
    return new PlateQuery(sb.toString().toUpperCase(Locale.ROOT), lookAlike);
  }

  /** Whether this is a full plate rather than a pattern. */
  public boolean exact() {
    return pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0;
  }

  /** Whether it matches every plate ({@code *}), so that only cameras or an area can bound it. */
  public boolean matchesEverything() {
    return pattern.equals("*");
  }

  /**
   * Whether an index can find it without reading every plate of the window: a full plate, or two
   * known characters at the start or the end, or three known characters in a row anywhere.
   */
  public boolean indexable() {
    if (exact()) {
      return true;
    }
    int run = 0;
    int longest = 0;
    for (char c : pattern.toCharArray()) {
      run = c == '*' || c == '?' ? 0 : run + 1;
      longest = Math.max(longest, run);
    }
    return longest >= 3 || knownAt(0) && knownAt(1) || knownAt(pattern.length() - 1) && knownAt(pattern.length() - 2);
  }

  private boolean knownAt(int i) {
    return i >= 0 && i < pattern.length() && pattern.charAt(i) != '*' && pattern.charAt(i) != '?';
  }

  /** Whether a stored plate matches: the semantics the SQL of {@link Reads#search} implements. */
  public boolean matches(String plate) {
    String p = lookAlike ? canonical(pattern) : pattern;
    String s = lookAlike ? canonical(plate) : plate;
    return matches(p, 0, s, 0);
  }

  private static boolean matches(String p, int i, String s, int j) {
    if (i == p.length()) {
      return j == s.length();
    }
    char c = p.charAt(i);
    if (c == '*') {
      for (int k = j; k <= s.length(); k++) {
        if (matches(p, i + 1, s, k)) {
          return true;
        }
      }
      return false;
    }
    return j < s.length() && (c == '?' || c == s.charAt(j)) && matches(p, i + 1, s, j + 1);
  }

  /** Each look-alike character replaced by the first of its group (as SQL {@code translate} does). */
  public static String canonical(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int k = LOOK_ALIKE_FROM.indexOf(c);
      sb.append(k < 0 ? c : LOOK_ALIKE_TO.charAt(k));
    }
    return sb.toString();
  }

  /** The SQL LIKE form: {@code *} is {@code %}, {@code ?} is {@code _}; nothing else needs escaping. */
  public String like(boolean canonical) {
    return (canonical ? canonical(pattern) : pattern).replace('*', '%').replace('?', '_');
  }

  @Override
  public String toString() {
    return "PlateQuery[redacted, lookAlike=" + lookAlike + "]";
  }
}
