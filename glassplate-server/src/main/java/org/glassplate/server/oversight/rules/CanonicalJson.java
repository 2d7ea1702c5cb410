package org.glassplate.server.oversight.rules;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the few fields the rules want from an entry as the audit recorder writes it (canonical JSON:
 * one object, no white space, plain ASCII strings without escapes, integers), without a JSON parser
 * (docs/BENCHMARKS.md, issue 16: parsing was most of the read-ahead thread's time). It accepts only a
 * strict subset of JSON and gives up (null) on anything else (white space, an escape, a byte that is not
 * ASCII, a fraction, an exponent, deep nesting, a long string), which the caller then reads with the JSON
 * parser as before; so what it accepts it reads as the parser would ({@code CanonicalJsonTest}).
 */
final class CanonicalJson {
  /** Deeper than this, or a string or name longer than {@link #MAX_STRING}, is left to the parser. */
  private static final int MAX_DEPTH = 16;
  private static final int MAX_STRING = 10_000;
  /** At most 18 digits: always a long, never near the parser's limits. */
  private static final int MAX_DIGITS = 18;

  /** What {@link #fields} found: each wanted field's text (null for absent or JSON null) and whether it was a string. */
  static final class Fields {
    final String[] text;
    /** The integer value of each wanted field that was an integer, else null. */
    final Long[] integer;

    Fields(int n) {
      text = new String[n];
      integer = new Long[n];
    }
  }

  private final byte[] b;
  private int i;

  private CanonicalJson(byte[] b) {
    this.b = b;
  }

  /**
   * The top-level {@code names} of one canonical JSON object: strings, integers of an int's range and
   * nulls; null when the object is anything else (or any other value of a wanted name, e.g. a boolean).
   * A name given twice counts as its last value, as in the parser's tree.
   */
  static Fields fields(byte[] json, List<String> names) {
    byte[][] wanted = new byte[names.size()][];
    for (int k = 0; k < wanted.length; k++) {
      wanted[k] = names.get(k).getBytes(StandardCharsets.US_ASCII);
    }
    return fields(json, wanted);
  }

  static Fields fields(byte[] json, byte[][] wanted) {
    if (json == null || json.length < 2 || json[0] != '{' || json[json.length - 1] != '}') {
      return null;
    }
    CanonicalJson r = new CanonicalJson(json);
    Fields out = new Fields(wanted.length);
    r.i = 1;
    if (json[1] == '}') {
      return json.length == 2 ? out : null;
    }
    while (true) {
      int nameStart = r.i + 1;
      int nameEnd = r.string();
      if (nameEnd < 0 || r.i >= json.length || json[r.i] != ':') {
        return null;
      }
      r.i++;
      int k = match(json, nameStart, nameEnd, wanted);
      if (k < 0) {
        if (!r.value(1)) {
          return null;
        }
      } else if (!r.wanted(out, k)) {
        return null;
      }
      if (r.i >= json.length) {
        return null;
      }
      byte c = json[r.i];
      if (c == '}') {
        return r.i == json.length - 1 ? out : null;
      }
      if (c != ',') {
        return null;
      }
      r.i++;
    }
  }

  /** The index in {@code wanted} of the name in {@code [from, to)}, or -1. */
  private static int match(byte[] b, int from, int to, byte[][] wanted) {
    int n = to - from;
    for (int k = 0; k < wanted.length; k++) {
      byte[] w = wanted[k];
      if (w.length != n) {
        continue;
      }
      int j = 0;
      while (j < n && b[from + j] == w[j]) {
        j++;
      }
      if (j == n) {
        return k;
      }
    }
    return -1;
  }

  /** Reads a wanted field's value: a string, null or an int-range integer. */
  private boolean wanted(Fields out, int k) {
    if (i >= b.length) {
      return false;
    }
    byte c = b[i];
    if (c == '"') {
      int start = i + 1;
      int end = string();
      if (end < 0) {
        return false;
      }
      out.text[k] = new String(b, start, end - start, StandardCharsets.ISO_8859_1); // ASCII only
      out.integer[k] = null;
      return true;
    }
    if (c == 'n') {
      if (!literal("null")) {
        return false;
      }
      out.text[k] = null;
      out.integer[k] = null;
      return true;
    }
    if (c == '-' || c >= '0' && c <= '9') {
      int start = i;
      if (!number()) {
        return false;
      }
      long v = Long.parseLong(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        return false; // the parser's tree holds a long: left to it
      }
      out.text[k] = Long.toString(v);
      out.integer[k] = v;
      return true;
    }
    return false;
  }

  /** Skips one value at {@code depth}. */
  private boolean value(int depth) {
    if (i >= b.length || depth > MAX_DEPTH) {
      return false;
    }
    byte c = b[i];
    switch (c) {
      case '"':
        return string() >= 0;
      case 'n':
        return literal("null");
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case '[':
        return array(depth);
      case '{':
        return object(depth);
      default:
        return (c == '-' || c >= '0' && c <= '9') && number();
    }
  }

  private boolean array(int depth) {
    i++; // [
    if (i < b.length && b[i] == ']') {
      i++;
      return end();
    }
    while (true) {
      if (!value(depth + 1) || i >= b.length) {
        return false;
      }
      if (b[i] == ']') {
        i++;
        return end();
      }
      if (b[i] != ',') {
        return false;
      }
      i++;
    }
  }

  private boolean object(int depth) {
    i++; // {
    if (i < b.length && b[i] == '}') {
      i++;
      return end();
    }
    while (true) {
      if (string() < 0 || i >= b.length || b[i] != ':') {
        return false;
      }
      i++;
      if (!value(depth + 1) || i >= b.length) {
        return false;
      }
      if (b[i] == '}') {
        i++;
        return end();
      }
      if (b[i] != ',') {
        return false;
      }
      i++;
    }
  }

  /**
   * A string at {@code i} of plain ASCII (no escape, no control character); moves past it and returns
   * the index of its closing quote, or -1.
   */
  private int string() {
    if (i >= b.length || b[i] != '"') {
      return -1;
    }
    int start = i + 1;
    int limit = Math.min(b.length, start + MAX_STRING);
    for (int j = start; j < limit; j++) {
      byte c = b[j];
      if (c == '"') {
        i = j + 1;
        return j;
      }
      if (c == '\\' || c < 0x20) { // bytes of 0x80 and above are negative
        return -1;
      }
    }
    return -1;
  }

  private boolean literal(String word) {
    int n = word.length();
    if (i + n > b.length) {
      return false;
    }
    for (int j = 0; j < n; j++) {
      if (b[i + j] != word.charAt(j)) {
        return false;
      }
    }
    i += n;
    return end();
  }

  /** An integer: {@code -?(0|[1-9][0-9]*)}, at most {@link #MAX_DIGITS} digits, then the end of the value. */
  private boolean number() {
    if (b[i] == '-') {
      i++;
    }
    int start = i;
    while (i < b.length && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    int digits = i - start;
    if (digits == 0 || digits > MAX_DIGITS || digits > 1 && b[start] == '0') {
      return false;
    }
    return end();
  }

  /** Whether what follows a value ends it as canonical JSON does (a comma or a closing bracket). */
  private boolean end() {
    if (i >= b.length) {
      return false;
    }
    byte c = b[i];
    return c == ',' || c == '}' || c == ']';
  }

  /**
   * The private fields of one JSON object whose values are all strings or null, as canonical JSON writes
   * them (no white space, no escape); a later null hides an earlier value. Null when it is anything else.
   */
  static Map<String, String> strings(String json) {
    int n = json.length();
    if (n < 2 || json.charAt(0) != '{' || json.charAt(n - 1) != '}') {
      return null;
    }
    Map<String, String> out = new HashMap<>();
    if (n == 2) {
      return out;
    }
    int i = 1;
    while (true) {
      int nameEnd = stringEnd(json, i);
      if (nameEnd < 0 || nameEnd + 1 >= n || json.charAt(nameEnd + 1) != ':') {
        return null;
      }
      String name = json.substring(i + 1, nameEnd);
      i = nameEnd + 2;
      if (i >= n) {
        return null;
      }
      char c = json.charAt(i);
      if (c == '"') {
        int end = stringEnd(json, i);
        if (end < 0) {
          return null;
        }
        out.put(name, json.substring(i + 1, end));
        i = end + 1;
      } else if (json.startsWith("null", i)) {
        out.remove(name);
        i += 4;
      } else {
        return null;
      }
      if (i >= n) {
        return null;
      }
      c = json.charAt(i);
      if (c == '}') {
        return i == n - 1 ? out : null;
      }
      if (c != ',') {
        return null;
      }
      i++;
    }
  }

  /** The index of the closing quote of the string at {@code i}, with no escape nor control character in it; or -1. */
  private static int stringEnd(String s, int i) {
    if (i >= s.length() || s.charAt(i) != '"') {
      return -1;
    }
    int limit = Math.min(s.length(), i + 1 + MAX_STRING);
    for (int j = i + 1; j < limit; j++) {
      char c = s.charAt(j);
      if (c == '"') {
        return j;
      }
      if (c == '\\' || c < 0x20) {
        return -1;
      }
    }
    return -1;
  }
}
