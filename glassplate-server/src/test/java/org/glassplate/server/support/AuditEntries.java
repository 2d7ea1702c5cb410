package org.glassplate.server.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.glassplate.server.audit.AuditEventType;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the public part of audit entries a test produced, newest last. */
public final class AuditEntries {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * Every audit entry, whether the sequencer has moved it into the log yet ({@code audit_entry} and
   * {@code audit_private}) or not ({@code audit_pending}), as a table {@code (id, type_code, entry,
   * private_fields)} where {@code id} is the pending id, so in the order written. Entries move
   * within milliseconds, so tests must not read {@code audit_pending} alone. Use as
   * {@code "SELECT ... FROM " + AuditEntries.ALL + " WHERE ..."}.
   */
  public static final String ALL = " (SELECT e.pending_id AS id, e.type_code, e.entry, p.private_fields"
      + " FROM audit_entry e JOIN audit_private p ON p.idx = e.idx"
      + " UNION ALL SELECT id, type_code, entry, private_fields FROM audit_pending) AS audit_all ";

  private AuditEntries() {
  }

  /**
   * Waits (at most 20 seconds) until every entry written so far has its log index. An entry recorded
   * on its own (a refusal, committed apart from the refused action) is sequenced asynchronously, so
   * anything reading the log by index (the findings' rules) must wait for it.
   */
  public static void awaitSequenced(JdbcClient jdbc) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (Boolean.TRUE.equals(jdbc.sql("SELECT EXISTS (SELECT 1 FROM audit_pending)").query(Boolean.class).single())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("audit entries still waiting for their index after 20 s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Every entry of one event type, in the order written. */
  public static List<JsonNode> ofType(JdbcClient jdbc, AuditEventType type) {
    return jdbc.sql("SELECT entry FROM " + ALL + " WHERE type_code = :c ORDER BY id").param("c", type.code())
        .query((rs, n) -> JSON.readTree(new String(rs.getBytes(1), StandardCharsets.UTF_8))).list();
  }

  /** The last entry of a type, failing when there is none. */
  public static JsonNode last(JdbcClient jdbc, AuditEventType type) {
    List<JsonNode> all = ofType(jdbc, type);
    if (all.isEmpty()) {
      throw new AssertionError("no audit entry of type " + type.name());
    }
    return all.get(all.size() - 1);
  }

  /** The private fields stored next to the last entry of a type (what its commitment covers). */
  public static JsonNode lastPrivate(JdbcClient jdbc, AuditEventType type) {
    String json = jdbc.sql("SELECT private_fields FROM " + ALL + " WHERE type_code = :c ORDER BY id DESC LIMIT 1")
        .param("c", type.code()).query(String.class).single();
    return JSON.readTree(json);
  }
}
