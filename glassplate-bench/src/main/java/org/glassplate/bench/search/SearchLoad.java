package org.glassplate.bench.search;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Search latency over a large read store (issue 5): optionally generates D days of N reads a day
 * straight into {@code plate_read} with {@code generate_series} (plates drawn from a pool with a
 * skewed, commuter-like distribution, spread over the agency's cameras), then times audited
 * searches through {@code POST /api/v1/searches} one at a time: full plates, full plates with
 * look-alikes, wildcard patterns (a quarter with look-alikes) and area searches, over windows of 1
 * to 30 days. Reports p50, p95,
 * p99 and max end to end, and the server's own split from its {@code Server-Timing} header (time in
 * the read store, time making the audit entry durable with its log index).
 */
public final class SearchLoad {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern TIMING = Pattern.compile("(\\w+);dur=([0-9.]+)");
  /** 9 first digits x 26^3 letters x 1000 numbers: the space the generated plates are scrambled over. */
  static final long PLATE_SPACE = 9L * 17576 * 1000;

  private SearchLoad() {
  }

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--generate")) {
        o.put("--generate", "true");
      } else if (args[i].startsWith("--") && i + 1 < args.length) {
        o.put(args[i], args[++i]);
      } else {
        err.println("bench search: bad option " + args[i]);
        return 2;
      }
    }
    String url = o.getOrDefault("--url", "http://localhost:8080");
    Path data = Path.of(o.getOrDefault("--data", "./glassplate-data"));
    int days = Integer.parseInt(o.getOrDefault("--days", "30"));
    int perDay = Integer.parseInt(o.getOrDefault("--per-day", "1000000"));
    long pool = Long.parseLong(o.getOrDefault("--pool", "3000000"));
    int cameras = Integer.parseInt(o.getOrDefault("--cameras", "48"));
    int queries = Integer.parseInt(o.getOrDefault("--queries", "300"));
    int warmupCount = Integer.parseInt(o.getOrDefault("--warmup", "400"));
    int maxWindowDays = Integer.parseInt(o.getOrDefault("--max-window-days", String.valueOf(Math.min(days, 30))));

    JsonNode db = JSON.readTree(Files.readString(data.resolve("embedded-postgres.json")));
    String dbUrl = o.getOrDefault("--db-url", "jdbc:postgresql://" + db.path("host").stringValue() + ":"
        + db.path("port").intValue() + "/" + db.path("database").stringValue());
    String dbUser = o.getOrDefault("--db-user", db.path("user").stringValue());
    String token = o.get("--token");
    if (token == null) {
      for (JsonNode u : JSON.readTree(Files.readString(data.resolve("demo-credentials.json"))).path("users")) {
        if (u.path("username").stringValue().equals("investigator")) {
          token = u.path("apiToken").stringValue();
        }
      }
    }
    if (token == null) {
      err.println("bench search: no investigator token (give --token or a demo --data DIR)");
      return 2;
    }

    List<String> samples;
    List<double[]> cameraPositions = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(dbUrl, dbUser, o.containsKey("--db-password")
        ? o.get("--db-password") : org.glassplate.bench.audit.AuditLoad.embeddedPassword(db))) {
      if (o.containsKey("--generate")) {
        generate(c, days, perDay, pool, cameras, out);
      }
      try (Statement st = c.createStatement()) {
        ResultSet rs = st.executeQuery("SELECT count(*), min(captured_at), max(captured_at) FROM plate_read");
        rs.next();
        out.printf("plate_read: %,d reads from %s to %s%n", rs.getLong(1), rs.getTimestamp(2), rs.getTimestamp(3));
        rs = st.executeQuery("SELECT lat, lon FROM camera ORDER BY id");
        while (rs.next()) {
          cameraPositions.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
        }
        samples = new ArrayList<>();
        rs = st.executeQuery("SELECT plate FROM plate_read TABLESAMPLE SYSTEM (0.02) WHERE length(plate) = 7 LIMIT 5000");
        while (rs.next()) {
          samples.add(rs.getString(1));
        }
      }
    }
    if (samples.isEmpty()) {
      err.println("bench search: no reads to search");
      return 1;
    }
    out.printf("%d sample plates, %d cameras, %d queries of each kind interleaved after %d warm-up queries, "
        + "windows of 1 to %d days, one client%n", samples.size(), cameraPositions.size(), queries, warmupCount,
        maxWindowDays);

    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    Random random = new Random(5);
    List<String> kinds = List.of("exact", "lookalike", "wildcard", "area");
    // the three kinds interleaved, as investigators would send them; a warm-up of the same mix first
    List<String> order = new ArrayList<>();
    for (String kind : kinds) {
      for (int i = 0; i < queries; i++) {
        order.add(kind);
      }
    }
    java.util.Collections.shuffle(order, random);
    List<String> warmup = new ArrayList<>();
    for (int i = 0; i < warmupCount; i++) {
      warmup.add(kinds.get(random.nextInt(kinds.size())));
    }
    Map<String, List<Double>> total = new LinkedHashMap<>();
    Map<String, List<Double>> query = new LinkedHashMap<>();
    Map<String, List<Double>> audit = new LinkedHashMap<>();
    Map<String, Long> results = new LinkedHashMap<>();
    for (String kind : kinds) {
      total.put(kind, new ArrayList<>());
      query.put(kind, new ArrayList<>());
      audit.put(kind, new ArrayList<>());
      results.put(kind, 0L);
    }
    int failures = 0;
    List<String> all = new ArrayList<>(warmup);
    all.addAll(order);
    for (int i = 0; i < all.size(); i++) {
      String kind = all.get(i);
      ObjectNode body = body(kind, samples.get(random.nextInt(samples.size())), cameraPositions, maxWindowDays, random);
      long start = System.nanoTime();
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/searches"))
              .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      double ms = (System.nanoTime() - start) / 1e6;
      if (r.statusCode() != 200) {
        failures++;
        if (failures <= 5) {
          err.println("search failed: " + r.statusCode() + " " + r.body());
        }
        continue;
      }
      if (i < warmup.size()) {
        continue;
      }
      total.get(kind).add(ms);
      Map<String, Double> timing = timing(r.headers().firstValue("Server-Timing").orElse(""));
      query.get(kind).add(timing.getOrDefault("query", Double.NaN));
      audit.get(kind).add(timing.getOrDefault("audit", Double.NaN));
      results.merge(kind, (long) JSON.readTree(r.body()).path("results").size(), Long::sum);
    }
    for (String kind : kinds) {
      int n = total.get(kind).size();
      out.printf(Locale.ROOT, "%-8s end-to-end %s | query %s | audit %s | %.1f results/search%n", kind,
          stats(total.get(kind)), stats(query.get(kind)), stats(audit.get(kind)),
          n == 0 ? 0.0 : (double) results.get(kind) / n);
    }
    return failures == 0 ? 0 : 1;
  }

  static ObjectNode body(String kind, String plate, List<double[]> cameras, int maxWindowDays, Random random) {
    ObjectNode b = JSON.createObjectNode();
    Instant now = Instant.now();
    Duration window = Duration.ofHours(24L * (1 + random.nextInt(maxWindowDays))).minusMinutes(5);
    b.put("from", now.minus(window).toString());
    b.put("to", now.plusSeconds(60).toString());
    b.put("caseNumber", "BENCH-" + random.nextInt(100000));
    b.put("offense", "STOLEN_VEHICLE");
    b.put("reason", "benchmark: stolen vehicle reported, plate partially seen by a witness");
    switch (kind) {
      case "exact", "lookalike" -> {
        // one in ten is a plate never seen
        b.put("plate", random.nextInt(10) == 0 ? scramble(random.nextLong(PLATE_SPACE)) : plate);
        b.put("lookalike", kind.equals("lookalike"));
      }
      case "wildcard" -> {
        b.put("pattern", pattern(plate, random));
        b.put("lookalike", random.nextInt(4) == 0);
      }
      default -> {
        double[] c = cameras.get(random.nextInt(cameras.size()));
        double d = 0.001 + random.nextDouble() * 0.004;
        b.put("pattern", "*");
        b.putArray("bbox").add(c[0] - d).add(c[1] - d).add(c[0] + d).add(c[1] + d);
      }
    }
    return b;
  }

  /** A partial plate as a witness might give it, from a 7-character plate. */
  static String pattern(String p, Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> p.substring(0, 3) + "*";                       // first three
      case 1 -> "*" + p.substring(4);                          // last three
      case 2 -> {                                              // one character unsure
        int i = random.nextInt(7);
        yield p.substring(0, i) + "?" + p.substring(i + 1);
      }
      case 3 -> p.charAt(0) + "?" + p.substring(2, 5) + "?" + p.charAt(6); // two unsure
      case 4 -> "*" + p.substring(2, 5) + "*";                 // three in the middle
      default -> p.substring(0, 2) + "*" + p.substring(5);     // start and end
    };
  }

  /** The plate of pool number k: a bijection of k over the plate space, so numbers near each other look unrelated. */
  static String scramble(long k) {
    long m = Math.floorMod(k * 48271L + 11L, PLATE_SPACE);
    long d = 1 + m % 9;
    long r = m / 9;
    return "" + d + (char) ('A' + r % 26) + (char) ('A' + (r / 26) % 26) + (char) ('A' + (r / 676) % 26)
        + String.format("%03d", (r / 17576) % 1000);
  }

  static void generate(Connection c, int days, int perDay, long pool, int cameras, PrintStream out) throws Exception {
    c.setAutoCommit(true);
    try (Statement st = c.createStatement()) {
      ResultSet rs = st.executeQuery("SELECT count(*) FROM camera");
      rs.next();
      int have = rs.getInt(1);
      if (have < cameras) {
        // extra fixed cameras on a grid around the demo city; their tokens are random and never shown
        st.executeUpdate("INSERT INTO camera (name, lat, lon, heading, active, token_hash) "
            + "SELECT 'Bench camera ' || g, 36.70 + (g % 8) * 0.012, -119.82 + (g / 8) * 0.012, (g * 45) % 360, true, "
            + "decode(md5('bench-camera-' || g || random()), 'hex') FROM generate_series(1, " + (cameras - have) + ") g");
      }
      st.execute("DROP TABLE IF EXISTS bench_cam");
      st.execute("CREATE TEMP TABLE bench_cam AS SELECT row_number() OVER (ORDER BY id) AS ix, id, lat, lon FROM camera");
      rs = st.executeQuery("SELECT count(*) FROM bench_cam");
      rs.next();
      int n = rs.getInt(1);
      Instant now = Instant.now();
      // D "days" of reads spread over D days less 4 hours, so that none is already past a D-day
      // retention while the benchmark runs (the purge would be deleting them meanwhile).
      long spacing = (days * 86_400L - 4 * 3_600L) / days;
      String sql = """
          INSERT INTO plate_read (id, camera_id, plate, state, captured_at, lat, lon, confidence, vehicle_make,
                                  vehicle_color, vehicle_type, received_at)
          SELECT nextval('plate_read_id_seq'), c.id,
                 (1 + m % 9)::text || chr(65 + ((m / 9) % 26)::int) || chr(65 + ((m / 9 / 26) % 26)::int)
                   || chr(65 + ((m / 9 / 676) % 26)::int) || lpad(((m / 9 / 17576) % 1000)::text, 3, '0'),
                 'CA', s.ts, c.lat, c.lon, 70 + s.g % 30, NULL, NULL, NULL, s.ts
          FROM (SELECT g, ((floor(? * random() ^ 2)::bigint * 48271 + 11) % ?) AS m,
                       ?::timestamptz - (? + random()) * ? * interval '1 second' AS ts,
                       1 + floor(random() * ?)::int AS ix
                FROM generate_series(1, ?) g) s
          JOIN bench_cam c ON c.ix = s.ix""";
      for (int d = 0; d < days; d++) {
        long start = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setLong(1, pool);
          ps.setLong(2, PLATE_SPACE);
          ps.setTimestamp(3, java.sql.Timestamp.from(now.minus(Duration.ofMinutes(2))));
          ps.setInt(4, d);
          ps.setLong(5, spacing);
          ps.setInt(6, n);
          ps.setInt(7, perDay);
          ps.executeUpdate();
        }
        out.printf("generated day %d: %,d reads in %.1f s%n", d + 1, perDay, (System.nanoTime() - start) / 1e9);
      }
      long start = System.nanoTime();
      st.execute("ANALYZE plate_read");
      out.printf("analyzed in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
  }

  static Map<String, Double> timing(String header) {
    Map<String, Double> out = new LinkedHashMap<>();
    Matcher m = TIMING.matcher(header);
    while (m.find()) {
      out.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return out;
  }

  static String stats(List<Double> values) {
    double[] v = values.stream().filter(x -> !x.isNaN()).mapToDouble(Double::doubleValue).sorted().toArray();
    if (v.length == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "p50 %.1f p95 %.1f p99 %.1f max %.1f ms (n=%d)", pct(v, 50), pct(v, 95),
        pct(v, 99), v[v.length - 1], v.length);
  }

  static double pct(double[] sorted, double p) {
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
