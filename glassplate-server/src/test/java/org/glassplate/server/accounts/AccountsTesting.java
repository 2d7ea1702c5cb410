package org.glassplate.server.accounts;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassplate.server.audit.AuditEventType;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Helpers shared by the accounts tests: unique usernames and reading the audit entries written. */
final class AccountsTesting {
  private static final AtomicInteger N = new AtomicInteger();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private AccountsTesting() {
  }

  static String username(String stem) {
    return stem + "-" + N.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100_000, 36);
  }

  /** The public audit entries of a type, oldest first. */
  static List<JsonNode> audit(JdbcClient jdbc, AuditEventType type) {
    return jdbc.sql("SELECT convert_from(entry, 'UTF8') FROM " + org.glassplate.server.support.AuditEntries.ALL
            + " WHERE type_code = :c ORDER BY id")
        .param("c", type.code()).query(String.class).list().stream().map(JSON::readTree).toList();
  }

  /** The public audit entries of a type about one account. */
  static List<JsonNode> audit(JdbcClient jdbc, AuditEventType type, long accountId) {
    return audit(jdbc, type).stream()
        .filter(e -> e.has("accountId") && e.get("accountId").asLong() == accountId).toList();
  }
}
