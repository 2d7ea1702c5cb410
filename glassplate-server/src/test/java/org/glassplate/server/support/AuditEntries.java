package org.glassplate.server.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the public part of audit entries a test produced, newest last. */
public final class AuditEntries {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private AuditEntries() {
  }

  /** Every entry of one event type code, in the order written. */
  public static List<JsonNode> ofType(JdbcClient jdbc, int typeCode) {
    return jdbc.sql("SELECT entry FROM audit_pending WHERE type_code = :c ORDER BY id").param("c", typeCode)
        .query((rs, n) -> JSON.readTree(new String(rs.getBytes(1), StandardCharsets.UTF_8))).list();
  }

  /** The last entry of a type, failing when there is none. */
  public static JsonNode last(JdbcClient jdbc, int typeCode) {
    List<JsonNode> all = ofType(jdbc, typeCode);
    if (all.isEmpty()) {
      throw new AssertionError("no audit entry of type " + typeCode);
    }
    return all.get(all.size() - 1);
  }

  /** The private fields stored next to the last entry of a type (what its commitment covers). */
  public static JsonNode lastPrivate(JdbcClient jdbc, int typeCode) {
    String json = jdbc.sql("SELECT private_fields FROM audit_pending WHERE type_code = :c ORDER BY id DESC LIMIT 1")
        .param("c", typeCode).query(String.class).single();
    return JSON.readTree(json);
  }
}
