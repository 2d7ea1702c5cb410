package org.glassplate.bench.oversight;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.glassplate.bench.audit.AuditLoad;
import org.glassplate.log.verify.VerifyCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16's two oversight benchmarks against a running server and its database, on a log filled to
 * {@code --fill} entries (default 1,000,000) of the shapes the server records: searches by
 * {@code --people} investigators (default 50) over two years, with their private fields (plate, case
 * number, reason, window), some refused, between cameras' ingest batches.
 *
 * <ul>
 *   <li>{@code findings}: the misuse rules over the whole log from scratch (the cursor, the findings
 *       and the people's last actions reset), timed until the rules' cursor reaches the log's size; the
 *       server must run its rules often ({@code -Dglassplate.oversight.findings-interval=PT0.1S}), so
 *       the figure includes up to that wait. Baseline: the same entries read in the rules' pages by a
 *       plain sequential scan, in the same run.
 *   <li>{@code self-audit}: {@code POST /api/v1/oversight/self-audits} as an auditor (the whole tree
 *       recomputed from the stored entries, and the configuration checks). Baseline: {@code audit
 *       verify} of the same log from outside, in the same run.
 * </ul>
 */
public final class OversightLoad {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonMapper CANONICAL = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  /** The agency's zone in the demo ({@code glassplate.agency.time-zone}), for the fill's working hours. */
  private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
  private static final int SEARCH_PERFORMED = 501;
  private static final int SEARCH_DENIED = 502;
  private static final int READS_INGESTED = 201;
  private static final String[] REASONS = {
      "Armed robbery of the gas station on Shaw Ave; the getaway car is on the store's video",
      "Residential burglary on N Palm Ave; a neighbour's doorbell camera recorded the plate",
      "Car reported stolen from the Fashion Fair lot on Monday; tracing its route since",
      "Hit and run with injury at Blackstone and McKinley; a witness wrote down the plate",
      "investigation", "follow up"};
  private static final String[] OFFENSES = {"ROBBERY", "BURGLARY", "STOLEN_VEHICLE", "HIT_AND_RUN", "BURGLARY",
      "ROBBERY"};

  private OversightLoad() {
  }

  public static int run(String what, String[] args, PrintStream out, PrintStream err) throws Exception {
    Map<String, String> o = options(args);
    String[] db = o == null ? null : database(o);
    if (db == null) {
      err.println("usage: glassplate bench " + what + " --url URL (--data DIR | --db-url JDBC [--db-user U]"
          + " [--db-password P]) [--token AUDITOR_TOKEN] [--fill 1000000] [--people 50] [--days 730]");
      return 2;
    }
    String url = o.getOrDefault("--url", "http://localhost:8080");
    long fill = Long.parseLong(o.getOrDefault("--fill", "1000000"));
    int people = Integer.parseInt(o.getOrDefault("--people", "50"));
    int days = Integer.parseInt(o.getOrDefault("--days", "730"));
    fill(db, fill, people, days, out);
    long size = size(db);
    out.printf("log: %,d entries; load average %s%n", size, loadAverage());
    if (what.equals("findings")) {
      baselineScan(db, size, out);
      findings(db, size, out);
    } else {
      String token = o.containsKey("--token") ? o.get("--token") : auditorToken(o.get("--data"));
      verify(url, out);
      selfAudit(url, token, out);
    }
    out.printf("load average after: %s%n", loadAverage());
    return 0;
  }

  // ---- the fill ----

  static void fill(String[] db, long target, int people, int days, PrintStream out) throws Exception {
    long start = size(db);
    long toAdd = target - start - pending(db);
    if (toAdd <= 0) {
      out.printf("fill: the log already has %,d entries%n", start);
      return;
    }
    Random random = new Random(16);
    LocalDate firstDay = LocalDate.now(ZONE).minusDays(days);
    long perDay = Math.max(1, (toAdd + days - 1) / days);
    long t0 = System.nanoTime();
    int per = 5000;
    try (Connection c = connect(db); PreparedStatement ps = c.prepareStatement("""
        INSERT INTO audit_pending (type_code, entry, salt, private_fields, created_at)
        SELECT * FROM unnest(?::integer[], ?::bytea[], ?::bytea[], ?::text[], ?::timestamptz[])""")) {
      long done = 0;
      while (done < toAdd) {
        int k = (int) Math.min(per, toAdd - done);
        Integer[] types = new Integer[k];
        byte[][] entries = new byte[k][];
        byte[][] salts = new byte[k][];
        String[] privates = new String[k];
        java.sql.Timestamp[] times = new java.sql.Timestamp[k];
        for (int i = 0; i < k; i++) {
          Instant time = time(firstDay, perDay, done + i);
          salts[i] = new byte[16];
          random.nextBytes(salts[i]);
          int dice = random.nextInt(100);
          Map<String, Object> pub = new TreeMap<>();
          Map<String, String> priv = new TreeMap<>();
          if (dice < 27) {
            types[i] = READS_INGESTED;
            int camera = random.nextInt(48);
            pub.putAll(Map.of("type", "READS_INGESTED", "typeCode", READS_INGESTED, "actor", "camera:" + camera,
                "actorKind", "CAMERA", "roles", java.util.List.of("CAMERA"), "outcome", "SUCCESS",
                "accepted", 1 + random.nextInt(500), "rejected", 0, "alerts", random.nextInt(3), "format", "glassplate"));
            priv.put("sourceAddress", "10.0.1." + camera);
          } else {
            int person = random.nextInt(people);
            boolean refused = dice < 30;
            // 1 in 50 a vague reason (VAGUE_REASON), 1 in 500 a placeholder for the case number (MISSING_CASE_NUMBER)
            int reason = random.nextInt(50) == 0 ? 4 + random.nextInt(2) : random.nextInt(4);
            String caseNumber = random.nextInt(500) == 0 ? "n/a" : "MV" + (26_000_000 + random.nextInt(1_000_000));
            Instant from = time.minus(Duration.ofHours(24 + random.nextInt(96)));
            types[i] = refused ? SEARCH_DENIED : SEARCH_PERFORMED;
            pub.putAll(Map.of("type", refused ? "SEARCH_DENIED" : "SEARCH_PERFORMED", "typeCode", types[i],
                "actor", "user:" + (1000 + person), "actorKind", "USER", "roles", java.util.List.of("investigator"),
                "outcome", refused ? "DENIED" : "SUCCESS", "offense", OFFENSES[reason], "caseNumberPresent", true));
            if (refused) {
              pub.put("reasonCode", random.nextBoolean() ? "PROHIBITED_PURPOSE" : "UNKNOWN_OFFENSE");
            } else {
              pub.putAll(Map.of("searchKind", "PLATE", "page", 1, "resultCount", random.nextInt(40),
                  "camerasCovered", 48, "lookalike", false, "windowHours", 24));
            }
            // a person searches a few plates of their cases again and again, and new ones
            int plate = random.nextInt(4) == 0 ? person * 10 + random.nextInt(10) : random.nextInt(2_000_000);
            priv.putAll(Map.of("plate", String.format("%07d", plate).replace('0', 'A').replace('5', 'K'),
                "caseNumber", caseNumber, "reason", REASONS[reason],
                "from", from.toString(), "to", time.toString(), "sourceAddress", "10.0.2." + person));
          }
          pub.put("time", time.toString());
          pub.put("agency", "bench-pd");
          privates[i] = CANONICAL.writeValueAsString(priv);
          pub.put("commitment", commitment(salts[i], privates[i]));
          entries[i] = CANONICAL.writeValueAsString(pub).getBytes(StandardCharsets.UTF_8);
          times[i] = java.sql.Timestamp.from(time);
        }
        ps.setArray(1, c.createArrayOf("integer", types));
        ps.setArray(2, c.createArrayOf("bytea", entries));
        ps.setArray(3, c.createArrayOf("bytea", salts));
        ps.setArray(4, c.createArrayOf("text", privates));
        ps.setArray(5, c.createArrayOf("timestamptz", times));
        ps.executeUpdate();
        done += k;
      }
    }
    long tAppended = System.nanoTime();
    while (size(db) < target) {
      Thread.sleep(50);
    }
    out.printf("fill: %,d entries (searches by %d people over %d days in working hours, 1%% at night, 3%% refused, "
        + "27%% ingest batches) appended in %.1f s, integrated after %.1f s%n", toAdd, people, days,
        (tAppended - t0) / 1e9, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * The time of the {@code n}th entry of the fill, {@code perDay} a day in the agency's zone: the first 1%
   * of a day's entries between 04:00 and 06:00 (off hours: the night shift's few searches), the rest
   * between 07:00 and 21:00 (the working hours of the default policy are 06:00 to 22:00). Times only grow.
   */
  static Instant time(LocalDate firstDay, long perDay, long n) {
    LocalDate day = firstDay.plusDays(n / perDay);
    long j = n % perDay;
    long night = Math.max(1, perDay / 100);
    LocalDateTime at = j < night
        ? day.atTime(4, 0).plusNanos(Duration.ofHours(2).toNanos() / night * j)
        : day.atTime(7, 0).plusNanos(Duration.ofHours(14).toNanos() / (perDay - night) * (j - night));
    return at.atZone(ZONE).toInstant();
  }

  // ---- findings ----

  /** The rules' page ({@code FindingEngine.BATCH}). */
  static final int PAGE = 10_000;

  /** The entries read as the rules read them, pages of {@value #PAGE} with their private fields, and nothing done with them. */
  static void baselineScan(String[] db, long size, PrintStream out) throws Exception {
    long t0 = System.nanoTime();
    long bytes = 0;
    long n = 0;
    try (Connection c = connect(db); PreparedStatement ps = c.prepareStatement("""
        SELECT e.idx, e.entry, p.private_fields FROM audit_entry e
        LEFT JOIN audit_private p ON p.idx = e.idx AND p.idx >= ? AND p.idx < ?
        WHERE e.idx >= ? AND e.idx < ? ORDER BY e.idx""")) {
      long next = 0;
      while (next < size) {
        ps.setLong(1, next);
        ps.setLong(2, next + PAGE);
        ps.setLong(3, next);
        ps.setLong(4, next + PAGE);
        long last = -1;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            last = rs.getLong(1);
            bytes += rs.getBytes(2).length;
            String p = rs.getString(3);
            bytes += p == null ? 0 : p.length();
            n++;
          }
        }
        if (last < 0) {
          break;
        }
        next = last + 1;
      }
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    out.printf("baseline: sequential scan of %,d entries with their private fields (%,d MB) in pages of %,d: %.2f s%n",
        n, bytes >> 20, PAGE, secs);
  }

  static void findings(String[] db, long size, PrintStream out) throws Exception {
    long t0;
    try (Connection c = connect(db); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("LOCK TABLE oversight_finding_cursor"); // waits for a run in progress
      s.execute("DELETE FROM oversight_finding");
      s.execute("DELETE FROM oversight_person_activity");
      s.execute("UPDATE oversight_finding_cursor SET next_index = 0");
      c.commit();
      t0 = System.nanoTime();
    }
    long cursor = 0;
    // one connection for the polling: a new one every 20 ms (PostgreSQL forks a backend, both sides run the
    // password exchange) cost PostgreSQL about a quarter of a core, taken from the server being measured
    try (Connection c = connect(db); Statement s = c.createStatement()) {
      while (cursor < size) {
        Thread.sleep(20);
        try (ResultSet rs = s.executeQuery("SELECT next_index FROM oversight_finding_cursor")) {
          rs.next();
          cursor = rs.getLong(1);
        }
      }
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    long found = single(db, "SELECT count(*) FROM oversight_finding");
    out.printf("findings from scratch: %,d entries examined by the rules in %.2f s (including up to the server's "
        + "findings-interval before the first run) = %,.0f entries/s; %,d findings%n", cursor, secs, cursor / secs, found);
    try (Connection c = connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT rule, count(*) FROM oversight_finding GROUP BY rule ORDER BY rule")) {
      StringBuilder sb = new StringBuilder();
      while (rs.next()) {
        sb.append(sb.length() == 0 ? "" : ", ").append(rs.getString(1)).append(' ').append(rs.getLong(2));
      }
      out.println("findings by rule: " + sb);
    }
  }

  // ---- self-audit ----

  static void verify(String url, PrintStream out) throws Exception {
    Path pins = Files.createTempFile("bench-known-logs", "");
    Files.delete(pins);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    int exit = VerifyCommand.run(new String[] {"verify", url, "--pin-file", pins.toString()},
        new PrintStream(sink, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
    out.printf("baseline: audit verify: exit %d in %.2f s client wall time: %s", exit, (System.nanoTime() - t0) / 1e9,
        sink.toString(StandardCharsets.UTF_8));
  }

  static void selfAudit(String url, String token, PrintStream out) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    long t0 = System.nanoTime();
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/oversight/self-audits"))
        .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(5))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    double secs = (System.nanoTime() - t0) / 1e9;
    if (r.statusCode() != 200) {
      throw new IllegalStateException("self-audit: HTTP " + r.statusCode());
    }
    JsonNode report = JSON.readTree(r.body());
    String tree = "";
    for (JsonNode check : report.path("checks")) {
      if (check.path("name").stringValue().equals("audit-tree")) {
        tree = check.path("status").stringValue() + ": " + check.path("detail").stringValue();
      }
    }
    out.printf("self-audit: %s in %.2f s (request wall time); tree check %s%n", report.path("status").stringValue(), secs,
        tree);
  }

  // ---- helpers ----

  static String commitment(byte[] salt, String privateJson) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    d.update(salt);
    d.update(privateJson.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(d.digest());
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "unknown";
    }
  }

  static String auditorToken(String data) throws Exception {
    if (data == null) {
      throw new IllegalArgumentException("give --token AUDITOR_TOKEN, or --data DIR of a demo");
    }
    JsonNode creds = JSON.readTree(Files.readString(Path.of(data).resolve("demo-credentials.json")));
    for (JsonNode u : creds.path("users")) {
      if (u.path("username").stringValue().equals("auditor")) {
        return u.path("apiToken").stringValue();
      }
    }
    throw new IllegalArgumentException("no auditor in " + data + "/demo-credentials.json");
  }

  static long size(String[] db) throws Exception {
    return single(db, "SELECT size FROM audit_log_state");
  }

  static long pending(String[] db) throws Exception {
    return single(db, "SELECT count(*) FROM audit_pending");
  }

  static long single(String[] db, String sql) throws Exception {
    try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static Connection connect(String[] db) throws Exception {
    return AuditLoad.connect(db);
  }

  /** The database to fill and reset, as the audit load finds it (the embedded one's password file included). */
  static String[] database(Map<String, String> o) throws Exception {
    return AuditLoad.database(o);
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        return null;
      }
      o.put(args[i], args[i + 1]);
    }
    return args.length % 2 == 0 ? o : null;
  }
}
