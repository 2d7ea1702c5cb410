package org.glassplate.server.oversight.rules;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** How the rules compare typed text: case, accents and punctuation do not matter, words do. */
final class Words {
  private Words() {
  }

  /** Lower case, accents dropped, runs of anything but letters and digits read as one space, trimmed. */
  static String key(String text) {
    if (text == null) {
      return "";
    }
    String n = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    return n.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
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
    return plate.toUpperCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}*?]", "");
  }
}
