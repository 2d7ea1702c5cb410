package org.glassplate.server.policy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Screens a search's offense and reason against the policy's prohibited purposes (R-SRCH-2).
 *
 * <p>Text and terms are compared as words: lower case, accents and punctuation dropped, so
 * "ICE", "ice" and "I.C.E." are the same word, while "DHS" inside "ADHSX" is not "DHS". A run of
 * single letters separated by dots or spaces is read as one abbreviation ("H.S.I.", "h s i" are
 * "hsi"). A term may be several words ("First Amendment"), and a trailing {@code *} matches any
 * ending ("deport*"); a term of four or more letters also matches its plural. Phrases listed as
 * not prohibited ("ice cream") hide the terms inside them. A reason made only of vague words
 * ("investigation", "inv", "test", "bolo"; a vague term may end in {@code *}; long ones also match
 * when misspelt by up to two letters) and case-number-like tokens is flagged, not refused.
 */
public final class PurposeScreen {

  /** What screening found. */
  public enum Verdict { CLEAR, VAGUE, PROHIBITED }

  /**
   * The outcome: for {@link Verdict#PROHIBITED}, the category (e.g. {@code IMMIGRATION}) and its
   * description. Never carries the screened text or the matched words.
   */
  public record Screening(Verdict verdict, String category, String description) {
    public boolean prohibited() {
      return verdict == Verdict.PROHIBITED;
    }

    public boolean vague() {
      return verdict == Verdict.VAGUE;
    }

    /** The public reason category of an audit entry: the prohibited category, {@code VAGUE} or {@code STATED}. */
    public String reasonCategory() {
      return switch (verdict) {
        case PROHIBITED -> category;
        case VAGUE -> "VAGUE";
        case CLEAR -> "STATED";
      };
    }
  }

  private static final Set<String> FILLER = Set.of("a", "an", "the", "of", "for", "to", "in", "on", "re", "per",
      "and", "or", "with", "case", "cases", "number", "no", "num", "nr", "incident", "possible", "poss", "please",
      "pls", "this", "that", "is", "it", "at", "by", "from", "about", "regarding", "related", "ref");

  private record Term(List<String> words, boolean prefix) {
  }

  private record Category(String code, String description, List<Term> terms) {
  }

  private final List<Category> categories;
  private final List<Term> notProhibited;
  private final Set<String> vagueWords;
  private final List<String> vaguePrefixes;

  private PurposeScreen(List<Category> categories, List<Term> notProhibited, Set<String> vagueWords,
      List<String> vaguePrefixes) {
    this.categories = categories;
    this.notProhibited = notProhibited;
    this.vagueWords = vagueWords;
    this.vaguePrefixes = vaguePrefixes;
  }

  /** The screen a policy version enforces. */
  public static PurposeScreen of(EffectivePolicy policy) {
    return of(policy.content());
  }

  static PurposeScreen of(PolicyContent content) {
    return of(content.purposes().prohibited(), content.purposes().notProhibited(), content.purposes().vague());
  }

  static PurposeScreen of(List<ProhibitedPurpose> prohibited, List<String> notProhibited, List<String> vague) {
    List<Category> cats = new ArrayList<>();
    for (ProhibitedPurpose p : prohibited) {
      cats.add(new Category(p.category(), p.description(), p.terms().stream().map(PurposeScreen::term).toList()));
    }
    Set<String> vagueWords = new HashSet<>();
    List<String> vaguePrefixes = new ArrayList<>();
    for (String v : vague) {
      Term t = term(v);
      if (t.prefix() && t.words().size() == 1) {
        vaguePrefixes.add(t.words().get(0)); // "inv*" also covers the misspellings of "investigation"
      } else {
        vagueWords.addAll(t.words());
      }
    }
    return new PurposeScreen(List.copyOf(cats), notProhibited.stream().map(PurposeScreen::term).toList(),
        Set.copyOf(vagueWords), List.copyOf(vaguePrefixes));
  }

  /**
   * Screens an offense and a free-text reason: prohibited if either names a prohibited purpose,
   * vague if the reason says nothing specific.
   */
  public Screening screen(String offense, String reason) {
    Screening s = prohibitedIn(offense);
    if (s.prohibited()) {
      return s;
    }
    s = prohibitedIn(reason);
    if (s.prohibited()) {
      return s;
    }
    return isVague(reason) ? new Screening(Verdict.VAGUE, null, null) : new Screening(Verdict.CLEAR, null, null);
  }

  /** Whether one text names a prohibited purpose (no vagueness check). */
  public Screening prohibitedIn(String text) {
    if (text == null || text.isBlank()) {
      return new Screening(Verdict.CLEAR, null, null);
    }
    List<String> words = tokens(text);
    boolean[] hidden = new boolean[words.size()];
    for (int i = 0; i < words.size(); i++) {
      for (Term t : notProhibited) {
        if (matchesAt(words, i, t)) {
          for (int k = 0; k < t.words().size(); k++) {
            hidden[i + k] = true;
          }
        }
      }
    }
    for (int i = 0; i < words.size(); i++) {
      for (Category c : categories) {
        for (Term t : c.terms()) {
          if (matchesAt(words, i, t) && !allHidden(hidden, i, t.words().size())) {
            return new Screening(Verdict.PROHIBITED, c.code(), c.description());
          }
        }
      }
    }
    return new Screening(Verdict.CLEAR, null, null);
  }

  boolean isVague(String reason) {
    if (reason == null) {
      return true;
    }
    int letters = 0;
    boolean specific = false;
    for (String w : tokens(reason)) {
      letters += (int) w.chars().filter(Character::isLetter).count();
      boolean caseNumberLike = w.chars().anyMatch(Character::isDigit);
      if (!caseNumberLike && !FILLER.contains(w) && !isVagueWord(w)) {
        specific = true;
      }
    }
    return !specific || letters < 3;
  }

  /** A vague word, one of its endings ("inv*"), or a long one misspelt by at most two letters ("invetigation"). */
  private boolean isVagueWord(String w) {
    if (vagueWords.contains(w) || vaguePrefixes.stream().anyMatch(w::startsWith)) {
      return true;
    }
    if (w.length() >= 7) {
      for (String v : vagueWords) {
        if (v.length() >= 7 && Math.abs(v.length() - w.length()) <= 2 && distance(v, w) <= 2) {
          return true;
        }
      }
    }
    return false;
  }

  /** Levenshtein distance (short words only). */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static boolean allHidden(boolean[] hidden, int from, int n) {
    for (int k = from; k < from + n; k++) {
      if (!hidden[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesAt(List<String> words, int i, Term t) {
    int n = t.words().size();
    if (i + n > words.size()) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      String want = t.words().get(k);
      String got = words.get(i + k);
      boolean last = k == n - 1;
      boolean ok = got.equals(want)
          || (last && t.prefix() && got.startsWith(want))
          || (last && !t.prefix() && want.length() >= 4 && (got.equals(want + "s") || got.equals(want + "es")));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static Term term(String raw) {
    String s = raw.trim();
    boolean prefix = s.endsWith("*");
    return new Term(tokens(prefix ? s.substring(0, s.length() - 1) : s), prefix);
  }

  /**
   * The words of a text: lower case, accents removed, split on anything that is not a letter or
   * digit, apostrophes dropped inside words, and runs of single letters separated by dots or spaces
   * joined into one abbreviation.
   */
  static List<String> tokens(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    List<String> separators = new ArrayList<>(); // separator before each word
    StringBuilder word = new StringBuilder();
    StringBuilder sep = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        word.append(c);
      } else if ((c == '\'' || c == '\u2019') && word.length() > 0 && i + 1 < s.length()
          && Character.isLetter(s.charAt(i + 1))) {
        // "don't" is one word; a possessive "'s" is dropped ("ex's car" reads "ex car")
        if (s.charAt(i + 1) == 's' && (i + 2 >= s.length() || !Character.isLetterOrDigit(s.charAt(i + 2)))) {
          i++;
        }
      } else {
        if (word.length() > 0) {
          separators.add(sep.toString());
          words.add(word.toString());
          word.setLength(0);
          sep.setLength(0);
        }
        sep.append(c);
      }
    }
    if (word.length() > 0) {
      separators.add(sep.toString());
      words.add(word.toString());
    }
    List<String> out = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      if (isLetter(words.get(i))) {
        int j = i;
        StringBuilder abbr = new StringBuilder(words.get(i));
        while (j + 1 < words.size() && isLetter(words.get(j + 1)) && separators.get(j + 1).matches("[.\\s]+")) {
          abbr.append(words.get(++j));
        }
        if (j > i) {
          out.add(abbr.toString());
          i = j;
          continue;
        }
      }
      out.add(words.get(i));
    }
    return out;
  }

  private static boolean isLetter(String w) {
    return w.length() == 1 && Character.isLetter(w.charAt(0));
  }
}
