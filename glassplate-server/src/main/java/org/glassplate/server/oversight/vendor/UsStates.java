package org.glassplate.server.oversight.vendor;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The states (and DC and territories) by two-letter code and name, as agency names write them. */
final class UsStates {
  private static final Map<String, String> NAMES = new LinkedHashMap<>();

  static {
    String[] pairs = {"AL", "Alabama", "AK", "Alaska", "AZ", "Arizona", "AR", "Arkansas", "CA", "California", "CO",
        "Colorado", "CT", "Connecticut", "DE", "Delaware", "FL", "Florida", "GA", "Georgia", "HI", "Hawaii", "ID",
        "Idaho", "IL", "Illinois", "IN", "Indiana", "IA", "Iowa", "KS", "Kansas", "KY", "Kentucky", "LA", "Louisiana",
        "ME", "Maine", "MD", "Maryland", "MA", "Massachusetts", "MI", "Michigan", "MN", "Minnesota", "MS",
        "Mississippi", "MO", "Missouri", "MT", "Montana", "NE", "Nebraska", "NV", "Nevada", "NH", "New Hampshire", "NJ",
        "New Jersey", "NM", "New Mexico", "NY", "New York", "NC", "North Carolina", "ND", "North Dakota", "OH", "Ohio",
        "OK", "Oklahoma", "OR", "Oregon", "PA", "Pennsylvania", "RI", "Rhode Island", "SC", "South Carolina", "SD",
        "South Dakota", "TN", "Tennessee", "TX", "Texas", "UT", "Utah", "VT", "Vermont", "VA", "Virginia", "WA",
        "Washington", "WV", "West Virginia", "WI", "Wisconsin", "WY", "Wyoming", "DC", "District of Columbia", "PR",
        "Puerto Rico", "GU", "Guam", "VI", "Virgin Islands"};
    for (int i = 0; i < pairs.length; i += 2) {
      NAMES.put(pairs[i], pairs[i + 1]);
    }
  }

  private static final Pattern CODE = Pattern.compile("(?<![A-Za-z])([A-Z]{2})(?![A-Za-z])");
  /** Longest first, so that "West Virginia" is read before "Virginia". */
  private static final List<Map.Entry<String, Pattern>> BY_NAME = NAMES.entrySet().stream()
      .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> -e.getValue().length()))
      .map(e -> Map.entry(e.getKey(), Pattern.compile("\\b" + e.getValue().replace(" ", "\\s+") + "\\b",
          Pattern.CASE_INSENSITIVE)))
      .toList();

  private UsStates() {
  }

  /** The code of a state given as a code or a name, if it is one. */
  static Optional<String> code(String codeOrName) {
    if (codeOrName == null) {
      return Optional.empty();
    }
    String s = codeOrName.strip();
    if (NAMES.containsKey(s.toUpperCase(Locale.ROOT)) && s.length() == 2) {
      return Optional.of(s.toUpperCase(Locale.ROOT));
    }
    return NAMES.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(s)).map(Map.Entry::getKey).findFirst();
  }

  /**
   * The state an agency's name places it in: a capitalised two-letter code as a word ("Polk County FL
   * SO"), else a state's name ("Florida Highway Patrol"). A code comes first, as Flock names agencies
   * ("Washington County FL SO" is in Florida).
   */
  static Optional<String> in(String agencyName) {
    if (agencyName == null) {
      return Optional.empty();
    }
    Matcher m = CODE.matcher(agencyName);
    while (m.find()) {
      if (NAMES.containsKey(m.group(1))) {
        return Optional.of(m.group(1));
      }
    }
    return named(agencyName);
  }

  /** A state named in full in free text (codes are not read there: "in", "or", "me" are words). */
  static Optional<String> named(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, Pattern> e : BY_NAME) {
      if (e.getValue().matcher(text).find()) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  static String name(String code) {
    return NAMES.getOrDefault(code, code);
  }
}
