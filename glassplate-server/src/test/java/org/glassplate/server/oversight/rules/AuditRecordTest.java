package org.glassplate.server.oversight.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.glassplate.server.audit.AuditLog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stored entry is read by the streaming parser into the fields the rules read; whatever the entry
 * holds, the record is the one a whole tree of it gives (or both refuse it alike).
 */
class AuditRecordTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String SEARCH = "\"type\":\"SEARCH_PERFORMED\",\"time\":\"2026-12-01T03:04:54.123Z\",\"actor\":\"user:7\","
      + "\"outcome\":\"SUCCESS\",\"roles\":[\"investigator\"],\"commitment\":\"abc=\",\"searchKind\":\"PLATE\"";
  static final String PRIVATE = "{\"caseNumber\":\"MV26000001\",\"plate\":\"7ABC123\",\"reason\":\"armed robbery\"}";

  @ParameterizedTest(name = "{0} | {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      `{$S,"page":1}`                                             | PRIVATE
      `{$S,"page":2}`                                             | PRIVATE
      `{$S,"page":"2"}`                                           | PRIVATE
      `{$S,"page":2.0}`                                           | PRIVATE
      `{$S,"page":3000000000}`                                    | PRIVATE
      `{$S,"page":null}`                                          | PRIVATE
      `{$S,"page":true}`                                          | PRIVATE
      `{$S,"reasonCategory":{"a":1}}`                             | PRIVATE
      `{$S,"onBehalfOf":["x"],"onBehalfOfKind":"FEDERAL"}`        | PRIVATE
      `{$S,"searchKind":"AREA","requestingAgency":"Fresno PD"}`   | PRIVATE
      `{$S,"unused":{"deep":[1,2,{"x":null}]},"n":1e400}`         | PRIVATE
      `{"type":"SEARCH_DENIED","type":"SEARCH_PERFORMED","time":"2026-12-01T03:04:54Z"}` | PRIVATE
      `{$S}`                                                      | `{"plate":"7ABC123","plate":null,"pattern":"7AB*"}`
      `{$S}`                                                      | `{"plate":null,"plate":"7ABC123"}`
      `{$S}`                                                      | `{"plate":"7ABC123","windowHours":24,"x":{"y":1}}`
      `{$S}`                                                      | `["plate"]`
      `{$S}`                                                      | `{"plate":"7ABC123"} {}`
      `{$S}`                                                      | `{"plate":"7AB`
      `{$S}`                                                      | `   `
      `{$S}`                                                      | NULL
      `{$S,"page":1} {`                                           | PRIVATE
      `{$S,"page":1}}`                                            | PRIVATE
      `[{$S}]`                                                    | PRIVATE
      `{$S,"page":01}`                                            | PRIVATE
      `{$S,"page":1`                                              | PRIVATE
      `{"type":"READS_INGESTED","time":"2026-12-01T03:04:54.5Z","actor":"camera:3"}` | NULL
      `{"type":"SEARCH_PERFORMED","time":"2026-02-30T03:04:54Z","actor":"user:1"}` | PRIVATE
      """)
  void readsAStoredEntryAsAWholeTreeWould(String entry, String privateFields) {
    String pub = entry.replace("$S", SEARCH);
    String priv = privateFields.equals("NULL") ? null : privateFields.equals("PRIVATE") ? PRIVATE : privateFields;
    AuditLog.PrivateEntry e = new AuditLog.PrivateEntry(42, pub.getBytes(StandardCharsets.UTF_8), priv);
    assertEquals(asTree(e), read(() -> AuditRecord.of(e)), pub + " | " + priv);
  }

  /** What the rules see of a record, or the class of the exception that refused it. */
  static String read(java.util.function.Supplier<AuditRecord> reading) {
    AuditRecord r;
    try {
      r = reading.get();
    } catch (RuntimeException e) {
      return "refused: " + e.getClass().getName();
    }
    Map<String, String> fields = new TreeMap<>();
    for (String f : AuditRecord.RULE_FIELDS) {
      try {
        fields.put(f, r.field(f));
      } catch (RuntimeException e) {
        fields.put(f, "refused: " + e.getClass().getName()); // a rule reading it fails alike
      }
    }
    return r.index() + " " + r.type() + " " + r.time() + " " + r.actor() + " " + r.outcome() + " " + r.reasonCode()
        + " performed=" + r.performedSearch() + " refused=" + r.refusedSearch() + " asAsked=" + r.searchAsAsked()
        + " plate=" + r.plateOrPattern() + "/" + r.plateKey() + " exact=" + r.exactPlate() + " " + fields + " "
        + new TreeMap<>(r.privateFields());
  }

  /** The entry read as a whole tree, as the rules read every entry before the streaming parser. */
  static String asTree(AuditLog.PrivateEntry e) {
    return read(() -> {
      JsonNode pub = JSON.readTree(e.entry());
      Map<String, String> priv = new TreeMap<>();
      if (e.privateFields() != null && !e.privateFields().isBlank()) {
        JSON.readTree(e.privateFields()).properties().forEach(p -> {
          if (p.getValue() != null && !p.getValue().isNull()) {
            priv.put(p.getKey(), p.getValue().isString() ? p.getValue().asString() : p.getValue().toString());
          }
        });
      }
      return new AuditRecord(e.index(), text(pub, "type"), AuditRecord.instant(text(pub, "time")), text(pub, "actor"),
          text(pub, "outcome"), text(pub, "reasonCode"), pub, priv);
    });
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }
}
