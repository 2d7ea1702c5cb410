package org.glassplate.server.search;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Why searches were refused, as the public report counts them (issue 13, R-PUB-1): a search refused
 * for a prohibited purpose (R-SRCH-2) is a different thing from one refused for a typing mistake (a
 * missing case number, a window that ends before it starts), and the two are counted apart; every
 * other rule (role, training, the legal floor, retention) is a third kind. The reason codes are the
 * {@code reasonCode} of {@link SearchAuditTypes#SEARCH_DENIED} entries.
 */
public final class DeniedReasons {

  /** The kinds of refusal the public report counts apart. */
  public enum Kind {
    /** The reason or offense named a purpose the law or the policy prohibits. */
    PROHIBITED_PURPOSE,
    /** A field missing, malformed or out of range: a typing mistake, put right by typing again. */
    MISTAKE,
    /** Any other rule: role, training, the legal floor, no sharing agreement, retention. */
    OTHER_RULE
  }

  private static final Set<String> MISTAKES = Set.of("MISSING_CASE_NUMBER", "INVALID_CASE_NUMBER", "MISSING_OFFENSE",
      "UNKNOWN_OFFENSE", "MISSING_REASON", "INVALID_REASON", "MISSING_PLATE", "INVALID_PLATE", "INVALID_PATTERN",
      "MISSING_WINDOW", "INVALID_WINDOW", "WINDOW_IN_FUTURE", "PATTERN_TOO_BROAD", "INVALID_PAGE", "INVALID_CAMERAS",
      "UNKNOWN_CAMERA", "INVALID_AREA", "INVALID_ON_BEHALF_OF",
      "PARTNERS_NEED_PLATE");

  private static final Map<String, String> WORDS = Map.ofEntries(
      Map.entry("PROHIBITED_PURPOSE", "a prohibited purpose"),
      Map.entry("MISSING_CASE_NUMBER", "no case number"),
      Map.entry("INVALID_CASE_NUMBER", "a case number too long"),
      Map.entry("MISSING_OFFENSE", "no offense"),
      Map.entry("UNKNOWN_OFFENSE", "an offense not on the policy's list"),
      Map.entry("MISSING_REASON", "no reason given"),
      Map.entry("INVALID_REASON", "a reason too long"),
      Map.entry("MISSING_PLATE", "no plate or pattern"),
      Map.entry("INVALID_PLATE", "not a plate"),
      Map.entry("INVALID_PATTERN", "not a valid pattern"),
      Map.entry("MISSING_WINDOW", "no time window"),
      Map.entry("INVALID_WINDOW", "a window ending before it starts"),
      Map.entry("WINDOW_IN_FUTURE", "a window wholly in the future"),
      Map.entry("PATTERN_TOO_BROAD", "a pattern too broad"),
      Map.entry("INVALID_PAGE", "a page out of range"),
      Map.entry("INVALID_CAMERAS", "too many or invalid cameras"),
      Map.entry("UNKNOWN_CAMERA", "an unknown camera"),
      Map.entry("INVALID_AREA", "not a valid area"),
      Map.entry("INVALID_ON_BEHALF_OF", "an agency name too long"),
      Map.entry("PARTNERS_NEED_PLATE", "a pattern for partner agencies, which answer a full plate only"),
      Map.entry("WINDOW_PAST_RETENTION", "a window reaching past retention"),
      Map.entry("ROLE", "not an investigator"),
      Map.entry("TRAINING_REQUIRED", "training not current"),
      Map.entry("LEGAL_FLOOR", "a recipient the law excludes"),
      Map.entry("NOT_SHARED", "an agency with no sharing agreement"),
      Map.entry("QUERY_FAILED", "the search could not run"));

  private DeniedReasons() {
  }

  /** The kind of a refusal's reason code. */
  public static Kind kind(String reasonCode) {
    if ("PROHIBITED_PURPOSE".equals(reasonCode)) {
      return Kind.PROHIBITED_PURPOSE;
    }
    return MISTAKES.contains(reasonCode) ? Kind.MISTAKE : Kind.OTHER_RULE;
  }

  /** Whether this is one of the reason codes a local search is refused with (a closed set, for metric labels). */
  static boolean known(String reasonCode) {
    return reasonCode != null && WORDS.containsKey(reasonCode);
  }

  /** A reason code in words, e.g. "no case number"; an unknown code lower-cased. */
  public static String words(String reasonCode) {
    String w = WORDS.get(reasonCode);
    return w != null ? w : reasonCode.toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
