package org.glassplate.server.oversight.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.audit.AuditLog;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One audit entry as the rules read it: its public fields and, on the server, its private ones
 * (plate or pattern, case number, reason, on-behalf-of). {@link #toString()} shows neither. What every
 * rule asks of an entry (whether it is a search as asked, its plate key) is worked out once here.
 */
public final class AuditRecord {
  /**
   * The public fields the rules read, besides those of the constructor: a stored entry is read with
   * these alone ({@link #of}), and {@link #field} refuses any other name, so that a rule reading a new
   * field adds it here rather than reading null.
   */
  static final Set<String> RULE_FIELDS = Set.of("type", "time", "actor", "outcome", "reasonCode", "page",
      "searchKind", "reasonCategory", "onBehalfOfKind", "onBehalfOf", "requestingAgency");
  /** {@link #RULE_FIELDS} in the order of {@link #fields}. */
  private static final List<String> FIELD_ORDER = RULE_FIELDS.stream().sorted().toList();
  private static final byte[][] FIELD_BYTES = FIELD_ORDER.stream()
      .map(f -> f.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toArray(byte[][]::new);
  private static final Map<String, Integer> FIELD_INDEX = java.util.stream.IntStream.range(0, FIELD_ORDER.size())
      .boxed().collect(java.util.stream.Collectors.toUnmodifiableMap(FIELD_ORDER::get, k -> k));
  private static final int TYPE = FIELD_ORDER.indexOf("type");
  private static final int TIME = FIELD_ORDER.indexOf("time");
  private static final int ACTOR = FIELD_ORDER.indexOf("actor");
  private static final int OUTCOME = FIELD_ORDER.indexOf("outcome");
  private static final int REASON_CODE = FIELD_ORDER.indexOf("reasonCode");
  private static final int PAGE = FIELD_ORDER.indexOf("page");

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> PERFORMED = Set.of(AuditEventTypes.SEARCH_PERFORMED.name(),
      AuditEventTypes.PARTNER_QUERY.name());
  private static final Set<String> REFUSED = Set.of(AuditEventTypes.SEARCH_DENIED.name(),
      AuditEventTypes.PARTNER_QUERY_REFUSED.name());

  private final long index;
  private final String type;
  private final Instant time;
  private final String actor;
  private final String outcome;
  private final String reasonCode;
  /** The {@link #RULE_FIELDS}' texts in {@link #FIELD_ORDER}, as read by {@link CanonicalJson}; else null. */
  private final String[] fields;
  /** The public fields as a tree (of a stored entry, its {@link #RULE_FIELDS}) when {@link #fields} is null. */
  private final JsonNode publicFields;
  private final Map<String, String> privateFields;
  private final boolean performedSearch;
  private final boolean refusedSearch;
  private final boolean searchAsAsked;
  private final String plateOrPattern;
  private final String plateKey;
  /** The private fields the rules read, looked up once (on the thread that reads the page ahead). */
  private final String reason;
  private final String caseNumber;
  private final String onBehalfOf;
  private final String pattern;
  private final String from;

  /**
   * @param index the log index
   * @param type the event type's name, e.g. {@code SEARCH_PERFORMED}
   * @param time when it was recorded (the entry's {@code time})
   * @param actor the actor's pseudonym
   * @param outcome {@code SUCCESS}, {@code DENIED}, ...
   * @param reasonCode the refusal's reason code, or null
   * @param publicFields the public entry (of a stored entry, its {@link #RULE_FIELDS})
   * @param privateFields the private fields (empty when none is stored)
   */
  public AuditRecord(long index, String type, Instant time, String actor, String outcome, String reasonCode,
      JsonNode publicFields, Map<String, String> privateFields) {
    this(index, type, time, actor, outcome, reasonCode, null, publicFields, Map.copyOf(privateFields),
        firstPage(type, publicFields));
  }

  /** A record of the public fields' texts (as {@link CanonicalJson} reads them) or tree, and the private fields as they are. */
  private AuditRecord(long index, String type, Instant time, String actor, String outcome, String reasonCode,
      String[] fields, JsonNode publicFields, Map<String, String> privateFields, boolean firstPage) {
    this.index = index;
    this.type = type;
    this.time = time;
    this.actor = actor;
    this.outcome = outcome;
    this.reasonCode = reasonCode;
    this.fields = fields;
    this.publicFields = publicFields;
    this.privateFields = privateFields;
    this.performedSearch = PERFORMED.contains(type);
    this.refusedSearch = REFUSED.contains(type);
    this.searchAsAsked = refusedSearch || performedSearch && firstPage;
    String plate = this.privateFields.get("plate");
    this.plateOrPattern = plate != null ? plate : this.privateFields.get("pattern");
    this.plateKey = Words.plateKey(plateOrPattern);
    this.reason = this.privateFields.get("reason");
    this.caseNumber = this.privateFields.get("caseNumber");
    this.onBehalfOf = this.privateFields.get("onBehalfOf");
    this.pattern = this.privateFields.get("pattern");
    this.from = this.privateFields.get("from");
  }

  /**
   * Whether a search that ran is the first page of it: no page, or page 1 or less. The page is looked at
   * only for a search that ran (a refused one is as asked, any other entry is no search), as before.
   */
  private static boolean firstPage(String type, JsonNode publicFields) {
    if (!PERFORMED.contains(type) || REFUSED.contains(type)) {
      return false;
    }
    JsonNode page = publicFields.get("page");
    return page == null || page.isNull() || page.asLong() <= 1;
  }

  /**
   * Reads a stored entry: its {@link #RULE_FIELDS} and its private fields, by the streaming parser (a
   * whole tree of every entry cost as much as all the rules). Anything the fields of the fast path do
   * not cover (a value that is not a string, a small integer or null; not one object; JSON the parser
   * refuses) is read as a tree, as it always was, so that a record is the same whichever way it was read
   * and an entry that cannot be read is refused by the same exception.
   */
  public static AuditRecord of(AuditLog.PrivateEntry e) {
    AuditRecord canonical = canonical(e);
    return canonical != null ? canonical : parsed(e);
  }

  /**
   * The entry read by {@link CanonicalJson} (as the recorder writes it), or null when either part is
   * anything else (then {@link #parsed} reads it as before).
   */
  static AuditRecord canonical(AuditLog.PrivateEntry e) {
    CanonicalJson.Fields f = CanonicalJson.fields(e.entry(), FIELD_BYTES);
    if (f == null) {
      return null;
    }
    Map<String, String> priv = Map.of();
    if (e.privateFields() != null && !e.privateFields().isBlank()) {
      Map<String, String> read = CanonicalJson.strings(e.privateFields());
      if (read == null) {
        return null;
      }
      priv = java.util.Collections.unmodifiableMap(read);
    }
    String time = f.text[TIME];
    Instant at = instant(time); // refuses as the parsed path does
    Long page = f.integer[PAGE];
    boolean firstPage = f.text[PAGE] == null || page != null && page <= 1;
    if (f.text[PAGE] != null && page == null) {
      return null; // a page that is a string: left to the tree's reading of it
    }
    return new AuditRecord(e.index(), f.text[TYPE], at, f.text[ACTOR], f.text[OUTCOME], f.text[REASON_CODE],
        f.text, null, priv, firstPage);
  }

  /** The entry read by the streaming parser, or as a whole tree where that is not simple enough: the way before {@link CanonicalJson}. */
  static AuditRecord parsed(AuditLog.PrivateEntry e) {
    JsonNode pub = ruleFields(e.entry());
    if (pub == null) {
      pub = JSON.readTree(e.entry());
    }
    Map<String, String> priv = null;
    if (e.privateFields() != null && !e.privateFields().isBlank()) {
      priv = strings(e.privateFields());
      if (priv == null) {
        Map<String, String> tree = new TreeMap<>();
        JSON.readTree(e.privateFields()).properties().forEach(p -> {
          if (p.getValue() != null && !p.getValue().isNull()) {
            tree.put(p.getKey(), p.getValue().isString() ? p.getValue().asString() : p.getValue().toString());
          }
        });
        priv = tree;
      }
    }
    return new AuditRecord(e.index(), text(pub, "type"), instant(text(pub, "time")), text(pub, "actor"),
        text(pub, "outcome"), text(pub, "reasonCode"), pub, priv == null ? Map.of() : priv);
  }

  /** The {@link #RULE_FIELDS} of one JSON object, or null when it is not that simple (then read it as a tree). */
  private static ObjectNode ruleFields(byte[] json) {
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      ObjectNode out = NODES.objectNode();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        if (t != JsonToken.PROPERTY_NAME) {
          return null;
        }
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (!RULE_FIELDS.contains(name)) {
          p.skipChildren();
          continue;
        }
        JsonNode value = value(p, v);
        if (value == null) {
          return null;
        }
        out.set(name, value);
      }
      return nothingAfter(p) ? out : null;
    } catch (JacksonException unreadable) {
      return null; // the tree refuses it as it always did
    }
  }

  /** The private fields of one JSON object whose values are all strings or null, or null when they are not. */
  private static Map<String, String> strings(String json) {
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Map<String, String> out = new HashMap<>();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        if (t != JsonToken.PROPERTY_NAME) {
          return null;
        }
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (v == JsonToken.VALUE_STRING) {
          out.put(name, p.getString());
        } else if (v == JsonToken.VALUE_NULL) {
          out.remove(name); // a later null hides an earlier value, as in the tree
        } else {
          return null;
        }
      }
      return nothingAfter(p) ? out : null;
    } catch (JacksonException unreadable) {
      return null; // the tree refuses it as it always did
    }
  }

  /** Whether the input ends after the object read (anything else is the tree's to judge). */
  private static boolean nothingAfter(JsonParser p) {
    return p.nextToken() == null;
  }

  /** The node the tree would hold for a string, a null or an int; null for anything else. */
  private static JsonNode value(JsonParser p, JsonToken v) {
    if (v == JsonToken.VALUE_STRING) {
      return NODES.stringNode(p.getString());
    }
    if (v == JsonToken.VALUE_NULL) {
      return NODES.nullNode();
    }
    if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
      return NODES.numberNode(p.getIntValue());
    }
    return null;
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
    if (year < 1000 || month < 1 || month > 12 || day < 1
        || day > 28 && day > java.time.Month.of(month).length(java.time.Year.isLeap(year)) || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59 || nanos < 0) {
      return Instant.parse(s); // refused there, as before
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

  /** The log index. */
  public long index() {
    return index;
  }

  /** The event type's name, e.g. {@code SEARCH_PERFORMED}. */
  public String type() {
    return type;
  }

  /** When it was recorded. */
  public Instant time() {
    return time;
  }

  /** The actor's pseudonym. */
  public String actor() {
    return actor;
  }

  /** {@code SUCCESS}, {@code DENIED}, ... */
  public String outcome() {
    return outcome;
  }

  /** The refusal's reason code, or null. */
  public String reasonCode() {
    return reasonCode;
  }

  /** The private fields (empty when none is stored). */
  public Map<String, String> privateFields() {
    return privateFields;
  }

  /** A public field as text, or null; only one of the {@link #RULE_FIELDS}. */
  public String field(String name) {
    Integer k = FIELD_INDEX.get(name); // the RULE_FIELDS
    if (k == null) {
      throw new IllegalArgumentException("the rules read no public field " + name + ": add it to RULE_FIELDS");
    }
    return fields != null ? fields[k] : text(publicFields, name);
  }

  /** A private field, or null. */
  public String secret(String name) {
    switch (name) {
      case "reason":
        return reason;
      case "caseNumber":
        return caseNumber;
      case "onBehalfOf":
        return onBehalfOf;
      case "pattern":
        return pattern;
      case "from":
        return from;
      default:
        return privateFields.get(name);
    }
  }

  /** A search of this node's reads that ran: one of its own people's, or a partner agency's query. */
  public boolean performedSearch() {
    return performedSearch;
  }

  /** A search or a partner's query that was refused. */
  public boolean refusedSearch() {
    return refusedSearch;
  }

  /**
   * A search as the person asked it, counted once: a refused one, or the first page of one that ran
   * (later pages repeat the same search).
   */
  public boolean searchAsAsked() {
    return searchAsAsked;
  }

  /** The searched plate, or the pattern, as typed; null when neither is recorded. */
  public String plateOrPattern() {
    return plateOrPattern;
  }

  /** {@link #plateOrPattern()} as matched ({@link Words#plateKey}); null when neither is recorded. */
  String plateKey() {
    return plateKey;
  }

  /** Whether it searched one full plate. */
  public boolean exactPlate() {
    return privateFields.get("plate") != null;
  }

  @Override
  public String toString() {
    return "AuditRecord[" + index + ", " + type + ", " + actor + ", redacted]";
  }
}
