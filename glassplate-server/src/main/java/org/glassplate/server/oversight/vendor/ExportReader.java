package org.glassplate.server.oversight.vendor;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one vendor export as a stream of searches, bad rows and sharing recipients. CSV columns are
 * found by their header names (Flock's, the portal's, the Okaloosa extraction's), or by position for a
 * network or organization audit without a header (14, 13, 12 or 11 columns). Nothing is held but the
 * record being read; a bad row is passed on with its line and why, and reading goes on.
 */
final class ExportReader {
  /** What reading finds, in file order. */
  interface Sink {
    void format(VendorFormat format);

    void search(VendorSearch search);

    void badRow(long line, String message);

    void recipient(Recipient recipient);

    /** What a portal page says of the agency itself; any field may be null. */
    default void portal(String agency, String state, Integer retentionDays, Long cameras) {
    }

    /** Reading ended after this many data rows (bad ones included). */
    default void end(long rows) {
    }
  }

  /** A sharing list's entry, before it is classified. */
  record Recipient(String name, String state, String type, boolean self) {
  }

  enum Field { ID, USER, ORG, NETWORKS, DEVICES, TIME_FRAME, FROM, TO, PLATE, REASON, OFFENSE, CASE, FILTERS,
    TIME, SEARCH_TYPE, TEXT_PROMPT, MODERATION }

  private static final Map<String, Field> HEADERS = new HashMap<>();

  static {
    alias(Field.ID, "id", "searchid");
    alias(Field.USER, "name", "userid", "user", "username", "searcher");
    alias(Field.ORG, "orgname", "org", "agency", "agencyname");
    alias(Field.NETWORKS, "totalnetworkssearched", "networkcount", "networks", "networkssearched");
    alias(Field.DEVICES, "totaldevicessearched", "cameracount", "devicecount", "cameras", "devicessearched",
        "camerassearched");
    alias(Field.TIME_FRAME, "timeframe");
    alias(Field.FROM, "timeframestart", "start", "startdate", "from", "searchstart");
    alias(Field.TO, "timeframeend", "end", "enddate", "to", "searchend");
    alias(Field.PLATE, "licenseplate", "plate", "platenumber");
    alias(Field.REASON, "reason", "searchreason");
    alias(Field.OFFENSE, "offensetype", "offense");
    alias(Field.CASE, "case", "casenumber", "caseno");
    alias(Field.FILTERS, "filters");
    alias(Field.TIME, "searchtime", "searchdate", "date", "createdat", "timestamp", "time");
    alias(Field.SEARCH_TYPE, "searchtype", "type");
    alias(Field.TEXT_PROMPT, "textprompt", "prompt");
    alias(Field.MODERATION, "moderation");
  }

  private static void alias(Field f, String... names) {
    for (String n : names) {
      HEADERS.put(n, f);
    }
  }

  /** A network or organization audit without a header, by its number of columns. */
  private static final List<Field> FULL = List.of(Field.ID, Field.USER, Field.ORG, Field.NETWORKS, Field.DEVICES,
      Field.TIME_FRAME, Field.PLATE, Field.REASON, Field.CASE, Field.FILTERS, Field.TIME, Field.SEARCH_TYPE,
      Field.TEXT_PROMPT, Field.MODERATION);
  private static final Pattern REDACTION = Pattern.compile("\\*+|[\\[(]?redacted[\\])]?|\\[?withheld]?|x{3,}",
      Pattern.CASE_INSENSITIVE);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final VendorFormat forced;
  private final Sink sink;
  private long row;

  /**
   * @param forced the format asked for, or null to detect it; a sharing list is recognised by its
   *     header whatever was asked, since it is no audit
   */
  ExportReader(VendorFormat forced, Sink sink) {
    this.forced = forced;
    this.sink = sink;
  }

  static boolean redacted(String cell) {
    if (cell == null || cell.isEmpty()) {
      return false;
    }
    char c = Character.toLowerCase(cell.charAt(0) == ' ' ? cell.strip().charAt(0) : cell.charAt(0));
    // only a cell starting as a redaction mark does can be one: most cells need no pattern
    return (c == '*' || c == '[' || c == '(' || c == 'r' || c == 'w' || c == 'x')
        && REDACTION.matcher(cell.strip()).matches();
  }

  void read(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
    in.mark(8);
    int b;
    do {
      b = in.read();
    } while (b == 0xEF || b == 0xBB || b == 0xBF || b == ' ' || b == '\n' || b == '\r' || b == '\t');
    in.reset();
    if (forced == VendorFormat.FLOCK_PORTAL_JSON || forced == null && (b == '{' || b == '[')) {
      sink.format(VendorFormat.FLOCK_PORTAL_JSON);
      readJson(in);
    } else {
      readCsv(new InputStreamReader(in, StandardCharsets.UTF_8), true);
    }
    sink.end(row);
  }

  private void readCsv(Reader reader, boolean announce) throws IOException {
    try (CsvRecords csv = new CsvRecords(reader)) {
      CsvRecords.Record first = csv.next();
      while (first != null && first.bad()) {
        row++;
        sink.badRow(first.line(), first.error());
        first = csv.next();
      }
      if (first == null) {
        if (announce) {
          sink.format(forced == null ? VendorFormat.FLOCK_NETWORK : forced);
        }
        return;
      }
      List<String> keys = first.cells().stream().map(ExportReader::headerKey).toList();
      if (sharingList(keys)) {
        sink.format(VendorFormat.SHARING_LIST);
        readSharing(csv, keys);
        return;
      }
      boolean header = keys.stream().filter(HEADERS::containsKey).count() * 2 >= keys.size();
      VendorFormat format = forced != null ? forced : detect(keys, header);
      if (announce) {
        sink.format(format);
      }
      List<Field> columns;
      CsvRecords.Record next;
      if (header) {
        columns = keys.stream().map(HEADERS::get).toList();
        next = csv.next();
      } else {
        columns = positional(first.cells().size());
        next = first;
      }
      boolean hasCase = columns != null && columns.contains(Field.CASE);
      for (; next != null; next = csv.next()) {
        row++;
        if (next.bad()) {
          sink.badRow(next.line(), next.error());
          continue;
        }
        List<Field> cols = columns == null ? positional(next.cells().size()) : columns;
        if (cols == null) {
          sink.badRow(next.line(), "it has " + next.cells().size() + " cells; an audit without a header has 11 to 14");
          continue;
        }
        if (next.cells().size() != cols.size()) {
          sink.badRow(next.line(), "it has " + next.cells().size() + " cells where the header has " + cols.size());
          continue;
        }
        search(next, cols, hasCase || cols.contains(Field.CASE));
      }
    }
  }

  private static VendorFormat detect(List<String> keys, boolean header) {
    if (!header) {
      return VendorFormat.FLOCK_NETWORK;
    }
    if (keys.contains("timeframestart") || keys.contains("timeframeend")) {
      return VendorFormat.OKALOOSA;
    }
    if (keys.contains("timeframe") || keys.contains("totalnetworkssearched")) {
      return VendorFormat.FLOCK_NETWORK;
    }
    return VendorFormat.FLOCK_PORTAL_CSV;
  }

  /** Columns by position, for an audit without a header row; null for a count no schema has. */
  private static List<Field> positional(int cells) {
    List<Field> f = new ArrayList<>(FULL);
    switch (cells) {
      case 14 -> {
      }
      case 13 -> f.remove(Field.DEVICES); // Flock dropped the device count in late 2025
      case 12 -> f.removeAll(List.of(Field.TEXT_PROMPT, Field.MODERATION));
      case 11 -> f.removeAll(List.of(Field.DEVICES, Field.TEXT_PROMPT, Field.MODERATION));
      default -> {
        return null;
      }
    }
    return f;
  }

  static String headerKey(String cell) {
    return cell == null ? "" : cell.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  private void search(CsvRecords.Record r, List<Field> cols, boolean hasCase) {
    Map<Field, String> v = new java.util.EnumMap<>(Field.class);
    for (int i = 0; i < cols.size(); i++) {
      Field f = cols.get(i);
      if (f != null) {
        String cell = r.cells().get(i).strip();
        v.merge(f, cell, (a, b) -> a.isEmpty() ? b : a);
      }
    }
    String problem = emit(r.line(), v, hasCase);
    if (problem != null) {
      sink.badRow(r.line(), problem);
    }
  }

  /** Sends one search on, or says what is wrong with it. */
  private String emit(long line, Map<Field, String> v, boolean hasCase) {
    Long networks;
    Long devices;
    Instant from;
    Instant to;
    Instant time;
    try {
      networks = number(v.get(Field.NETWORKS), "the networks searched");
      devices = number(v.get(Field.DEVICES), "the devices searched");
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    try {
      from = date(v.get(Field.FROM), "the time frame's start");
      to = date(v.get(Field.TO), "the time frame's end");
      String frame = v.get(Field.TIME_FRAME);
      if (frame != null && !frame.isBlank() && !redacted(frame)) {
        List<Instant> both = VendorDates.all(frame);
        if (both.isEmpty()) {
          return "the time frame is not a date and time this import reads";
        }
        from = both.get(0);
        to = both.size() > 1 ? both.get(both.size() - 1) : null;
      }
      time = date(v.get(Field.TIME), "the search time");
    } catch (DateTimeException e) {
      return e.getMessage();
    }
    String plate = v.get(Field.PLATE);
    String reason = v.get(Field.REASON);
    String caseNumber = v.get(Field.CASE);
    VendorSearch.Redacted red = new VendorSearch.Redacted(redacted(plate), redacted(reason), redacted(caseNumber));
    sink.search(new VendorSearch(row, line, text(v.get(Field.ID)), text(v.get(Field.USER)), text(v.get(Field.ORG)),
        networks, devices, from, to, time, red.plate() ? null : text(plate), red.reason() ? null : reason, text(v.get(Field.OFFENSE)), red.caseNumber() ? null : caseNumber, text(v.get(Field.FILTERS)),
        text(v.get(Field.SEARCH_TYPE)), text(v.get(Field.TEXT_PROMPT)), text(v.get(Field.MODERATION)), hasCase, red));
    return null;
  }

  private static String text(String cell) {
    return cell == null || cell.isBlank() || redacted(cell) ? null : cell;
  }

  private static Long number(String cell, String what) {
    if (cell == null || cell.isBlank() || redacted(cell)) {
      return null;
    }
    String s = cell.replace(",", "").strip();
    try {
      double d = Double.parseDouble(s);
      if (d < 0 || d != Math.floor(d) || d > 1e12) {
        throw new NumberFormatException();
      }
      return (long) d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " is not a whole number");
    }
  }

  private static Instant date(String cell, String what) {
    if (cell == null || redacted(cell)) {
      return null;
    }
    try {
      return VendorDates.parse(cell);
    } catch (DateTimeException e) {
      throw new DateTimeException(what + " is not a date and time this import reads");
    }
  }

  // ---- sharing lists -------------------------------------------------------------------------------

  private static boolean sharingList(List<String> keys) {
    return keys.contains("networkssharedwithme") || keys.contains("networksimsharing")
        || keys.size() <= 4 && keys.contains("name") && keys.contains("state") && !keys.contains("reason");
  }

  private void readSharing(CsvRecords csv, List<String> keys) throws IOException {
    int name = keys.indexOf("name") >= 0 ? keys.indexOf("name") : keys.indexOf("organizationname");
    int state = keys.indexOf("state");
    int type = keys.indexOf("type");
    int outgoing = keys.indexOf("networksimsharing");
    if (name < 0) {
      sink.badRow(1, "a sharing list needs a Name or Organization Name column");
      return;
    }
    for (CsvRecords.Record r = csv.next(); r != null; r = csv.next()) {
      row++;
      if (r.bad()) {
        sink.badRow(r.line(), r.error());
        continue;
      }
      if (r.cells().size() != keys.size()) {
        sink.badRow(r.line(), "it has " + r.cells().size() + " cells where the header has " + keys.size());
        continue;
      }
      String n = r.cells().get(name).strip();
      if (n.isEmpty()) {
        sink.badRow(r.line(), "the organisation's name is blank");
        continue;
      }
      if (outgoing >= 0) {
        // Okaloosa's table lists every organisation on the network; only those the agency shares with receive its data
        String ours = r.cells().get(outgoing).strip();
        if (ours.isEmpty()) {
          continue;
        }
        boolean self = List.of(ours.split(",")).stream().anyMatch(o -> o.strip().equalsIgnoreCase(n));
        if (row == 1 || self) {
          sink.portal(ours.split(",")[0].strip(), null, null, null);
        }
        sink.recipient(new Recipient(n, null, null, self));
      } else {
        sink.recipient(new Recipient(n, state < 0 ? null : r.cells().get(state).strip(),
            type < 0 ? null : r.cells().get(type).strip(), false));
      }
    }
  }

  // ---- portal pages --------------------------------------------------------------------------------

  private void readJson(InputStream in) throws IOException {
    JsonNode page;
    try {
      page = JSON.readTree(in);
    } catch (JacksonException e) {
      sink.badRow(e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr()),
          "the portal page is not valid JSON");
      return;
    }
    if (!page.isObject()) {
      sink.badRow(1, "a portal page is a JSON object");
      return;
    }
    String agency = textOf(page, "agency", "agency_name", "name", "organization");
    String state = textOf(page, "state", "agency_state");
    Integer retention = days(page.get("retention") != null ? page.get("retention") : page.get("retention_days"));
    Long cameras = longOf(page, "camera_count", "cameras", "cameraCount", "number_of_cameras");
    sink.portal(agency, state, retention, cameras);
    for (JsonNode r : list(page.get("sharing_outbound"))) {
      String n = r.isObject() ? textOf(r, "name", "agency", "organization") : r.asString();
      if (n != null && !n.isBlank()) {
        sink.recipient(new Recipient(n.strip(), r.isObject() ? textOf(r, "state") : null,
            r.isObject() ? textOf(r, "type") : null, false));
      }
    }
    JsonNode audit = page.get("search_audit_csv");
    if (audit == null || audit.isNull()) {
      return;
    }
    if (audit.isString()) {
      String csv = audit.asString();
      if (csv.contains("\n")) {
        readCsv(new StringReader(csv), false);
      } else if (!csv.isBlank()) {
        sink.badRow(1, "the page's search_audit_csv is a link, not the audit itself: download it and import that file");
      }
      return;
    }
    if (audit.isArray()) {
      for (JsonNode o : audit) {
        row++;
        if (!o.isObject()) {
          sink.badRow(1, "search_audit_csv item " + row + " is not an object");
          continue;
        }
        Map<Field, String> v = new java.util.EnumMap<>(Field.class);
        Set<String> names = new java.util.HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          Field f = HEADERS.get(headerKey(e.getKey()));
          names.add(headerKey(e.getKey()));
          if (f != null && !e.getValue().isNull()) {
            v.putIfAbsent(f, e.getValue().asString().strip());
          }
        }
        String problem = emit(1, v, names.contains("casenumber") || names.contains("case"));
        if (problem != null) {
          sink.badRow(1, "search_audit_csv item " + row + ": " + problem);
        }
      }
    }
  }

  private static List<JsonNode> list(JsonNode n) {
    List<JsonNode> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(out::add);
    }
    return out;
  }

  private static String textOf(JsonNode o, String... names) {
    for (String n : names) {
      JsonNode v = o.get(n);
      if (v != null && v.isValueNode() && !v.isNull() && !v.asString().isBlank()) {
        return v.asString().strip();
      }
    }
    return null;
  }

  private static Long longOf(JsonNode o, String... names) {
    String t = textOf(o, names);
    try {
      return t == null ? null : Long.parseLong(t.replace(",", ""));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A retention as a portal states it: a number of days, or "30 days". */
  private static Integer days(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isObject()) {
      return days(n.get("days") != null ? n.get("days") : n.get("value"));
    }
    var m = Pattern.compile("(\\d+)\\s*(day|days|d)?", Pattern.CASE_INSENSITIVE).matcher(n.asString());
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }
}
