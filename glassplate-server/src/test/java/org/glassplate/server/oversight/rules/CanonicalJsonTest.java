package org.glassplate.server.oversight.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.glassplate.server.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Entries read without a JSON parser ({@link CanonicalJson}, {@link AuditRecord#canonical}) are the records the
 * parser gives ({@link AuditRecord#parsed}) and a whole tree gives: on entries as the recorder writes them, on
 * odd ones, and on 100,000 random ones, most of them a little broken.
 */
class CanonicalJsonTest {
  /** Entries as the recorder writes them (the bench fill's and the demo's, from a real data directory). */
  static final String[][] WRITTEN = {
      {"{\"actor\":\"user:1014\",\"actorKind\":\"USER\",\"agency\":\"bench-pd\",\"camerasCovered\":48,"
          + "\"caseNumberPresent\":true,\"commitment\":\"omomcVHjjgYtE3Hsx6CyUuNHBBvQpPcb0WhCkPDGLq8=\",\"lookalike\":false,"
          + "\"offense\":\"ROBBERY\",\"outcome\":\"SUCCESS\",\"page\":1,\"resultCount\":3,\"roles\":[\"investigator\"],"
          + "\"searchKind\":\"PLATE\",\"time\":\"2025-11-29T00:54:52.262343338Z\",\"type\":\"SEARCH_PERFORMED\","
          + "\"typeCode\":501,\"windowHours\":24}",
          "{\"caseNumber\":\"MV26590771\",\"from\":\"2025-11-26T01:54:52.262343338Z\",\"plate\":\"A2A166A\","
              + "\"reason\":\"Armed robbery of the gas station on Shaw Ave; the getaway car is on the store's video\","
              + "\"sourceAddress\":\"10.0.2.14\",\"to\":\"2025-11-29T00:54:52.262343338Z\"}"},
      {"{\"accepted\":408,\"actor\":\"camera:32\",\"actorKind\":\"CAMERA\",\"agency\":\"bench-pd\",\"alerts\":0,"
          + "\"commitment\":\"8xX1NXlXu9Z5N0d1KPz9kCHi6Qc2Hkki8ZOlUPVBze4=\",\"format\":\"glassplate\",\"outcome\":\"SUCCESS\","
          + "\"rejected\":0,\"roles\":[\"CAMERA\"],\"time\":\"2025-11-29T00:53:37.980840022Z\",\"type\":\"READS_INGESTED\","
          + "\"typeCode\":201}", "{\"sourceAddress\":\"10.0.1.32\"}"},
      {"{\"actor\":\"system\",\"actorKind\":\"SYSTEM\",\"agency\":\"mesa-verde-pd\",\"approval\":\"initial default\","
          + "\"commitment\":\"Q0tcxwWF5aTdDC4FkrENKe5R/wWlBKWcnv+o8fmSwhQ=\",\"outcome\":\"SUCCESS\",\"roles\":[],"
          + "\"time\":\"2026-12-01T04:50:09.504225286Z\",\"type\":\"POLICY_ACTIVATED\",\"typeCode\":401,\"version\":1}", "{}"},
      {"{\"actor\":\"user:1005\",\"outcome\":\"DENIED\",\"reasonCode\":\"PROHIBITED_PURPOSE\",\"reasonCategory\":"
          + "\"FIRST_AMENDMENT\",\"time\":\"2025-11-29T00:55:29Z\",\"type\":\"SEARCH_DENIED\",\"typeCode\":502}",
          "{\"caseNumber\":null,\"onBehalfOf\":\"ICE\",\"pattern\":\"7AB*\",\"reason\":\"protest\"}"},
  };

  @Test
  void readsEntriesAsTheRecorderWritesThemWithoutTheParser() {
    for (String[] w : WRITTEN) {
      AuditLog.PrivateEntry e = entry(w[0], w[1]);
      assertNotNull(AuditRecord.canonical(e), w[0]);
      assertEquals(AuditRecordTest.asTree(e), AuditRecordTest.read(() -> AuditRecord.of(e)));
      assertEquals(AuditRecordTest.read(() -> AuditRecord.parsed(e)), AuditRecordTest.read(() -> AuditRecord.canonical(e)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{ \"type\":\"SEARCH_PERFORMED\"}", "{\"type\" :\"SEARCH_PERFORMED\"}", "{\"type\":\"SEARCH_PERFORMED\"} ",
      "{\"type\":\"SEARCH\\u005fPERFORMED\"}", "{\"type\":\"SÉARCH\"}", "{\"page\":1.0}", "{\"page\":1e0}", "{\"page\":01}",
      "{\"page\":-0}", "{\"page\":-}", "{\"page\":2147483648}", "{\"page\":-2147483648}", "{\"page\":true}",
      "{\"page\":\"1\"}", "{\"x\":[1,]}", "{\"x\":[,1]}", "{\"x\":{\"a\":1,}}", "{\"x\":{}}", "{\"x\":[]}",
      "{\"x\":nul}", "{\"x\":nullx}", "{\"x\":tru}", "{\"x\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}",
      "{\"x\":123456789012345678901}", "{\"x\":\"a\tb\"}", "{}", "{", "}", "", "[]", "{\"type\":\"A\",}",
      "{\"type\":\"A\"\"time\":\"B\"}", "{\"type\":\"A\",\"type\":null}", "{\"type\":null,\"type\":\"A\"}", "{\"\":1}",
      "{\"x\":{\"type\":\"A\"}}"})
  void oddEntriesReadAsTheParserReadsThem(String json) {
    for (String priv : new String[] {null, "{}", "{\"plate\":\"7ABC123\"}"}) {
      AuditLog.PrivateEntry e = entry(json, priv);
      assertEquals(AuditRecordTest.asTree(e), AuditRecordTest.read(() -> AuditRecord.of(e)), json);
      if (readsCanonically(e)) {
        assertEquals(AuditRecordTest.read(() -> AuditRecord.parsed(e)), AuditRecordTest.read(() -> AuditRecord.canonical(e)));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"plate\":\"7ABC123\"}", "{\"plate\":\"7ABC123\",\"plate\":null}",
      "{\"plate\":null,\"plate\":\"7ABC123\"}", "{\"reason\":\"café à côté\"}", "{\"reason\":\"a\\\"b\"}",
      "{\"reason\":\"a\nb\"}", "{\"n\":1}", "{\"plate\":\"7ABC123\" }", "{\"plate\":\"7ABC123\"}{}", "{\"plate\":nul}",
      "{\"plate\":nullx}", "{\"plate\":\"7AB", "{}", "{ }", "[\"plate\"]", "{\"\":\"\"}", "{\"a\":\"b\",}"})
  void oddPrivateFieldsReadAsTheParserReadsThem(String priv) {
    AuditLog.PrivateEntry e = entry(WRITTEN[0][0], priv);
    assertEquals(AuditRecordTest.asTree(e), AuditRecordTest.read(() -> AuditRecord.of(e)), priv);
  }

  @Test
  void refusesWhatItDoesNotKnowRatherThanGuess() {
    assertNull(CanonicalJson.strings("{\"reason\":\"a\\\"b\"}"));
    assertNull(CanonicalJson.strings("{ }"));
    assertNull(CanonicalJson.fields("{\"page\":1.0}".getBytes(StandardCharsets.UTF_8), List.of("page")));
    assertNull(CanonicalJson.fields("{\"x\":\"é\"}".getBytes(StandardCharsets.UTF_8), List.of("page")));
    assertEquals("1", CanonicalJson.fields("{\"page\":1}".getBytes(StandardCharsets.UTF_8), List.of("page")).text[0]);
  }

  @Test
  void randomEntriesReadAlikeEveryWay() {
    Random random = new Random(16);
    int canonical = 0;
    int n = 100_000;
    for (int k = 0; k < n; k++) {
      String pub = entryJson(random);
      String priv = random.nextInt(8) == 0 ? null : privateJson(random);
      if (random.nextInt(3) == 0) {
        pub = mutate(pub, random);
      }
      if (priv != null && random.nextInt(3) == 0) {
        priv = mutate(priv, random);
      }
      AuditLog.PrivateEntry e = entry(pub, priv);
      String expected = AuditRecordTest.asTree(e);
      assertEquals(expected, AuditRecordTest.read(() -> AuditRecord.of(e)), pub + " | " + priv);
      if (readsCanonically(e)) {
        canonical++;
        assertEquals(AuditRecordTest.read(() -> AuditRecord.parsed(e)), AuditRecordTest.read(() -> AuditRecord.canonical(e)),
            pub + " | " + priv);
      }
    }
    assertTrue(canonical > n / 10, "the canonical path read " + canonical); // the test compares something
  }

  private static final String[] NAMES = {"type", "time", "actor", "outcome", "reasonCode", "page", "searchKind",
      "reasonCategory", "onBehalfOfKind", "onBehalfOf", "requestingAgency", "roles", "commitment", "typeCode",
      "windowHours", "lookalike", "x", ""};
  private static final String[] TYPES = {"SEARCH_PERFORMED", "SEARCH_DENIED", "PARTNER_QUERY", "PARTNER_QUERY_REFUSED",
      "READS_INGESTED", "SIGN_IN_SUCCEEDED"};

  static String entryJson(Random r) {
    List<String> parts = new ArrayList<>();
    parts.add("\"type\":" + (r.nextInt(20) == 0 ? value(r, 0) : quote(TYPES[r.nextInt(TYPES.length)])));
    parts.add("\"time\":" + (r.nextInt(20) == 0 ? value(r, 0)
        : quote("2025-11-" + (10 + r.nextInt(20)) + "T0" + r.nextInt(10) + ":1" + r.nextInt(10) + ":0" + r.nextInt(10)
            + (r.nextBoolean() ? "." + (1 + r.nextInt(999_999_999)) : "") + "Z")));
    int more = r.nextInt(8);
    for (int i = 0; i < more; i++) {
      parts.add(quote(NAMES[r.nextInt(NAMES.length)]) + ":" + value(r, 0));
    }
    java.util.Collections.shuffle(parts, r);
    return "{" + String.join(",", parts) + "}";
  }

  static String privateJson(Random r) {
    List<String> parts = new ArrayList<>();
    String[] names = {"plate", "pattern", "reason", "caseNumber", "onBehalfOf", "from", "sourceAddress"};
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      String v = r.nextInt(10) == 0 ? "null" : r.nextInt(15) == 0 ? value(r, 0) : quote(text(r));
      parts.add(quote(names[r.nextInt(names.length)]) + ":" + v);
    }
    return "{" + String.join(",", parts) + "}";
  }

  static String value(Random r, int depth) {
    switch (r.nextInt(depth > 3 ? 6 : 8)) {
      case 0:
        return quote(text(r));
      case 1:
        return List.of("0", "1", "-1", "2", "-0", "01", "1.0", "1e3", "2147483647", "2147483648", "-2147483649",
            "12345678901234567890", "9223372036854775807", String.valueOf(r.nextInt())).get(r.nextInt(14));
      case 2:
        return List.of("null", "true", "false").get(r.nextInt(3));
      case 3:
        return quote(String.valueOf(r.nextInt(5)));
      case 4:
        return "null";
      case 5:
        return quote("PLATE");
      case 6: {
        List<String> items = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          items.add(value(r, depth + 1));
        }
        return "[" + String.join(",", items) + "]";
      }
      default: {
        List<String> items = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          items.add(quote(NAMES[r.nextInt(NAMES.length)]) + ":" + value(r, depth + 1));
        }
        return "{" + String.join(",", items) + "}";
      }
    }
  }

  static String text(Random r) {
    String alphabet = "ab Z09*?-;'.é\\\"\t\u0001€\uD83D\uDE97";
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      char c = r.nextInt(12) == 0 ? alphabet.charAt(r.nextInt(alphabet.length())) : (char) ('a' + r.nextInt(26));
      if (c == '\\') {
        sb.append(r.nextBoolean() ? "\\\\" : r.nextBoolean() ? "\\n" : "\\u00e9");
      } else if (c == '"') {
        sb.append(r.nextBoolean() ? "\\\"" : "\"");
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static String quote(String s) {
    return "\"" + s + "\"";
  }

  /** One small change: a character dropped, doubled or replaced, white space put in, or the end cut off. */
  static String mutate(String s, Random r) {
    if (s.isEmpty()) {
      return " ";
    }
    int at = r.nextInt(s.length());
    String odd = List.of(" ", "\n", ",", ":", "\"", "{", "}", "[", "]", "0", "-", "\\", "é", "n", ".").get(r.nextInt(15));
    switch (r.nextInt(5)) {
      case 0:
        return s.substring(0, at) + s.substring(at + 1);
      case 1:
        return s.substring(0, at) + s.charAt(at) + s.substring(at);
      case 2:
        return s.substring(0, at) + odd + s.substring(at + 1);
      case 3:
        return s.substring(0, at) + odd + s.substring(at);
      default:
        return s.substring(0, at);
    }
  }

  /** Whether the canonical reading gives a record, or refuses the entry itself (rather than leave it to the parser). */
  static boolean readsCanonically(AuditLog.PrivateEntry e) {
    try {
      return AuditRecord.canonical(e) != null;
    } catch (RuntimeException refused) {
      return true;
    }
  }

  static AuditLog.PrivateEntry entry(String pub, String priv) {
    return new AuditLog.PrivateEntry(42, pub.getBytes(StandardCharsets.UTF_8), priv);
  }
}
