package org.glassplate.server.oversight.rules;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.audit.AuditLog;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One audit entry as the rules read it: its public fields and, on the server, its private ones
 * (plate or pattern, case number, reason, on-behalf-of). {@link #toString()} shows neither.
 *
 * @param index the log index
 * @param type the event type's name, e.g. {@code SEARCH_PERFORMED}
 * @param time when it was recorded (the entry's {@code time})
 * @param actor the actor's pseudonym
 * @param outcome {@code SUCCESS}, {@code DENIED}, ...
 * @param reasonCode the refusal's reason code, or null
 * @param publicFields the whole public entry
 * @param privateFields the private fields (empty when none is stored)
 */
public record AuditRecord(long index, String type, Instant time, String actor, String outcome, String reasonCode,
    JsonNode publicFields, Map<String, String> privateFields) {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> PERFORMED = Set.of(AuditEventTypes.SEARCH_PERFORMED.name(),
      AuditEventTypes.PARTNER_QUERY.name());
  private static final Set<String> REFUSED = Set.of(AuditEventTypes.SEARCH_DENIED.name(),
      AuditEventTypes.PARTNER_QUERY_REFUSED.name());

  public AuditRecord {
    privateFields = Map.copyOf(privateFields);
  }

  /** Reads a stored entry. */
  public static AuditRecord of(AuditLog.PrivateEntry e) {
    JsonNode pub = JSON.readTree(e.entry());
    Map<String, String> priv = new TreeMap<>();
    if (e.privateFields() != null && !e.privateFields().isBlank()) {
      JSON.readTree(e.privateFields()).properties().forEach(p -> {
        if (p.getValue() != null && !p.getValue().isNull()) {
          priv.put(p.getKey(), p.getValue().isString() ? p.getValue().asString() : p.getValue().toString());
        }
      });
    }
    return new AuditRecord(e.index(), text(pub, "type"), Instant.parse(text(pub, "time")), text(pub, "actor"),
        text(pub, "outcome"), text(pub, "reasonCode"), pub, priv);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }

  /** A public field as text, or null. */
  public String field(String name) {
    return text(publicFields, name);
  }

  /** A private field, or null. */
  public String secret(String name) {
    return privateFields.get(name);
  }

  /** A search of this node's reads that ran: one of its own people's, or a partner agency's query. */
  public boolean performedSearch() {
    return PERFORMED.contains(type);
  }

  /** A search or a partner's query that was refused. */
  public boolean refusedSearch() {
    return REFUSED.contains(type);
  }

  /**
   * A search as the person asked it, counted once: a refused one, or the first page of one that ran
   * (later pages repeat the same search).
   */
  public boolean searchAsAsked() {
    if (refusedSearch()) {
      return true;
    }
    if (!performedSearch()) {
      return false;
    }
    JsonNode page = publicFields.get("page");
    return page == null || page.isNull() || page.asLong() <= 1;
  }

  /** The searched plate, or the pattern, as typed; null when neither is recorded. */
  public String plateOrPattern() {
    String plate = secret("plate");
    return plate != null ? plate : secret("pattern");
  }

  /** Whether it searched one full plate. */
  public boolean exactPlate() {
    return secret("plate") != null;
  }

  @Override
  public String toString() {
    return "AuditRecord[" + index + ", " + type + ", " + actor + ", redacted]";
  }
}
