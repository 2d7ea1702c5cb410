package org.glassplate.server.web;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassplate.server.core.Durations;

/**
 * Words for a person, not codes: a message on its way to a page loses the requirement ids that the
 * API's messages cite ({@code (R-SRCH-1)}) and says durations as words ("30 days", not {@code PT720H}).
 * The JSON of {@code /api} keeps the messages as they are.
 */
public final class Wording {
  private static final Pattern REQUIREMENT_ALONE = Pattern.compile("\\s*\\(R-[A-Z]+-\\d+(?:,\\s*R-[A-Z]+-\\d+)*\\)");
  private static final Pattern REQUIREMENT = Pattern.compile("[:;,]?\\s*\\bR-[A-Z]+-\\d+\\b");
  private static final Pattern ISO_DURATION = Pattern.compile(
      "\\bP(?=\\d|T\\d)(?:\\d+D)?(?:T(?=\\d)(?:\\d+H)?(?:\\d+M)?(?:\\d+(?:\\.\\d+)?S)?)?\\b");

  private Wording() {
  }

  /** The text without requirement ids, its ISO-8601 durations in words; null for null. */
  public static String forPerson(String text) {
    if (text == null) {
      return null;
    }
    String s = REQUIREMENT_ALONE.matcher(text).replaceAll("");
    s = REQUIREMENT.matcher(s).replaceAll("");
    Matcher m = ISO_DURATION.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String words;
      try {
        words = Durations.inWords(Duration.parse(m.group()));
      } catch (RuntimeException e) {
        words = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(words));
    }
    m.appendTail(out);
    return out.toString();
  }
}
