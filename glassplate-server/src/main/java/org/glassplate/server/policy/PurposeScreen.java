package org.glassplate.server.policy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Screens a search's offense, reason, case number and on-behalf-of against the policy's
 * prohibited purposes (R-SRCH-2).
 *
 * <p>Text and terms are first normalised ({@link #normalize}): invisible and control characters
 * removed, Unicode NFKC, accents dropped, look-alike letters of other scripts folded to Latin
 * (Cyrillic "І", Greek "Ι", small capitals, fullwidth and mathematical letters all read "I"),
 * lower case. They are then compared as words, so "ICE", "ice" and "I.C.E." are the same word,
 * while "police", "notice" or "ADHSX" contain no prohibited word. A run of one- or two-letter
 * pieces is read as one word across any separator ("I-C-E", "I_C_E", "I/C/E", "i . c . e", "IC E"),
 * and so are pieces joined by punctuation alone ("imm-igration"); inside a word that mixes letters
 * and digits, digits that look like letters read as them ("1CE"), and "l" reads as "I" everywhere
 * ("lCE"). A term may be several words ("First Amendment"), and a trailing {@code *} matches any
 * ending ("deport*"); a term of four or more letters also matches its plural. Phrases listed as not
 * prohibited ("ice cream") hide the terms inside them, except that the terms the legal floor
 * requires ({@link LegalFloor}) are hidden only by the phrases the floor knows to be innocent. A
 * reason made only of vague words ("investigation", "inv", "test", "bolo"; a vague term may end in
 * {@code *}; long ones also match when misspelt by up to two letters) and case-number-like tokens
 * is flagged, not refused.
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

  private static final Screening CLEAR = new Screening(Verdict.CLEAR, null, null);

  private static final Set<String> FILLER = Set.of("a", "an", "the", "of", "for", "to", "in", "on", "re", "per",
      "and", "or", "with", "case", "cases", "number", "no", "num", "nr", "incident", "possible", "poss", "please",
      "pls", "this", "that", "is", "it", "at", "by", "from", "about", "regarding", "related", "ref");

  /**
   * A term as matched: the keys of its words run together, where its words meet (a text may put
   * any separator there), and whether any ending matches.
   */
  private record Term(String key, Set<Integer> wordStarts, int lastWordLength, boolean prefix) {
  }

  private record Category(String code, String description, List<Term> terms) {
  }

  /**
   * One word of a text as written, before pieces are joined: its letters, its matching key, and
   * whether punctuation alone (no space) separates it from the word before.
   */
  private record Piece(String word, String key, boolean tight) {
  }

  private final List<Category> categories;
  private final List<Term> notProhibited;
  private final List<Category> floor;
  private final List<Term> floorHiders;
  private final Set<String> vagueWords;
  private final List<String> vaguePrefixes;
  /**
   * The keys of the terms of every category and of the floor, by their first character (ASCII here,
   * others in {@link #otherTermKeys}): see {@link #spellsATerm}.
   */
  private final String[][] asciiTermKeys = new String[128][];
  private final Map<Character, String[]> otherTermKeys = new HashMap<>();

  private PurposeScreen(List<Category> categories, List<Term> notProhibited, List<Category> floor,
      List<Term> floorHiders, Set<String> vagueWords, List<String> vaguePrefixes) {
    this.categories = categories;
    this.notProhibited = notProhibited;
    this.floor = floor;
    this.floorHiders = floorHiders;
    this.vagueWords = vagueWords;
    this.vaguePrefixes = vaguePrefixes;
    Map<Character, Set<String>> byFirst = new HashMap<>();
    for (List<Category> cats : List.of(categories, floor)) {
      for (Category c : cats) {
        for (Term t : c.terms()) {
          byFirst.computeIfAbsent(t.key().charAt(0), k -> new TreeSet<>()).add(t.key());
        }
      }
    }
    byFirst.forEach((first, keys) -> {
      String[] sorted = keys.toArray(String[]::new);
      if (first < 128) {
        asciiTermKeys[first] = sorted;
      } else {
        otherTermKeys.put(first, sorted);
      }
    });
  }

  /** The screen a policy version enforces. */
  public static PurposeScreen of(EffectivePolicy policy) {
    return of(policy.content());
  }

  /** The screen of a document, with the terms of its state's legal floor whatever the document says. */
  static PurposeScreen of(PolicyContent content) {
    return of(content.purposes().prohibited(), content.purposes().notProhibited(), content.purposes().vague(),
        LegalFloor.requiredPurposes(content.agencyState()));
  }

  static PurposeScreen of(List<ProhibitedPurpose> prohibited, List<String> notProhibited, List<String> vague) {
    return of(prohibited, notProhibited, vague, List.of());
  }

  static PurposeScreen of(List<ProhibitedPurpose> prohibited, List<String> notProhibited, List<String> vague,
      List<ProhibitedPurpose> floorPurposes) {
    List<Term> hiders = terms(notProhibited);
    List<Term> innocent = new ArrayList<>();
    for (String phrase : notProhibited) {
      Term t = term(phrase);
      if (t != null && LegalFloor.innocentPhrase(phrase)) {
        innocent.add(t);
      }
    }
    Set<String> vagueWords = new HashSet<>();
    List<String> vaguePrefixes = new ArrayList<>();
    for (String v : vague) {
      boolean prefix = v.trim().endsWith("*");
      List<String> words = tokens(prefix ? v.trim().substring(0, v.trim().length() - 1) : v);
      if (prefix && words.size() == 1) {
        vaguePrefixes.add(words.get(0)); // "inv*" also covers the misspellings of "investigation"
      } else {
        vagueWords.addAll(words);
      }
    }
    return new PurposeScreen(categories(prohibited, prohibited), List.copyOf(hiders),
        categories(floorPurposes, prohibited), List.copyOf(innocent), Set.copyOf(vagueWords),
        List.copyOf(vaguePrefixes));
  }

  /** Categories to match; a floor category takes the policy's description of it when there is one. */
  private static List<Category> categories(List<ProhibitedPurpose> purposes, List<ProhibitedPurpose> policy) {
    List<Category> out = new ArrayList<>();
    for (ProhibitedPurpose p : purposes) {
      String description = policy.stream().filter(q -> q.category().equals(p.category())).findFirst()
          .map(ProhibitedPurpose::description).orElse(p.description());
      out.add(new Category(p.category(), description, terms(p.terms())));
    }
    return List.copyOf(out);
  }

  private static List<Term> terms(List<String> raw) {
    List<Term> out = new ArrayList<>();
    for (String r : raw) {
      Term t = term(r);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
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
    return isVague(reason) ? new Screening(Verdict.VAGUE, null, null) : CLEAR;
  }

  /** Whether one text names a prohibited purpose (no vagueness check). */
  public Screening prohibitedIn(String text) {
    if (text == null || text.isBlank()) {
      return CLEAR;
    }
    List<Piece> pieces = pieces(normalize(text));
    if (!spellsATerm(pieces)) {
      return CLEAR; // nearly every case number: no term to look for, nothing to hide
    }
    Screening s = find(pieces, categories, notProhibited);
    return s.prohibited() ? s : find(pieces, floor, floorHiders);
  }

  /**
   * Whether the keys of the pieces, run together, contain the key of a term of a category or of the
   * floor. A term matches only where they do ({@link #matchAt} reads its key from the start of one
   * piece across the pieces after it), so a text that spells none is clear, exactly as matching every
   * term at every piece would find, at a fraction of the cost.
   */
  private boolean spellsATerm(List<Piece> pieces) {
    String all;
    if (pieces.size() == 1) {
      all = pieces.get(0).key();
    } else {
      StringBuilder b = new StringBuilder();
      for (Piece p : pieces) {
        b.append(p.key());
      }
      all = b.toString();
    }
    return spellsATerm(all);
  }

  /** The keys of the pieces of a normalised text run together, as {@link #spellsATerm} reads them (for tests). */
  static String runTogether(String normalized) {
    StringBuilder b = new StringBuilder();
    for (Piece p : pieces(normalized)) {
      b.append(p.key());
    }
    return b.toString();
  }

  /** Whether a term key of a category or of the floor is in these piece keys run together. */
  private boolean spellsATerm(CharSequence all) {
    for (int i = 0; i < all.length(); i++) {
      char c = all.charAt(i);
      String[] keys = c < 128 ? asciiTermKeys[c] : otherTermKeys.get(c);
      if (keys != null) {
        for (String k : keys) {
          if (startsWith(all, k, i)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean startsWith(CharSequence s, String prefix, int at) {
    if (at + prefix.length() > s.length()) {
      return false;
    }
    for (int j = 0; j < prefix.length(); j++) {
      if (s.charAt(at + j) != prefix.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@link #prohibitedInIdentifier} is {@link #CLEAR} for this identifier because it is printable
   * ASCII and spells no term, read whole nor with its letters and digits apart: then it is known without
   * cutting it into pieces (distinct case numbers are as many as searches). False when it cannot tell,
   * and then {@link #prohibitedInIdentifier} is to be asked.
   */
  public boolean clearIdentifier(String identifier) {
    if (identifier == null || !printableAscii(identifier)) {
      return false;
    }
    String n = identifier.toLowerCase(Locale.ROOT); // normalize's for printable ASCII
    StringBuilder keys = new StringBuilder(n.length());
    StringBuilder word = new StringBuilder(n.length());
    if (spellsATerm(asciiKeys(n, keys, word))) {
      return false;
    }
    keys.setLength(0);
    return !spellsATerm(asciiKeys(splitLettersAndDigits(n), keys, word));
  }

  /**
   * The keys of {@link #pieces} of a lower-case printable ASCII text, run together, into {@code keys}
   * ({@code word} is scratch): the same words (an apostrophe inside a word dropped, a possessive "'s" with
   * it), each key as {@link #key} gives it, in one pass and without a piece object.
   */
  static StringBuilder asciiKeys(String s, StringBuilder keys, StringBuilder word) {
    word.setLength(0);
    boolean between = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (asciiLetterOrDigit(c)) {
        if (between) {
          asciiKey(word, keys);
          between = false;
        }
        word.append(c);
      } else if (c == '\'' && word.length() > 0 && !between && i + 1 < s.length() && asciiLetter(s.charAt(i + 1))) {
        if (s.charAt(i + 1) == 's' && (i + 2 >= s.length() || !asciiLetterOrDigit(s.charAt(i + 2)))) {
          i++;
        }
      } else {
        between = true;
      }
    }
    asciiKey(word, keys);
    return keys;
  }

  /** Appends {@link #key} of the word (lower-case ASCII letters and digits) to {@code keys}, and empties the word. */
  private static void asciiKey(StringBuilder word, StringBuilder keys) {
    boolean letters = false;
    boolean digits = false;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      letters |= c >= 'a' && c <= 'z';
      digits |= c >= '0' && c <= '9';
    }
    boolean leet = letters && digits;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      keys.append(c == 'l' ? 'i' : leet && c <= '9' ? LEET_DIGITS[c - '0'] : c); // c is a letter or a digit
    }
    word.setLength(0);
  }

  private static boolean asciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean asciiLetterOrDigit(char c) {
    return asciiLetter(c) || c >= '0' && c <= '9';
  }

  /** A normalised identifier with a hyphen wherever a letter and a digit meet ("ice2024" reads "ice-2024"). */
  private static String splitLettersAndDigits(String n) {
    StringBuilder split = new StringBuilder(n.length() + 8);
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (i > 0 && (Character.isDigit(c) && Character.isLetter(n.charAt(i - 1))
          || Character.isLetter(c) && Character.isDigit(n.charAt(i - 1)))) {
        split.append('-');
      }
      split.append(c);
    }
    return split.toString();
  }

  /**
   * Whether a case number (or another identifier) names a prohibited purpose: as
   * {@link #prohibitedIn}, and also reading its letters and digits as separate words, since an
   * identifier runs them together ("ICE2024-17").
   */
  public Screening prohibitedInIdentifier(String identifier) {
    Screening s = prohibitedIn(identifier);
    if (s.prohibited() || identifier == null) {
      return s;
    }
    return prohibitedIn(splitLettersAndDigits(normalize(identifier)));
  }

  /** The first category a term of which is in the text and not inside a phrase that hides it. */
  private static Screening find(List<Piece> pieces, List<Category> cats, List<Term> hiders) {
    List<int[]> hidden = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      for (Term t : hiders) {
        int end = matchAt(pieces, i, t);
        if (end > i) {
          hidden.add(new int[] {i, end});
        }
      }
    }
    for (int i = 0; i < pieces.size(); i++) {
      for (Category c : cats) {
        for (Term t : c.terms()) {
          int end = matchAt(pieces, i, t);
          if (end > i && !inside(hidden, i, end)) {
            return new Screening(Verdict.PROHIBITED, c.code(), c.description());
          }
        }
      }
    }
    return CLEAR;
  }

  /** Whether one hiding phrase covers the pieces from {@code from} to {@code to} (exclusive). */
  private static boolean inside(List<int[]> hidden, int from, int to) {
    for (int[] h : hidden) {
      if (h[0] <= from && to <= h[1]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where a match of {@code t} that starts with piece {@code i} ends (exclusive), or -1. A match
   * starts and ends on whole pieces; consecutive pieces are read together when they are joined
   * (see {@link #joined}) or where the term's own words meet.
   */
  private static int matchAt(List<Piece> pieces, int i, Term t) {
    String want = t.key();
    int pos = 0;
    for (int k = i; k < pieces.size(); k++) {
      if (k > i && !joined(pieces, k) && !t.wordStarts().contains(pos)) {
        return -1;
      }
      String got = pieces.get(k).key();
      int remaining = want.length() - pos;
      if (got.length() < remaining) {
        if (!want.startsWith(got, pos)) {
          return -1;
        }
        pos += got.length();
        continue;
      }
      if (!got.startsWith(want.substring(pos))) {
        return -1;
      }
      String ending = got.substring(remaining);
      boolean ok = ending.isEmpty() || t.prefix()
          || (t.lastWordLength() >= 4 && (ending.equals("s") || ending.equals("es")));
      return ok ? k + 1 : -1;
    }
    return -1;
  }

  /** Whether piece {@code k} continues the word of piece {@code k - 1}: punctuation alone between, or both short. */
  private static boolean joined(List<Piece> pieces, int k) {
    return pieces.get(k).tight() || (pieces.get(k - 1).key().length() <= 2 && pieces.get(k).key().length() <= 2);
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
    if (w.length() >= 7 && w.length() <= 64) {
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

  /** A term or phrase of the policy as matched, or null when it has no letters or digits. */
  private static Term term(String raw) {
    String s = raw.trim();
    boolean prefix = s.endsWith("*");
    List<Piece> pieces = pieces(normalize(prefix ? s.substring(0, s.length() - 1) : s));
    if (pieces.isEmpty()) {
      return null;
    }
    StringBuilder key = new StringBuilder();
    Set<Integer> starts = new HashSet<>();
    for (Piece p : pieces) {
      starts.add(key.length());
      key.append(p.key());
    }
    return new Term(key.toString(), Set.copyOf(starts), pieces.get(pieces.size() - 1).key().length(), prefix);
  }

  /**
   * The words of a text: normalised ({@link #normalize}), split on anything that is not a letter
   * or digit, apostrophes dropped inside words, and runs of single letters joined into one
   * abbreviation across any separator ("H.S.I.", "h s i", "H-S/I" are "hsi").
   */
  static List<String> tokens(String text) {
    List<Piece> pieces = pieces(normalize(text));
    List<String> out = new ArrayList<>(pieces.size());
    for (int i = 0; i < pieces.size(); i++) {
      String w = pieces.get(i).word();
      if (isLetter(w)) {
        int j = i;
        StringBuilder abbr = new StringBuilder(w);
        while (j + 1 < pieces.size() && isLetter(pieces.get(j + 1).word())) {
          abbr.append(pieces.get(++j).word());
        }
        out.add(abbr.toString());
        i = j;
      } else {
        out.add(w);
      }
    }
    return out;
  }

  /** The pieces of a normalised text, each with whether punctuation alone separates it from the one before. */
  private static List<Piece> pieces(String s) {
    List<Piece> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean tight = false; // of the word being read
    boolean between = false; // reading a separator
    boolean space = false; // the separator holds a space
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        if (between) {
          if (word.length() > 0) {
            out.add(piece(word.toString(), tight));
            word.setLength(0);
          }
          tight = !space;
          between = false;
          space = false;
        }
        word.append(c);
      } else if ((c == '\'' || c == '\u2019') && word.length() > 0 && !between && i + 1 < s.length()
          && Character.isLetter(s.charAt(i + 1))) {
        // "don't" is one word; a possessive "'s" is dropped ("ex's car" reads "ex car")
        if (s.charAt(i + 1) == 's' && (i + 2 >= s.length() || !Character.isLetterOrDigit(s.charAt(i + 2)))) {
          i++;
        }
      } else {
        between = true;
        space |= Character.isWhitespace(c) || Character.isSpaceChar(c);
      }
    }
    if (word.length() > 0) {
      out.add(piece(word.toString(), tight));
    }
    return out;
  }

  private static Piece piece(String word, boolean tight) {
    return new Piece(word, key(word), tight);
  }

  /** How a word is matched: "l" as "i", and in a word with letters and digits, look-alike digits as letters. */
  private static String key(String word) {
    boolean letters = false;
    boolean digits = false;
    for (int i = 0; i < word.length(); i++) {
      letters |= Character.isLetter(word.charAt(i));
      digits |= Character.isDigit(word.charAt(i));
    }
    StringBuilder k = new StringBuilder(word.length());
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      int d = letters && digits ? LEET_FROM.indexOf(c) : -1;
      k.append(c == 'l' ? 'i' : d >= 0 ? LEET_TO.charAt(d) : c);
    }
    return k.toString();
  }

  private static final String LEET_FROM = "0134578";
  private static final String LEET_TO = "oieastb";
  /** {@link #LEET_FROM} to {@link #LEET_TO} by digit; a digit not in it stays. */
  private static final char[] LEET_DIGITS = new char[10];

  static {
    for (char d = '0'; d <= '9'; d++) {
      int k = LEET_FROM.indexOf(d);
      LEET_DIGITS[d - '0'] = k >= 0 ? LEET_TO.charAt(k) : d;
    }
  }

  /**
   * A text as screened: invisible characters (format and control characters, zero-width spaces and
   * joiners, the soft hyphen, fillers) removed, control characters that separate (tab, line breaks)
   * read as spaces, Unicode NFKC, accents and other combining marks dropped, look-alike letters of
   * other scripts folded to Latin, lower case.
   */
  static String normalize(String text) {
    if (printableAscii(text)) {
      return text.toLowerCase(Locale.ROOT); // what the steps below give it: nothing invisible, to fold or to compose
    }
    StringBuilder visible = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (invisible(cp)) {
        continue;
      }
      if (Character.getType(cp) == Character.CONTROL) {
        if (Character.isWhitespace(cp)) {
          visible.append(' ');
        }
        continue;
      }
      visible.appendCodePoint(fold(cp)); // before NFKC too, which turns the lunate sigma that passes for C into a sigma
    }
    String s = Normalizer.normalize(visible, Normalizer.Form.NFKC);
    s = Normalizer.normalize(s, Normalizer.Form.NFD);
    StringBuilder folded = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
          || type == Character.COMBINING_SPACING_MARK || invisible(cp)) {
        continue;
      }
      folded.appendCodePoint(fold(cp));
    }
    return folded.toString().toLowerCase(Locale.ROOT);
  }

  private static boolean printableAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  private static boolean invisible(int cp) {
    int type = Character.getType(cp);
    return type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
        || type == Character.SURROGATE || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0
        || cp == 0x2800 || cp == 0x034F;
  }

  /** Look-alikes (from Unicode's confusables) of other scripts, each to the Latin letter it passes for. */
  private static final String CONFUSABLE_FROM =
      // Cyrillic capitals and small letters
      "\u0410\u0412\u0415\u041A\u041C\u041D\u041E\u0420\u0421\u0422\u0423\u0425\u0406\u0408\u0405\u04AE\u04C0"
          + "\u04BA\u0500\u051A\u051C\u0430\u0432\u0435\u043A\u043C\u043D\u043E\u0440\u0441\u0442\u0443\u0445"
          + "\u0456\u0458\u0455\u04AF\u04CF\u04BB\u0501\u051B\u051D\u044C\u0433\u043F\u0438\u0448\u04E9\u04BD"
          // Greek capitals and small letters
          + "\u0391\u0392\u0395\u0396\u0397\u0399\u039A\u039C\u039D\u039F\u03A1\u03A4\u03A5\u03A7\u03F9\u037F"
          + "\u03B1\u03B3\u03B5\u03B9\u03BA\u03BD\u03BF\u03C1\u03C4\u03C5\u03C7\u03F2\u03F3\u03C9\u03B7\u03BC"
          // Latin small capitals and other Latin look-alikes
          + "\u1D00\u0299\u1D04\u1D05\u1D07\uA730\u0262\u029C\u026A\u1D0A\u1D0B\u029F\u1D0D\u0274\u1D0F\u1D18"
          + "\u0280\uA731\u1D1B\u1D1C\u1D20\u1D21\u028F\u1D22\u0131\u0237\u0251\u0261\u0269\u01C0\u0268\u00F8"
          + "\u0111\u0127\u0142\u0167"
          // Armenian
          + "\u0585\u057D\u0570\u0578"
          // Lisu
          + "\uA4EE\uA4D0\uA4DA\uA4D3\uA4F0\uA4DD\uA4D6\uA4E7\uA4F2\uA4D9\uA4D7\uA4E1\uA4DF\uA4E0\uA4F3\uA4D1"
          + "\uA4E3\uA4E2\uA4D4\uA4F4\uA4E6\uA4EA\uA4EB\uA4EC\uA4DC"
          // Cherokee (capitals; their small letters fold through their capitals)
          + "\u13AA\u13F4\u13DF\u13A0\u13AC\u13C0\u13BB\u13A5\u13AB\u13E6\u13DE\u13B7\u13E2\u13A1\u13DA\u13A2"
          + "\u13D9\u13B3\u13C3";
  private static final String CONFUSABLE_TO =
      "ABEKMHOPCTYXIJSYI"
          + "HDQWabekmhopctyx"
          + "ijsyihdqwbrnuwoe"
          + "ABEZHIKMNOPTYXCJ"
          + "ayeikvoptuxcjwnu"
          + "abcdefghijklmnop"
          + "rstuvwyzijagiiio"
          + "dhlt"
          + "ouhn"
          + "ABCDEFGHIJKLMNOP"
          + "RSTUVWXYZ"
          + "ABCDEGHiJKLMPRST"
          + "VWZ";

  private static int fold(int cp) {
    if (cp >= 0xAB70 && cp <= 0xABBF) {
      cp = 0x13A0 + (cp - 0xAB70); // Cherokee small letter to its capital
    } else if (cp >= 0x13F8 && cp <= 0x13FD) {
      cp -= 8;
    }
    if (cp >= 0x1F1E6 && cp <= 0x1F1FF) {
      return 'a' + (cp - 0x1F1E6); // regional indicator symbols
    }
    if (cp >= 0x1F150 && cp <= 0x1F169) {
      return 'a' + (cp - 0x1F150); // negative circled capitals
    }
    if (cp >= 0x1F170 && cp <= 0x1F189) {
      return 'a' + (cp - 0x1F170); // negative squared capitals
    }
    int k = cp <= 0xFFFF ? CONFUSABLE_FROM.indexOf(cp) : -1;
    return k < 0 ? cp : CONFUSABLE_TO.charAt(k);
  }

  private static boolean isLetter(String w) {
    return w.length() == 1 && Character.isLetter(w.charAt(0));
  }
}
