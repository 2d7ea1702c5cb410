package org.glassplate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pages are JTE templates (STYLE.md 6a): no Java string literal under {@code src/main/java} holds an
 * HTML tag, except in the one chart helper ({@link Svg}), whose SVG the templates embed.
 */
class NoHtmlInJavaTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Path CHART_HELPER = SOURCES.resolve("org/glassplate/server/web/Svg.java");

  /** The elements of HTML (WHATWG), and the doctype. SVG's own elements (svg, rect, path, ...) are not HTML. */
  private static final Set<String> HTML_ELEMENTS = Set.of("!doctype", "a", "abbr", "address", "area", "article",
      "aside", "audio", "b", "base", "bdi", "bdo", "blockquote", "body", "br", "button", "canvas", "caption", "cite",
      "code", "col", "colgroup", "data", "datalist", "dd", "del", "details", "dfn", "dialog", "div", "dl", "dt", "em",
      "embed", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
      "header", "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "li", "link",
      "main", "map", "mark", "menu", "meta", "meter", "nav", "noscript", "object", "ol", "optgroup", "option",
      "output", "p", "picture", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "script", "search",
      "section", "select", "slot", "small", "source", "span", "strong", "style", "sub", "summary", "sup", "table",
      "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "u", "ul",
      "var", "video", "wbr");
  private static final Pattern TAG = Pattern.compile("</?(!?[a-zA-Z][a-zA-Z0-9]*)(?=[\\s/>]|$)");

  @Test
  void noJavaStringLiteralHoldsAnHtmlTagOutsideTheChartHelper() throws IOException {
    assertThat(SOURCES).as("run from the module directory").isDirectory();
    assertThat(CHART_HELPER).exists();
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        if (file.equals(CHART_HELPER)) {
          continue;
        }
        for (String literal : stringLiterals(Files.readString(file))) {
          htmlTags(literal).forEach(tag -> found.add(SOURCES.relativize(file) + ": <" + tag + "> in " + literal));
        }
      }
    }
    assertThat(found).as("HTML belongs in src/main/jte").isEmpty();
  }

  /** SVG too is drawn only by the chart helper (the QR code of enrolment included). */
  @Test
  void noSvgMarkupOutsideTheChartHelper() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        if (file.equals(CHART_HELPER)) {
          continue;
        }
        for (String literal : stringLiterals(Files.readString(file))) {
          if (literal.toLowerCase().contains("<svg")) {
            found.add(SOURCES.relativize(file) + ": " + literal);
          }
        }
      }
    }
    assertThat(found).as("SVG belongs in web/Svg").isEmpty();
  }

  record Case(String source, List<String> want) {
  }

  @Test
  void findsTagsInStringsAndTextBlocksOnly() {
    List<Case> cases = List.of(
        new Case("String s = \"<p class=\\\"note\\\">hi</p>\";", List.of("p", "p")),
        new Case("String s = \"\"\"\n    <!doctype html>\n    <div>\"\"\";", List.of("!doctype", "div")),
        new Case("String s = \"a\" + \"<br>\";", List.of("br")),
        new Case("// \"<p>\" in a comment\nint x = 1;", List.of()),
        new Case("/* <table> */ List<String> l; char c = '<'; String s = \"a < b\";", List.of()),
        new Case("String s = \"<svg><rect/><path d=\\\"M0\\\"/></svg>\";", List.of()),
        new Case("String s = \"\\\"<span>\\\"\";", List.of("span")),
        new Case("new TypeReference<List<RowError>>() { }; String s = \"errors\";", List.of()));
    for (Case c : cases) {
      List<String> got = stringLiterals(c.source()).stream().flatMap(l -> htmlTags(l).stream()).toList();
      assertThat(got).as(c.source()).isEqualTo(c.want());
    }
  }

  static List<String> htmlTags(String literal) {
    List<String> tags = new ArrayList<>();
    Matcher m = TAG.matcher(literal);
    while (m.find()) {
      if (HTML_ELEMENTS.contains(m.group(1).toLowerCase())) {
        tags.add(m.group(1).toLowerCase());
      }
    }
    return tags;
  }

  /** The contents of the string literals and text blocks of a Java source, comments and chars skipped. */
  static List<String> stringLiterals(String src) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (src.startsWith("//", i)) {
        int end = src.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (src.startsWith("/*", i)) {
        int end = src.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (src.startsWith("\"\"\"", i)) {
        int start = i + 3;
        int j = start;
        while (j < n && !src.startsWith("\"\"\"", j)) {
          j += src.charAt(j) == '\\' ? 2 : 1;
        }
        out.add(src.substring(start, Math.min(j, n)));
        i = j + 3;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
          j += src.charAt(j) == '\\' ? 2 : 1;
        }
        if (c == '"') {
          out.add(src.substring(i + 1, Math.min(j, n)));
        }
        i = j + 1;
      } else {
        i++;
      }
    }
    return out;
  }
}
