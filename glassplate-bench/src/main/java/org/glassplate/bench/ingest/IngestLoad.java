package org.glassplate.bench.ingest;

import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end ingest load: N reads in batches of B over C concurrent HTTP connections to
 * {@code POST /api/v1/reads}, with reads/s and p50/p99 batch latency; then, as the ceiling, a raw
 * PostgreSQL {@code COPY} of the same number of rows of the same shape into the same table of the
 * same database, and the ratio of the two.
 */
public final class IngestLoad {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String STATES = "CA";

  private IngestLoad() {
  }

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Map<String, String> o = options(args);
    if (o == null) {
      err.println("bench ingest: bad options");
      return 2;
    }
    String url = o.getOrDefault("--url", "http://localhost:8080");
    int reads = Integer.parseInt(o.getOrDefault("--reads", "200000"));
    int batch = Integer.parseInt(o.getOrDefault("--batch", "500"));
    int concurrency = Integer.parseInt(o.getOrDefault("--concurrency", "4"));
    Path data = o.containsKey("--data") ? Path.of(o.get("--data")) : null;
    String token = o.get("--token");
    if (token == null && data != null) {
      token = JSON.readTree(Files.readString(data.resolve("demo-credentials.json")))
          .path("cameras").get(0).path("token").stringValue();
    }
    if (token == null) {
      err.println("bench ingest: give --token or --data DIR (with demo-credentials.json)");
      return 2;
    }

    List<String> bodies = bodies(reads, batch, new Random(7));
    out.printf("ingest: %d reads, batches of %d, %d concurrent connections -> %s%n", reads, batch, concurrency, url);
    // warm-up: 5% of the load, not measured
    send(url, token, bodies.subList(0, Math.max(1, bodies.size() / 20)), concurrency);
    Result http = send(url, token, bodies, concurrency);
    out.printf("http ingest: %.0f reads/s (%d accepted, %d failed batches) batch latency p50 %.1f ms p99 %.1f ms%n",
        http.accepted / http.seconds, http.accepted, http.failedBatches, http.p50, http.p99);

    String dbUrl = o.get("--db-url");
    String dbUser = o.getOrDefault("--db-user", "postgres");
    String dbPassword = o.getOrDefault("--db-password", "");
    if (dbUrl == null && data != null && Files.exists(data.resolve("embedded-postgres.json"))) {
      JsonNode db = JSON.readTree(Files.readString(data.resolve("embedded-postgres.json")));
      dbUrl = "jdbc:postgresql://" + db.path("host").stringValue() + ":" + db.path("port").intValue() + "/"
          + db.path("database").stringValue();
      dbUser = db.path("user").stringValue();
      dbPassword = org.glassplate.bench.audit.AuditLoad.embeddedPassword(db);
    }
    if (dbUrl == null) {
      out.println("copy ceiling: skipped (give --data DIR or --db-url)");
      return http.failedBatches == 0 ? 0 : 1;
    }
    double copyRate = copy(dbUrl, dbUser, dbPassword, reads, new Random(8));
    out.printf("raw COPY: %.0f rows/s (%d rows, one connection)%n", copyRate, reads);
    out.printf("ratio http/COPY: %.0f%%%n", 100 * (http.accepted / http.seconds) / copyRate);
    return http.failedBatches == 0 ? 0 : 1;
  }

  record Result(long accepted, int failedBatches, double seconds, double p50, double p99) {
  }

  static List<String> bodies(int reads, int batch, Random random) {
    List<String> out = new ArrayList<>();
    String now = Instant.now().toString();
    for (int start = 0; start < reads; start += batch) {
      StringBuilder sb = new StringBuilder(batch * 140).append("{\"reads\":[");
      for (int i = start; i < Math.min(reads, start + batch); i++) {
        if (i > start) {
          sb.append(',');
        }
        sb.append("{\"plate\":\"").append(plate(random)).append("\",\"state\":\"").append(STATES)
            .append("\",\"capturedAt\":\"").append(now).append("\",\"lat\":").append(36.7 + random.nextDouble() / 10)
            .append(",\"lon\":").append(-119.8 + random.nextDouble() / 10).append(",\"confidence\":")
            .append(80 + random.nextInt(20)).append(",\"vehicle\":{\"make\":\"Toyota\",\"color\":\"silver\",\"type\":\"sedan\"}}");
      }
      out.add(sb.append("]}").toString());
    }
    return out;
  }

  static String plate(Random r) {
    return "" + (1 + r.nextInt(9)) + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26))
        + (char) ('A' + r.nextInt(26)) + r.nextInt(10) + r.nextInt(10) + r.nextInt(10);
  }

  static Result send(String url, String token, List<String> bodies, int concurrency) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    AtomicInteger next = new AtomicInteger();
    long[] latencies = new long[bodies.size()];
    AtomicInteger failed = new AtomicInteger();
    java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long t0 = System.nanoTime();
    List<Future<?>> fs = new ArrayList<>();
    for (int c = 0; c < concurrency; c++) {
      fs.add(pool.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < bodies.size()) {
          long s = System.nanoTime();
          try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/reads"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build(),
                HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
              accepted.addAndGet(JSON.readTree(r.body()).path("accepted").longValue());
            } else {
              failed.incrementAndGet();
            }
          } catch (Exception e) {
            failed.incrementAndGet();
          }
          latencies[i] = System.nanoTime() - s;
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    return new Result(accepted.get(), failed.get(), seconds, sorted[sorted.length / 2] / 1e6,
        sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6);
  }

  /** COPY of {@code rows} rows shaped like the HTTP load into plate_read; returns rows per second. */
  static double copy(String url, String user, String password, int rows, Random random) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      long camera;
      try (var rs = c.createStatement().executeQuery("SELECT min(id) FROM camera")) {
        rs.next();
        camera = rs.getLong(1);
      }
      String now = Instant.now().toString();
      StringBuilder csv = new StringBuilder(rows * 120);
      for (int i = 0; i < rows; i++) {
        csv.append(camera).append(',').append(plate(random)).append(",CA,").append(now).append(',')
            .append(36.7 + random.nextDouble() / 10).append(',').append(-119.8 + random.nextDouble() / 10).append(',')
            .append(80 + random.nextInt(20)).append(",Toyota,silver,sedan,").append(now).append('\n');
      }
      c.setAutoCommit(false);
      long t0 = System.nanoTime();
      c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
          COPY plate_read (camera_id, plate, state, captured_at, lat, lon, confidence,
                           vehicle_make, vehicle_color, vehicle_type, received_at) FROM STDIN (FORMAT csv)""",
          new StringReader(csv.toString()));
      c.commit();
      return rows / ((System.nanoTime() - t0) / 1e9);
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        return null;
      }
      if (args[i].contains("=")) {
        o.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
      } else if (i + 1 < args.length) {
        o.put(args[i], args[++i]);
      } else {
        return null;
      }
    }
    return o;
  }
}
