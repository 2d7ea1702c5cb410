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
    return new AuditRecord(e.index(), text(pub, "type"), instant(text(pub, "time")), text(pub, "actor"),
        text(pub, "outcome"), text(pub, "reasonCode"), pub, priv);
  }

  /**
   * An entry's time as the recorder writes it ({@link Instant#toString()}: {@code 2026-12-01T03:04:54.123Z}),
   * read without {@link java.time.format.DateTimeFormatter}, which costs more than the rest of the entry;
   * anything else goes to {@link Instant#parse}, which reads (or refuses) it as before.
   */
  static Instant instant(String s) {
    if (s == null) {
      return Instant.parse(s); // refused as before
    }
    int n = s.length();
    if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':' || s.charAt(16) != ':' || (n > 20 && (s.charAt(19) != '.' || n == 21))) {
      return Instant.parse(s);
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int nanos = n > 20 ? digits(s, 20, n - 1) : 0;
    if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 59 || nanos < 0) {
      return Instant.parse(s); // days 29 to 31 are checked against the month there
    }
    for (int i = n - 1; i < 29; i++) {
      nanos *= 10; // ".5" is 500,000,000 nanoseconds
    }
    long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
  }

  /** The decimal number in {@code s} from {@code from} to {@code to} (exclusive), or -1 if not all digits. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
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
