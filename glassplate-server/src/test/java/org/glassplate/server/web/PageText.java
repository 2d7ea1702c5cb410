package org.glassplate.server.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a page must not show a person (issue 13, "words, not codes"), as the page crawl of
 * {@link EveryPageBrowserIT} reads it: an ISO-8601 duration ({@code PT720H}, not "30 days"), a
 * requirement id ({@code R-SRCH-3}), a pseudonym ({@code user:4}) and a machine code
 * ({@code INVALID_FIELD}). The text checked is the page's prose: without the policy document as written
 * ({@code .verbatim}), the small muted line of a refusal's code ({@code #refusal-code-line}) and any code
 * kept for the record beside its words ({@code .code}: small and muted, after the words that say it).
 */
final class PageText {
  /** What a person must not be shown, by what it is. */
  static final Map<String, Pattern> CODES;

  static {
    Map<String, Pattern> codes = new LinkedHashMap<>();
    codes.put("an ISO-8601 duration", Pattern.compile("\\bP(?=\\d|T\\d)(?:\\d+[YMWD])*(?:T(?:\\d+(?:\\.\\d+)?[HMS])+)?\\b"));
    codes.put("a requirement id", Pattern.compile("\\bR-[A-Z]{2,5}-\\d+\\b"));
    codes.put("a pseudonym", Pattern.compile("\\buser:\\d+\\b"));
    codes.put("a machine code", Pattern.compile("\\b[A-Z]{3,}(?:_[A-Z]+)+\\b"));
    CODES = java.util.Collections.unmodifiableMap(codes);
  }

  /**
   * The page's prose (run in the browser; returns its visible text): a copy of the body without the
   * verbatim policy document, the muted code line of a refusal, codes kept beside their words, and
   * scripts and templates; folded parts ({@code <details>}) opened, as a person opens them.
   */
  static final String VISIBLE_TEXT_SCRIPT = """
      var clone = document.body.cloneNode(true);
      clone.querySelectorAll('.verbatim, #refusal-code-line, .code, script, template, style')
          .forEach(function (e) { e.remove(); });
      clone.querySelectorAll('details').forEach(function (d) { d.open = true; });
      document.body.appendChild(clone);
      clone.style.position = 'absolute'; clone.style.left = '-99999px';
      var text = clone.innerText;
      clone.remove();
      return text;""";

  private PageText() {
  }

  /** The codes in {@code text}, each as "what 'match': ...context...". */
  static List<String> codesIn(String text) {
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, Pattern> code : CODES.entrySet()) {
      Matcher m = code.getValue().matcher(text);
      while (m.find()) {
        int from = Math.max(0, m.start() - 50);
        found.add(code.getKey() + " '" + m.group() + "': ..."
            + text.substring(from, Math.min(text.length(), m.end() + 50)).replace('\n', ' ') + "...");
      }
    }
    return found;
  }

  /**
   * What is wrong with a shown time, or null: its hover title ({@code title}) gives the moment in UTC,
   * ending {@code " UTC"}; its text is the agency's local time, never an ISO instant ending {@code Z}.
   */
  static String timeProblem(String title, String text) {
    if (title == null || !title.endsWith(" UTC")) {
      return "a time whose hover title does not end in ' UTC': title '" + title + "', text '" + text + "'";
    }
    if (text != null && text.strip().endsWith("Z")) {
      return "a time shown as an ISO instant (ending Z): '" + text + "'";
    }
    return null;
  }
}
