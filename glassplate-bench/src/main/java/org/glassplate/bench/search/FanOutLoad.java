package org.glassplate.bench.search;

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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fan-out search latency (issue 14): against a node started with {@code ./glassplate demo --partners N},
 * times audited searches through {@code POST /api/v1/searches} one at a time, local-only and with
 * {@code "partners": true} interleaved in one run, so both see the same machine and the same load. Each
 * fan-out search is signed and sent to every partner node in parallel; each partner checks the signature,
 * its agreement, the floor and the purpose screen, searches its own reads, writes its own audit entry and
 * answers. Reports p50/p95/p99/max of both kinds and every partner's outcomes: a run in which a partner
 * did not answer OK is reported and fails (exit 1), since its latency would be a timeout's, not a search's.
 */
public final class FanOutLoad {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private FanOutLoad() {
  }

  /** The options of one run; parsed from {@code --data DIR [--url URL] [--searches N] [--warmup W]}. */
  record Options(Path data, String url, int searches, int warmup) {
    Options {
      if (searches < 1) {
        throw new IllegalArgumentException("--searches must be at least 1");
      }
      if (warmup < 0) {
        throw new IllegalArgumentException("--warmup must not be negative");
      }
    }

    static Options parse(String[] args) {
      Map<String, String> o = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        if (!args[i].startsWith("--") || i + 1 >= args.length
            || !List.of("--data", "--url", "--searches", "--warmup").contains(args[i])) {
          throw new IllegalArgumentException("bad option " + args[i]);
        }
        o.put(args[i], args[++i]);
      }
      if (!o.containsKey("--data")) {
        throw new IllegalArgumentException("--data DIR is required (the demo's data directory)");
      }
      return new Options(Path.of(o.get("--data")), o.get("--url"), number(o, "--searches", 200),
          number(o, "--warmup", 40));
    }

    private static int number(Map<String, String> o, String name, int otherwise) {
      try {
        return Integer.parseInt(o.getOrDefault(name, String.valueOf(otherwise)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a whole number");
      }
    }
  }

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("bench fanout: " + e.getMessage());
      err.println("usage: glassplate bench fanout --data DIR [--url URL] [--searches 200] [--warmup 40]");
      return 2;
    }
    JsonNode credentials = JSON.readTree(Files.readString(options.data().resolve("demo-credentials.json")));
    String token = null;
    for (JsonNode u : credentials.path("users")) {
      if (u.path("username").stringValue().equals("investigator")) {
        token = u.path("apiToken").stringValue();
      }
    }
    if (token == null) {
      err.println("bench fanout: no investigator in " + options.data().resolve("demo-credentials.json"));
      return 2;
    }
    int partners = credentials.path("partners").size();
    if (partners == 0) {
      err.println("bench fanout: the demo has no partners (start it with ./glassplate demo --partners 3)");
      return 2;
    }
    String url = options.url() != null ? options.url() : "http://localhost:8080";

    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    Random random = new Random(14);
    List<Boolean> order = new ArrayList<>();
    for (int i = 0; i < options.searches(); i++) {
      order.add(false);
      order.add(true);
    }
    Collections.shuffle(order, random);
    List<Boolean> all = new ArrayList<>();
    for (int i = 0; i < options.warmup(); i++) {
      all.add(i % 2 == 0);
    }
    all.addAll(order);
    out.printf(Locale.ROOT, "%s: %d partner nodes; %d local and %d fan-out searches interleaved after %d warm-up, one client%n",
        url, partners, options.searches(), options.searches(), options.warmup());

    List<Double> local = new ArrayList<>();
    List<Double> fanOut = new ArrayList<>();
    Map<String, Map<String, Integer>> outcomes = new TreeMap<>();
    int failures = 0;
    for (int i = 0; i < all.size(); i++) {
      boolean withPartners = all.get(i);
      ObjectNode body = body(random, withPartners);
      long start = System.nanoTime();
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/searches"))
              .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(60))
              .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      double ms = (System.nanoTime() - start) / 1e6;
      if (r.statusCode() != 200) {
        failures++;
        if (failures <= 5) {
          err.println("search failed: HTTP " + r.statusCode() + " " + r.body());
        }
        continue;
      }
      if (i < options.warmup()) {
        continue;
      }
      (withPartners ? fanOut : local).add(ms);
      for (JsonNode p : JSON.readTree(r.body()).path("partners")) {
        String status = p.path("status").asString() + (p.hasNonNull("code") ? " " + p.path("code").asString() : "");
        outcomes.computeIfAbsent(p.path("agency").asString(), a -> new TreeMap<>()).merge(status, 1, Integer::sum);
      }
      if ((i + 1) % 50 == 0) {
        err.printf("%d/%d searches%n", i + 1, all.size());
      }
    }
    out.printf(Locale.ROOT, "local only        %s%n", SearchLoad.stats(local));
    out.printf(Locale.ROOT, "with %d partners  %s%n", partners, SearchLoad.stats(fanOut));
    if (!local.isEmpty() && !fanOut.isEmpty()) {
      out.printf(Locale.ROOT, "fan-out adds      p50 %+.1f ms, p99 %+.1f ms%n", p(fanOut, 50) - p(local, 50),
          p(fanOut, 99) - p(local, 99));
    }
    boolean allAnswered = outcomes.size() == partners;
    for (Map.Entry<String, Map<String, Integer>> e : outcomes.entrySet()) {
      out.printf("partner %-20s %s%n", e.getKey(), e.getValue());
      allAnswered &= e.getValue().keySet().equals(java.util.Set.of("OK"));
    }
    if (!allAnswered) {
      err.println("bench fanout: not every partner answered OK to every search; the figures above are not a search's");
    }
    return failures == 0 && allAnswered ? 0 : 1;
  }

  private static double p(List<Double> values, double percentile) {
    return SearchLoad.pct(values.stream().mapToDouble(Double::doubleValue).sorted().toArray(), percentile);
  }

  /** A plate search over the last day, for a stolen vehicle: an offense the demo's agreements share for. */
  static ObjectNode body(Random random, boolean withPartners) {
    ObjectNode b = JSON.createObjectNode();
    Instant now = Instant.now();
    b.put("plate", "7" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26))
        + (char) ('A' + random.nextInt(26)) + String.format(Locale.ROOT, "%03d", random.nextInt(1000)));
    b.put("from", now.minus(Duration.ofHours(24)).toString());
    b.put("to", now.toString());
    b.put("caseNumber", "BENCH-" + random.nextInt(100000));
    b.put("offense", "STOLEN_VEHICLE");
    b.put("reason", "benchmark: stolen vehicle reported, plate seen by a witness");
    if (withPartners) {
      b.put("partners", true);
    }
    return b;
  }
}
