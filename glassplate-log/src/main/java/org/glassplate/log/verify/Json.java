package org.glassplate.log.verify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON (RFC 8259) reader, only for the log's proof answers: the library has no
 * dependencies, and the answers are tiny. Objects become maps, arrays lists, numbers BigDecimal.
 */
final class Json {
  private static final int MAX_DEPTH = 16;

  private final String s;
  private int p;

  private Json(String s) {
    this.s = s;
  }

  static Object parse(String text) {
    Json j = new Json(text);
    j.ws();
    Object v = j.value(0);
    j.ws();
    if (j.p != text.length()) {
      throw j.error("unexpected text after the value");
    }
    return v;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested too deeply");
    }
    if (p >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(p);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character");
    }
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> m = new LinkedHashMap<>();
    p++;
    ws();
    if (peek('}')) {
      p++;
      return m;
    }
    while (true) {
      ws();
      if (!peek('"')) {
        throw error("want a member name");
      }
      String k = string();
      ws();
      expect(':');
      ws();
      if (m.put(k, value(depth + 1)) != null || m.size() > 64) {
        throw error("duplicate member \"" + k + "\" or too many members");
      }
      ws();
      if (peek(',')) {
        p++;
        continue;
      }
      expect('}');
      return m;
    }
  }

  private List<Object> array(int depth) {
    List<Object> a = new ArrayList<>();
    p++;
    ws();
    if (peek(']')) {
      p++;
      return a;
    }
    while (true) {
      ws();
      a.add(value(depth + 1));
      ws();
      if (peek(',')) {
        p++;
        continue;
      }
      expect(']');
      return a;
    }
  }

  private String string() {
    p++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (p >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(p++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw error("control character in string");
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (p >= s.length()) {
        throw error("unterminated escape");
      }
      char e = s.charAt(p++);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (p + 4 > s.length()) {
            throw error("short \\u escape");
          }
          try {
            b.append((char) Integer.parseInt(s.substring(p, p + 4), 16));
          } catch (NumberFormatException x) {
            throw error("bad \\u escape");
          }
          p += 4;
        }
        default -> throw error("bad escape");
      }
    }
  }

  private BigDecimal number() {
    int start = p;
    if (peek('-')) {
      p++;
    }
    if (peek('0')) {
      p++;
    } else if (digit()) {
      while (digit()) {
        p++;
      }
    } else {
      throw error("bad number");
    }
    if (peek('.')) {
      p++;
      if (!digit()) {
        throw error("bad number");
      }
      while (digit()) {
        p++;
      }
    }
    if (peek('e') || peek('E')) {
      p++;
      if (peek('+') || peek('-')) {
        p++;
      }
      if (!digit()) {
        throw error("bad number");
      }
      while (digit()) {
        p++;
      }
    }
    if (p - start > 40) {
      throw error("number too long");
    }
    return new BigDecimal(s.substring(start, p));
  }

  private Object literal(String word, Object v) {
    if (!s.startsWith(word, p)) {
      throw error("unexpected character");
    }
    p += word.length();
    return v;
  }

  private boolean digit() {
    return p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9';
  }

  private boolean peek(char c) {
    return p < s.length() && s.charAt(p) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("want '" + c + "'");
    }
    p++;
  }

  private void ws() {
    while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t' || s.charAt(p) == '\n' || s.charAt(p) == '\r')) {
      p++;
    }
  }

  private IllegalArgumentException error(String why) {
    return new IllegalArgumentException("malformed JSON at offset " + p + ": " + why);
  }
}
