package org.glassplate.bench.alerts;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read-to-alert latency under load (issue 6): ingests reads at a fixed rate (10,000/s by default)
 * over HTTP while an operator listens to {@code /api/v1/alerts/stream}; a share of the reads
 * (1%) are plates of a state hot list made for the run. For each hit, the time from just before
 * its batch is sent to the moment its alert arrives on the stream; p50/p99/max and the rate
 * actually ingested. The first {@code --warmup} seconds (20 by default) run the same load, hits
 * included, without being measured: they warm the server's JIT and caches as any long-running
 * server is warm, and are reported on their own line.
 */
public final class AlertLatencyLoad {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private AlertLatencyLoad() {
  }

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i], args[i + 1]);
    }
    String url = o.getOrDefault("--url", "http://localhost:8080");
    int rate = Integer.parseInt(o.getOrDefault("--rate", "10000"));
    int seconds = Integer.parseInt(o.getOrDefault("--seconds", "30"));
    int warmup = Integer.parseInt(o.getOrDefault("--warmup", "20"));
    int batch = Integer.parseInt(o.getOrDefault("--batch", "100"));
    int concurrency = Integer.parseInt(o.getOrDefault("--concurrency", "8"));
    double hitShare = Double.parseDouble(o.getOrDefault("--hit-percent", "1")) / 100.0;
    Path data = Path.of(o.getOrDefault("--data", "glassplate-data"));
    JsonNode creds = JSON.readTree(Files.readString(data.resolve("demo-credentials.json")));
    String camera = creds.path("cameras").get(0).path("token").stringValue();
    String operator = token(creds, "OPERATOR");
    String admin = token(creds, "ADMINISTRATOR");
    String supervisor = token(creds, "SUPERVISOR");

    int hitsPlanned = (int) Math.ceil(rate * (long) (seconds + warmup) * hitShare) + 10;
    List<String> plates = new ArrayList<>();
    Random random = new Random(11);
    for (int i = 0; i < hitsPlanned; i++) {
      plates.add("Q" + Integer.toString(1_000_000 + random.nextInt(8_000_000), 36).toUpperCase());
    }
    plates = plates.stream().distinct().toList();
    long list = setUpList(url, admin, supervisor, plates);
    out.printf("alerts: state list %d with %d plates; %d reads/s for %d s (after %d s of warm-up) in batches of %d"
        + " over %d connections, %.1f%% hits%n", list, plates.size(), rate, seconds, warmup, batch, concurrency,
        hitShare * 100);

    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, Long> alertAt = new ConcurrentHashMap<>();
    HttpResponse<Stream<String>> stream = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/alerts/stream"))
        .header("Authorization", "Bearer " + operator).header("Accept", "text/event-stream").GET().build(),
        HttpResponse.BodyHandlers.ofLines());
    if (stream.statusCode() != 200) {
      err.println("alerts: the stream answered " + stream.statusCode());
      return 1;
    }
    Thread listener = new Thread(() -> {
      boolean alert = false;
      try {
        for (var it = stream.body().iterator(); it.hasNext(); ) {
          String line = it.next();
          if (line.equals("event:alert")) {
            alert = true;
          } else if (alert && line.startsWith("data:")) {
            long now = System.nanoTime();
            alertAt.putIfAbsent(JSON.readTree(line.substring(5)).path("plate").stringValue(), now);
            alert = false;
          }
        }
      } catch (RuntimeException closed) {
        // the stream was closed at the end
      }
    }, "alert-listener");
    listener.setDaemon(true);
    listener.start();
    Thread.sleep(500);

    ExecutorService senders = Executors.newFixedThreadPool(concurrency);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    List<Double> batchMs = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicLong accepted = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong batches = new AtomicLong();
    long warmupBatches = (long) rate * warmup / batch;
    long totalBatches = warmupBatches + (long) rate * seconds / batch;
    AtomicLong measuredFrom = new AtomicLong();
    List<Double> warmupMs = java.util.Collections.synchronizedList(new ArrayList<>());
    long periodNanos = 1_000_000_000L * batch / rate;
    List<String> hitPlates = plates;
    AtomicLong nextHit = new AtomicLong();
    double[] owed = {0};
    ticker.scheduleAtFixedRate(() -> {
      if (batches.get() >= totalBatches) {
        return;
      }
      boolean measured = batches.getAndIncrement() >= warmupBatches;
      if (measured && measuredFrom.compareAndSet(0, System.nanoTime()) && warmupBatches > 0) {
        double[] warm = sortedCopy(warmupMs);
        out.printf("warm-up: %d batches, round trip p50 %.1f ms, p99 %.1f ms; measuring%n", warmupBatches,
            pct(warm, 0.5), pct(warm, 0.99));
      }
      owed[0] += batch * hitShare;
      int hits = (int) owed[0];
      owed[0] -= hits;
      List<String> hitsInBatch = new ArrayList<>();
      for (int h = 0; h < hits && nextHit.get() < hitPlates.size(); h++) {
        hitsInBatch.add(hitPlates.get((int) nextHit.getAndIncrement()));
      }
      senders.execute(() -> {
        String body = body(batch, hitsInBatch, random);
        long t = System.nanoTime();
        if (measured) {
          hitsInBatch.forEach(p -> sentAt.put(p, t));
        }
        try {
          HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/reads"))
              .header("Authorization", "Bearer " + camera).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
          (measured ? batchMs : warmupMs).add((System.nanoTime() - t) / 1e6);
          if (r.statusCode() == 200) {
            if (measured) {
              accepted.addAndGet(JSON.readTree(r.body()).path("accepted").longValue());
            }
          } else {
            failed.incrementAndGet();
          }
        } catch (Exception e) {
          failed.incrementAndGet();
        }
      });
    }, 0, periodNanos, TimeUnit.NANOSECONDS);
    while (batches.get() < totalBatches) {
      Thread.sleep(50);
    }
    ticker.shutdown();
    senders.shutdown();
    senders.awaitTermination(60, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - measuredFrom.get()) / 1e9;
    Thread.sleep(2000);
    stream.body().close();

    List<Double> ms = new ArrayList<>();
    int missing = 0;
    for (Map.Entry<String, Long> e : sentAt.entrySet()) {
      Long got = alertAt.get(e.getKey());
      if (got == null) {
        missing++;
      } else {
        ms.add((got - e.getValue()) / 1e6);
      }
    }
    double[] sorted = sortedCopy(ms);
    out.printf("ingested %.0f reads/s (%d accepted, %d failed batches) in %.1f s%n", accepted.get() / elapsed,
        accepted.get(), failed.get(), elapsed);
    double[] batches2 = sortedCopy(batchMs);
    out.printf("ingest batch round trip: p50 %.1f ms, p99 %.1f ms%n", pct(batches2, 0.5), pct(batches2, 0.99));
    out.printf("read-to-alert on the stream: %d hits, %d without an alert; p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        sentAt.size(), missing, pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99),
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
    return missing == 0 && failed.get() == 0 ? 0 : 1;
  }

  private static double[] sortedCopy(List<Double> values) {
    synchronized (values) {
      return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }
  }

  private static double pct(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static String token(JsonNode creds, String role) {
    for (JsonNode u : creds.path("users")) {
      for (JsonNode r : u.path("roles")) {
        if (r.stringValue().equals(role)) {
          return u.path("apiToken").stringValue();
        }
      }
    }
    throw new IllegalStateException("no demo user with role " + role);
  }

  /**
   * A state list filled by the administrator's import, which takes effect when a second person (the
   * supervisor) approves it (issue 12).
   */
  private static long setUpList(String url, String admin, String supervisor, List<String> plates) throws Exception {
    JsonNode list = post(url, admin, "/api/v1/hotlists", "{\"name\":\"bench " + Instant.now() + "\",\"source\":\"state\"}",
        "application/json");
    long id = list.path("id").longValue();
    JsonNode job = post(url, admin, "/api/v1/hotlists/" + id + "/imports", "{\"mode\":\"append\"}", "application/json");
    String base = "/api/v1/hotlists/" + id + "/imports/" + job.path("id").longValue();
    StringBuilder csv = new StringBuilder("plate,reason,expiresAt\n");
    plates.forEach(p -> csv.append(p).append(",stolen_vehicle,2099-01-01\n"));
    post(url, admin, base + "/parts", csv.toString(), "text/csv");
    post(url, admin, base + "/completion", "{}", "application/json");
    post(url, supervisor, base + "/approval", "{}", "application/json");
    return id;
  }

  private static JsonNode post(String url, String token, String path, String body, String type) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private static String body(int n, List<String> hits, Random random) {
    String now = Instant.now().toString();
    StringBuilder sb = new StringBuilder("{\"reads\":[");
    for (int i = 0; i < n; i++) {
      String plate = i < hits.size() ? hits.get(i)
          : (char) ('1' + random.nextInt(9)) + letters(random) + (100 + random.nextInt(900));
      sb.append(i > 0 ? "," : "").append("{\"plate\":\"").append(plate).append("\",\"state\":\"CA\",\"capturedAt\":\"")
          .append(now).append("\"}");
    }
    return sb.append("]}").toString();
  }

  private static String letters(Random r) {
    char[] c = new char[3];
    for (int i = 0; i < 3; i++) {
      c[i] = (char) ('A' + r.nextInt(26));
    }
    return new String(c);
  }

}
