package org.glassplate.server.oversight.rules;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How the rules compare typed text: case, accents and punctuation do not matter, words do. Plain ASCII,
 * nearly every reason and plate, takes a loop that gives what the Unicode path gives, without regexes.
 */
final class Words {
  private static final Pattern MARKS = Pattern.compile("\\p{M}");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern NOT_PLATE = Pattern.compile("[^\\p{L}\\p{N}*?]");

  private Words() {
  }

  /** Lower case, accents dropped, runs of anything but letters and digits read as one space, trimmed. */
  static String key(String text) {
    if (text == null) {
      return "";
    }
    if (!ascii(text)) {
      String n = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("")
          .toLowerCase(Locale.ROOT);
      return NOT_WORD.matcher(n).replaceAll(" ").strip();
    }
    StringBuilder k = new StringBuilder(text.length());
    boolean gap = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
        gap = true;
        continue;
      }
      if (gap && !k.isEmpty()) {
        k.append(' ');
      }
      gap = false;
      k.append(c);
    }
    return k.toString();
  }

  /** The keys of a list of phrases. */
  static Set<String> keys(List<String> phrases) {
    return phrases.stream().map(Words::key).filter(k -> !k.isEmpty()).collect(Collectors.toUnmodifiableSet());
  }

  /** A plate or pattern as matched: upper case, letters, digits and the wildcards {@code * ?} only. */
  static String plateKey(String plate) {
    if (plate == null) {
      return null;
    }
    if (!ascii(plate)) {
      return NOT_PLATE.matcher(plate.toUpperCase(Locale.ROOT)).replaceAll("");
    }
    StringBuilder k = new StringBuilder(plate.length());
    for (int i = 0; i < plate.length(); i++) {
      char c = plate.charAt(i);
      if (c >= 'a' && c <= 'z') {
        c = (char) (c - ('a' - 'A'));
      }
      if (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '*' || c == '?') {
        k.append(c);
      }
    }
    return k.toString();
  }

  private static boolean ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
