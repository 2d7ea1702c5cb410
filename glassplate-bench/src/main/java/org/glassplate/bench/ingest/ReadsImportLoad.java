package org.glassplate.bench.ingest;

import java.io.BufferedWriter;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CSV bulk import ({@code POST /api/v1/reads/import}) against JSON ingest ({@code POST /api/v1/reads})
 * in the same run, on the same server, with reads of the same shape: N reads as one streamed CSV
 * body; N as CSV in chunks of 10,000 lines (as {@code glassplate import reads} sends them); N as JSON
 * batches of 1,000 on one connection and N on C connections; then the first CSV file again, every
 * read a duplicate (what resuming costs). Each set has its own capture times, so no set is a
 * duplicate of another. While the streamed import runs, the server's heap is sampled from
 * {@code /actuator/prometheus} (open from 127.0.0.1) to show that memory stays flat.
 */
public final class ReadsImportLoad {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private ReadsImportLoad() {
  }

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Map<String, String> o = IngestLoad.options(args);
    if (o == null) {
      err.println("bench reads-import: bad options");
      return 2;
    }
    String url = o.getOrDefault("--url", "http://localhost:8080");
    int reads = Integer.parseInt(o.getOrDefault("--reads", "200000"));
    int concurrency = Integer.parseInt(o.getOrDefault("--concurrency", "4"));
    String token = o.get("--token");
    if (token == null && o.containsKey("--data")) {
      token = JSON.readTree(Files.readString(Path.of(o.get("--data")).resolve("demo-credentials.json")))
          .path("cameras").get(0).path("token").stringValue();
    }
    if (token == null) {
      err.println("bench reads-import: give --token or --data DIR (with demo-credentials.json)");
      return 2;
    }
    Instant base = Instant.now().minus(Duration.ofHours(6));
    out.printf("reads-import: %d reads per set -> %s%n", reads, url);

    // warm-up, not measured: 5% of a set each way
    int warm = Math.max(1000, reads / 20);
    Path warmFile = csv(warm, base.minus(Duration.ofHours(1)), new Random(1));
    stream(url, token, warmFile, null);
    IngestLoad.send(url, token, jsonBodies(warm, base.minus(Duration.ofHours(2)), new Random(2)), concurrency);

    Path a = csv(reads, base, new Random(11));
    long bytes = Files.size(a);
    HeapSampler heap = new HeapSampler(url);
    heap.start();
    Timed streamed = stream(url, token, a, null);
    long maxHeap = heap.stop();
    out.printf("csv, one streamed body (%.1f MB): %.0f reads/s (%d accepted, %d duplicates, %.1f s); server heap max %s%n",
        bytes / 1e6, streamed.accepted / streamed.seconds, streamed.accepted, streamed.duplicates, streamed.seconds,
        maxHeap < 0 ? "n/a (no /actuator/prometheus from here)" : "%.0f MiB (%.0f MiB before)".formatted(
            maxHeap / 1048576.0, heap.first / 1048576.0));

    Path b = csv(reads, base.plus(Duration.ofHours(1)), new Random(12));
    Timed chunked = chunks(url, token, b, 10_000);
    out.printf("csv, chunks of 10,000 lines: %.0f reads/s (%d accepted, %.1f s)%n",
        chunked.accepted / chunked.seconds, chunked.accepted, chunked.seconds);

    IngestLoad.Result one = IngestLoad.send(url, token, jsonBodies(reads, base.plus(Duration.ofHours(2)), new Random(13)), 1);
    out.printf("json, batches of 1,000, 1 connection: %.0f reads/s (%d accepted, %d failed batches, %.1f s)%n",
        one.accepted() / one.seconds(), one.accepted(), one.failedBatches(), one.seconds());
    IngestLoad.Result many = IngestLoad.send(url, token, jsonBodies(reads, base.plus(Duration.ofHours(3)), new Random(14)),
        concurrency);
    out.printf("json, batches of 1,000, %d connections: %.0f reads/s (%d accepted, %d failed batches, %.1f s)%n",
        concurrency, many.accepted() / many.seconds(), many.accepted(), many.failedBatches(), many.seconds());

    Timed again = stream(url, token, a, null);
    out.printf("csv again, every read a duplicate: %.0f lines/s (%d accepted, %d duplicates, %.1f s)%n",
        (again.accepted + again.duplicates) / again.seconds, again.accepted, again.duplicates, again.seconds);
    out.printf("ratio csv streamed / json 1 connection: %.0f%%; / json %d connections: %.0f%%%n",
        100 * (streamed.accepted / streamed.seconds) / (one.accepted() / one.seconds()), concurrency,
        100 * (streamed.accepted / streamed.seconds) / (many.accepted() / many.seconds()));
    Files.deleteIfExists(warmFile);
    Files.deleteIfExists(a);
    Files.deleteIfExists(b);
    boolean ok = streamed.accepted == reads && chunked.accepted == reads && one.failedBatches() == 0
        && many.failedBatches() == 0 && again.duplicates == reads;
    return ok ? 0 : 1;
  }

  record Timed(long accepted, long duplicates, double seconds) {
  }

  /** A reads CSV of {@code n} reads shaped like the JSON load's, one millisecond apart from {@code start}. */
  static Path csv(int n, Instant start, Random random) throws Exception {
    Path f = Files.createTempFile("glassplate-reads-", ".csv");
    try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
      w.write("plate,state,capturedAt,lat,lon,confidence,vehicle.make,vehicle.color,vehicle.type\n");
      for (int i = 0; i < n; i++) {
        w.write(IngestLoad.plate(random) + ",CA," + start.plusMillis(i) + "," + (36.7 + random.nextDouble() / 10) + ","
            + (-119.8 + random.nextDouble() / 10) + "," + (80 + random.nextInt(20)) + ",Toyota,silver,sedan\n");
      }
    }
    return f;
  }

  static List<String> jsonBodies(int n, Instant start, Random random) {
    List<String> out = new ArrayList<>();
    for (int from = 0; from < n; from += 1000) {
      StringBuilder sb = new StringBuilder(140_000).append("{\"reads\":[");
      for (int i = from; i < Math.min(n, from + 1000); i++) {
        sb.append(i > from ? "," : "").append("{\"plate\":\"").append(IngestLoad.plate(random))
            .append("\",\"state\":\"CA\",\"capturedAt\":\"").append(start.plusMillis(i)).append("\",\"lat\":")
            .append(36.7 + random.nextDouble() / 10).append(",\"lon\":").append(-119.8 + random.nextDouble() / 10)
            .append(",\"confidence\":").append(80 + random.nextInt(20))
            .append(",\"vehicle\":{\"make\":\"Toyota\",\"color\":\"silver\",\"type\":\"sedan\"}}");
      }
      out.add(sb.append("]}").toString());
    }
    return out;
  }

  static Timed stream(String url, String token, Path file, String query) throws Exception {
    long t0 = System.nanoTime();
    JsonNode a = post(url, token, query, HttpRequest.BodyPublishers.ofFile(file));
    return new Timed(a.path("accepted").longValue(), a.path("duplicates").longValue(), (System.nanoTime() - t0) / 1e9);
  }

  /** The file in chunks of whole lines, each with the header, one after another, as the command line sends it. */
  static Timed chunks(String url, String token, Path file, int lines) throws Exception {
    long t0 = System.nanoTime();
    long accepted = 0;
    long duplicates = 0;
    try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      StringBuilder chunk = new StringBuilder();
      int n = 0;
      int line = 2;
      int first = 2;
      for (String l = in.readLine(); ; l = in.readLine()) {
        if (l != null) {
          if (n == 0) {
            chunk.setLength(0);
            chunk.append(header).append('\n');
            first = line;
          }
          chunk.append(l).append('\n');
          n++;
          line++;
        }
        if (n > 0 && (n == lines || l == null)) {
          JsonNode a = post(url, token, "?line=" + first, HttpRequest.BodyPublishers.ofString(chunk.toString()));
          accepted += a.path("accepted").longValue();
          duplicates += a.path("duplicates").longValue();
          n = 0;
        }
        if (l == null) {
          break;
        }
      }
    }
    return new Timed(accepted, duplicates, (System.nanoTime() - t0) / 1e9);
  }

  private static JsonNode post(String url, String token, String query, HttpRequest.BodyPublisher body) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/reads/import"
            + (query == null ? "" : query))).timeout(Duration.ofMinutes(30))
        .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv").POST(body).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("import answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** Samples the server's used heap every 100 ms; -1 when the metrics endpoint does not answer. */
  private static final class HeapSampler {
    private final String url;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong max = new AtomicLong(-1);
    private Thread thread;
    long first = -1;

    HeapSampler(String url) {
      this.url = url;
    }

    void start() {
      first = heap();
      thread = new Thread(() -> {
        while (running.get()) {
          long h = heap();
          max.accumulateAndGet(h, Math::max);
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    long stop() throws InterruptedException {
      running.set(false);
      thread.join();
      return max.get();
    }

    private long heap() {
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          return -1;
        }
        long sum = 0;
        for (String line : r.body().split("\n")) {
          if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
            sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          }
        }
        return sum;
      } catch (Exception e) {
        return -1;
      }
    }
  }
}
