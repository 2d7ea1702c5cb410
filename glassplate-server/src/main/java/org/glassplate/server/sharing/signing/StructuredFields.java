package org.glassplate.server.sharing.signing;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of Structured Field Values (RFC 8941) that Signature-Input, Signature and Content-Digest
 * use: dictionaries whose members are items or inner lists, with parameters; bare items that are
 * integers, strings, tokens, byte sequences or booleans. Decimals are refused. Stricter than RFC 8941
 * in one way: a dictionary key or a parameter key given twice is refused instead of the last one
 * winning, so that a verifier and an intermediary cannot read different signatures from one field.
 * A failure is {@link SignatureFailure#MALFORMED} naming the field and the offset, never the text.
 */
final class StructuredFields {
  private static final int MAX_INTEGER_DIGITS = 15;

  /** A member of a dictionary or of an inner list. */
  sealed interface Member permits Item, InnerList {
    Map<String, Object> params();
  }

  /** A bare item (Long, String, Token, byte[] or Boolean) with its parameters. */
  record Item(Object value, Map<String, Object> params) implements Member {
  }

  /** A parenthesised list of items, with its own parameters. */
  record InnerList(List<Item> items, Map<String, Object> params) implements Member {
  }

  /** A token, kept apart from a string because they serialize differently. */
  record Token(String value) {
  }

  private final String field;
  private final String in;
  private int at;

  private StructuredFields(String field, String in) {
    this.field = field;
    this.in = in;
  }

  /** Parses a whole field value as a dictionary; {@code field} names the header in a failure. */
  static Map<String, Member> parseDictionary(String field, String value) throws SignatureRejected {
    StructuredFields p = new StructuredFields(field, value == null ? "" : value);
    p.skipSpaces();
    Map<String, Member> out = p.dictionary();
    p.skipSpaces();
    if (p.at != p.in.length()) {
      throw p.fail("unexpected character");
    }
    return out;
  }

  private Map<String, Member> dictionary() throws SignatureRejected {
    Map<String, Member> out = new LinkedHashMap<>();
    while (at < in.length()) {
      int keyAt = at;
      String key = key();
      Member member;
      if (peek() == '=') {
        at++;
        member = peek() == '(' ? innerList() : item();
      } else {
        member = new Item(Boolean.TRUE, parameters());
      }
      if (out.putIfAbsent(key, member) != null) {
        throw fail("duplicate key", keyAt);
      }
      skipOws();
      if (at == in.length()) {
        return out;
      }
      if (in.charAt(at) != ',') {
        throw fail("expected ','");
      }
      at++;
      skipOws();
      if (at == in.length()) {
        throw fail("trailing ','");
      }
    }
    return out;
  }

  private InnerList innerList() throws SignatureRejected {
    at++; // '('
    List<Item> items = new ArrayList<>();
    while (at < in.length()) {
      skipSpaces();
      if (peek() == ')') {
        at++;
        return new InnerList(Collections.unmodifiableList(items), parameters());
      }
      items.add(item());
      char c = peek();
      if (c != ' ' && c != ')') {
        throw fail("expected ' ' or ')' in an inner list");
      }
    }
    throw fail("unterminated inner list");
  }

  private Item item() throws SignatureRejected {
    Object value = bareItem();
    return new Item(value, parameters());
  }

  private Map<String, Object> parameters() throws SignatureRejected {
    Map<String, Object> out = new LinkedHashMap<>();
    while (peek() == ';') {
      at++;
      skipSpaces();
      int keyAt = at;
      String key = key();
      Object value = Boolean.TRUE;
      if (peek() == '=') {
        at++;
        value = bareItem();
      }
      if (out.putIfAbsent(key, value) != null) {
        throw fail("duplicate parameter", keyAt);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private String key() throws SignatureRejected {
    char c = peek();
    if (!(c >= 'a' && c <= 'z') && c != '*') {
      throw fail("expected a key");
    }
    int start = at;
    while (at < in.length()) {
      c = in.charAt(at);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == '*') {
        at++;
      } else {
        break;
      }
    }
    return in.substring(start, at);
  }

  private Object bareItem() throws SignatureRejected {
    char c = peek();
    if (c == '-' || (c >= '0' && c <= '9')) {
      return integer();
    }
    if (c == '"') {
      return string();
    }
    if (c == ':') {
      return byteSequence();
    }
    if (c == '?') {
      return bool();
    }
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '*') {
      return token();
    }
    throw fail("expected an item");
  }

  private Long integer() throws SignatureRejected {
    int start = at;
    boolean negative = peek() == '-';
    if (negative) {
      at++;
    }
    int digitsAt = at;
    while (at < in.length() && in.charAt(at) >= '0' && in.charAt(at) <= '9') {
      at++;
    }
    int digits = at - digitsAt;
    if (digits == 0) {
      throw fail("expected a digit");
    }
    if (digits > MAX_INTEGER_DIGITS) {
      throw fail("integer longer than 15 digits", start);
    }
    if (peek() == '.') {
      throw fail("decimals are not accepted");
    }
    return Long.parseLong(in.substring(start, at));
  }

  private String string() throws SignatureRejected {
    int start = at;
    at++; // '"'
    StringBuilder out = new StringBuilder();
    while (at < in.length()) {
      char c = in.charAt(at++);
      if (c == '\\') {
        if (at == in.length()) {
          break;
        }
        char next = in.charAt(at++);
        if (next != '"' && next != '\\') {
          throw fail("bad escape in a string", at - 2);
        }
        out.append(next);
      } else if (c == '"') {
        return out.toString();
      } else if (c < 0x20 || c > 0x7e) {
        throw fail("character not allowed in a string", at - 1);
      } else {
        out.append(c);
      }
    }
    throw fail("unterminated string", start);
  }

  private Token token() {
    int start = at;
    at++;
    while (at < in.length() && isTokenChar(in.charAt(at))) {
      at++;
    }
    return new Token(in.substring(start, at));
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~:/".indexOf(c) >= 0;
  }

  private byte[] byteSequence() throws SignatureRejected {
    int start = at;
    at++; // ':'
    int end = in.indexOf(':', at);
    if (end < 0) {
      throw fail("unterminated byte sequence", start);
    }
    String base64 = in.substring(at, end);
    for (int i = 0; i < base64.length(); i++) {
      char c = base64.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
          || c == '/' || c == '=';
      if (!ok) {
        throw fail("character not allowed in a byte sequence", at + i);
      }
    }
    at = end + 1;
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw fail("byte sequence is not base64", start);
    }
  }

  private Boolean bool() throws SignatureRejected {
    at++; // '?'
    char c = peek();
    if (c != '0' && c != '1') {
      throw fail("expected ?0 or ?1");
    }
    at++;
    return c == '1';
  }

  private char peek() {
    return at < in.length() ? in.charAt(at) : '\0';
  }

  private void skipSpaces() {
    while (at < in.length() && in.charAt(at) == ' ') {
      at++;
    }
  }

  private void skipOws() {
    while (at < in.length() && (in.charAt(at) == ' ' || in.charAt(at) == '\t')) {
      at++;
    }
  }

  private SignatureRejected fail(String what) {
    return fail(what, at);
  }

  private SignatureRejected fail(String what, int offset) {
    return new SignatureRejected(SignatureFailure.MALFORMED, field + ": " + what + " at offset " + offset);
  }

  /** The RFC 8941 serialization of an inner list of strings with its parameters. */
  static String serializeInnerList(List<String> strings, Map<String, Object> params) {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < strings.size(); i++) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(serializeBareItem(strings.get(i)));
    }
    out.append(')');
    params.forEach((key, value) -> {
      out.append(';').append(key);
      if (!Boolean.TRUE.equals(value)) {
        out.append('=').append(serializeBareItem(value));
      }
    });
    return out.toString();
  }

  /** A bare item as RFC 8941 section 4.1.3 writes it. */
  static String serializeBareItem(Object value) {
    if (value instanceof Long n) {
      if (Math.abs(n) >= 1_000_000_000_000_000L) {
        throw new IllegalArgumentException("integer out of range");
      }
      return Long.toString(n);
    }
    if (value instanceof String s) {
      StringBuilder out = new StringBuilder("\"");
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x20 || c > 0x7e) {
          throw new IllegalArgumentException("character not allowed in a string at " + i);
        }
        if (c == '"' || c == '\\') {
          out.append('\\');
        }
        out.append(c);
      }
      return out.append('"').toString();
    }
    if (value instanceof Token t) {
      return t.value();
    }
    if (value instanceof byte[] b) {
      return ":" + Base64.getEncoder().encodeToString(b) + ":";
    }
    if (value instanceof Boolean b) {
      return b ? "?1" : "?0";
    }
    throw new IllegalArgumentException("not a structured-field bare item: " + value.getClass().getSimpleName());
  }
}
