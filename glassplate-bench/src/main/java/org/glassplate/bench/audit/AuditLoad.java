package org.glassplate.bench.audit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.glassplate.log.Merkle;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.CheckpointVerifier;
import org.glassplate.log.tiles.TilePath;
import org.glassplate.log.tiles.Tiles;
import org.glassplate.log.verify.VerifyCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Audit log load against a running server and its database (issue 3 benchmarks):
 *
 * <ol>
 *   <li><b>sustained append + integration</b>: W writers each commit single entries into
 *       {@code audit_pending} (the recorder's INSERT, one durable commit per entry) for S
 *       seconds, while the server's sequencer integrates them; the rate is entries divided by
 *       the time until the last one has its log index;
 *   <li><b>fill</b>: bulk-appends until the log has N entries (default 1,000,000), timing how fast
 *       the sequencer integrates a backlog;
 *   <li><b>inclusion proofs</b>: after a warm-up, P sequential {@code GET
 *       /api/v1/audit/proof/inclusion?index=&size=} at the signed size, random indexes, over one
 *       keep-alive connection: p50 / p99 / max, a sample verified against the signed checkpoint;
 *   <li><b>audit verify</b>: the outside verifier over the whole log, client wall time.
 * </ol>
 */
public final class AuditLoad {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SecureRandom SALTS = new SecureRandom();

  private AuditLoad() {
  }

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Map<String, String> o = options(args);
    if (o == null) {
      err.println("""
          usage: glassplate bench audit --url URL (--data DIR | --db-url JDBC [--db-user U] [--db-password P])
                                        [--writers W] [--rate R] [--seconds S] [--fill N] [--proofs P] [--proof-size N] [--warmup K] [--verify true|false]""");
      return 2;
    }
    String url = o.getOrDefault("--url", "http://localhost:8080");
    int writers = Integer.parseInt(o.getOrDefault("--writers", "8"));
    int rate = Integer.parseInt(o.getOrDefault("--rate", "0"));
    int seconds = Integer.parseInt(o.getOrDefault("--seconds", "20"));
    long fill = Long.parseLong(o.getOrDefault("--fill", "1000000"));
    int proofs = Integer.parseInt(o.getOrDefault("--proofs", "20000"));
    long proofSize = Long.parseLong(o.getOrDefault("--proof-size", "0"));
    int warmup = Integer.parseInt(o.getOrDefault("--warmup", "20000"));
    boolean verify = Boolean.parseBoolean(o.getOrDefault("--verify", "true"));
    String[] db = database(o);
    if (db == null) {
      err.println("bench audit: give --data DIR (with embedded-postgres.json) or --db-url");
      return 2;
    }

    if (seconds > 0) {
      sustained(db, writers, rate, seconds, out);
    }
    if (fill > 0) {
      fill(db, fill, out);
    }
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    String key = get(client, url + "/api/v1/audit/key").strip();
    Checkpoint c = awaitCheckpoint(client, url, key, size(db));
    out.printf("signed checkpoint: size %,d%n", c.size());
    if (proofs > 0) {
      proofs(client, url, proofSize > 0 ? signedAt(client, url, key, c, proofSize) : c, warmup, proofs, out);
    }
    if (verify) {
      Path pins = Files.createTempFile("bench-known-logs", "");
      Files.delete(pins);
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      long t0 = System.nanoTime();
      int exit = VerifyCommand.run(new String[] {"verify", url, "--pin-file", pins.toString()},
          new PrintStream(sink, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
      double secs = (System.nanoTime() - t0) / 1e9;
      out.printf("audit verify: exit %d in %.2f s client wall time: %s", exit, secs, sink.toString(StandardCharsets.UTF_8));
    }
    return 0;
  }

  // ---- 1. sustained single-entry commits ----

  /** {@code rate} entries/s in all (0: as fast as the writers can commit). */
  static void sustained(String[] db, int writers, int rate, int seconds, PrintStream out) throws Exception {
    long period = rate > 0 ? (long) (writers * 1e9 / rate) : 0;
    long start = size(db);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong appended = new AtomicLong();
    AtomicLong commitNanos = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int id = w;
      Thread t = new Thread(() -> {
        try (Connection c = connect(db); PreparedStatement ps = c.prepareStatement(
            "INSERT INTO audit_pending (type_code, entry, salt, private_fields) VALUES (?, ?, ?, ?)")) {
          c.setAutoCommit(true); // one durable commit per entry, as a recorder in its own transaction
          long n = 0;
          long next = System.nanoTime();
          while (running.get()) {
            if (period > 0) {
              next += period;
              long wait = next - System.nanoTime();
              if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
              }
            }
            byte[] salt = new byte[16];
            SALTS.nextBytes(salt);
            ps.setInt(1, 201);
            ps.setBytes(2, entry(id, n++));
            ps.setBytes(3, salt);
            ps.setString(4, "{\"sourceAddress\":\"10.0.0." + id + "\"}");
            long t0 = System.nanoTime();
            ps.executeUpdate();
            commitNanos.addAndGet(System.nanoTime() - t0);
            appended.incrementAndGet();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, "audit-writer-" + w);
      threads.add(t);
    }
    long t0 = System.nanoTime();
    threads.forEach(Thread::start);
    long maxBacklog = 0;
    long backlogSum = 0;
    int samples = 0;
    long deadline = t0 + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      Thread.sleep(500);
      long backlog = appended.get() - (size(db) - start);
      maxBacklog = Math.max(maxBacklog, backlog);
      backlogSum += backlog;
      samples++;
    }
    running.set(false);
    for (Thread t : threads) {
      t.join();
    }
    long tAppended = System.nanoTime();
    long n = appended.get();
    while (size(db) - start < n) {
      Thread.sleep(5);
    }
    long tIntegrated = System.nanoTime();
    double appendSecs = (tAppended - t0) / 1e9;
    double totalSecs = (tIntegrated - t0) / 1e9;
    out.printf("sustained%s: %d writers, %,d entries committed one per transaction in %.1f s = %,.0f appends/s "
            + "(mean commit %.2f ms); all integrated after %.1f s = %,.0f entries/s end to end; "
            + "integration lag after the last append %.0f ms; backlog sampled every 0.5 s: mean %,d, max %,d%n",
        rate > 0 ? " at " + rate + "/s offered" : "", writers, n, appendSecs, n / appendSecs,
        commitNanos.get() / 1e6 / n, totalSecs, n / totalSecs, (tIntegrated - tAppended) / 1e6,
        samples == 0 ? 0 : backlogSum / samples, maxBacklog);
  }

  // ---- 2. fill to N with a backlog ----

  static void fill(String[] db, long target, PrintStream out) throws Exception {
    long start = size(db);
    long pendingNow;
    try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_pending")) {
      rs.next();
      pendingNow = rs.getLong(1);
    }
    long toAdd = target - start - pendingNow;
    if (toAdd <= 0) {
      out.printf("fill: the log already has %,d entries%n", start);
      return;
    }
    long t0 = System.nanoTime();
    int per = 5000;
    try (Connection c = connect(db); PreparedStatement ps = c.prepareStatement("""
        INSERT INTO audit_pending (type_code, entry, salt, private_fields)
        SELECT 201, e, s, '{}' FROM unnest(?::bytea[], ?::bytea[]) AS u(e, s)""")) {
      long done = 0;
      while (done < toAdd) {
        int k = (int) Math.min(per, toAdd - done);
        byte[][] entries = new byte[k][];
        byte[][] salts = new byte[k][];
        for (int i = 0; i < k; i++) {
          entries[i] = entry(99, done + i);
          salts[i] = new byte[16];
          SALTS.nextBytes(salts[i]);
        }
        ps.setArray(1, c.createArrayOf("bytea", entries));
        ps.setArray(2, c.createArrayOf("bytea", salts));
        ps.executeUpdate();
        done += k;
      }
    }
    long tAppended = System.nanoTime();
    while (size(db) < target) {
      Thread.sleep(20);
    }
    long t1 = System.nanoTime();
    long n = target - start;
    out.printf("fill: %,d entries bulk-appended in %.1f s; log at %,d after %.1f s = %,.0f entries/s integrated "
        + "(sequencer with a backlog)%n", toAdd, (tAppended - t0) / 1e9, target, (t1 - t0) / 1e9, n / ((t1 - t0) / 1e9));
  }

  // ---- 3. inclusion proofs ----

  static void proofs(HttpClient client, String url, Checkpoint c, int warmup, int count, PrintStream out) throws Exception {
    Random random = new Random(11);
    long size = c.size();
    try (RawHttp http = new RawHttp(url)) {
      for (int i = 0; i < warmup; i++) {
        http.get("/api/v1/audit/proof/inclusion?index=" + (long) (random.nextDouble() * size) + "&size=" + size);
      }
      long[] nanos = new long[count];
      for (int i = 0; i < count; i++) {
        long index = (long) (random.nextDouble() * size);
        long t0 = System.nanoTime();
        String body = http.get("/api/v1/audit/proof/inclusion?index=" + index + "&size=" + size);
        nanos[i] = System.nanoTime() - t0;
        if (i % 200 == 0) {
          check(client, url, c, index, body);
        }
      }
      Arrays.sort(nanos);
      out.printf("inclusion proofs at size %,d: %,d requests after %,d warm-up, one keep-alive connection: p50 %.3f ms, "
              + "p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms (%d verified against the checkpoint)%n",
          size, count, warmup, pct(nanos, 50), pct(nanos, 90), pct(nanos, 99), pct(nanos, 99.9),
          nanos[count - 1] / 1e6, (count + 199) / 200);
    }
  }

  /**
   * The tree of {@code size} (at most the signed size) with its root, proven consistent with the
   * signed checkpoint by the log's consistency proof, so that proofs at that size can be checked.
   */
  static Checkpoint signedAt(HttpClient client, String url, String key, Checkpoint signed, long size) throws Exception {
    if (size > signed.size()) {
      throw new IllegalArgumentException("--proof-size " + size + " is beyond the signed size " + signed.size());
    }
    // The root at that size: the hash of its complete subtrees, read from the served tiles.
    org.glassplate.log.tiles.TileHashReader tiles = new org.glassplate.log.tiles.TileHashReader(size, (level, index, width) -> {
      try {
        return client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/audit/"
            + TilePath.hashTile(level, index, width % 256))).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    byte[] root = Proofs.root(size, tiles);
    JsonNode proof = JSON.readTree(get(client, url + "/api/v1/audit/proof/consistency?from=" + size + "&to=" + signed.size()));
    List<byte[]> hashes = new ArrayList<>();
    proof.path("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.stringValue())));
    Proofs.verifyConsistency(size, signed.size(), hashes, root, signed.rootHash());
    return new Checkpoint(signed.origin(), size, root);
  }

  /** Verifies one served proof against the signed root, with the leaf hash read from the level-0 tile. */
  static void check(HttpClient client, String url, Checkpoint c, long index, String body) throws Exception {
    JsonNode proof = JSON.readTree(body);
    List<byte[]> hashes = new ArrayList<>();
    proof.path("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.stringValue())));
    long tile = index / 256;
    int width = TilePath.widthAt(0, tile, c.size());
    byte[] bytes = client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/audit/"
        + TilePath.hashTile(0, tile, width % 256))).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    byte[] leaf = Tiles.decodeHashTile(bytes, width).get((int) (index % 256));
    Proofs.verifyInclusion(leaf, index, c.size(), hashes, c.rootHash());
  }

  static double pct(long[] sorted, double p) {
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  // ---- helpers ----

  /** An entry shaped like a real ingest entry (about 330 bytes of canonical JSON). */
  static byte[] entry(int writer, long n) {
    byte[] commitment = new byte[32];
    new Random(writer * 1_000_003L + n).nextBytes(commitment);
    return ("{\"accepted\":" + (n % 500) + ",\"actor\":\"camera:" + writer + "\",\"actorKind\":\"CAMERA\","
        + "\"agency\":\"bench-pd\",\"alerts\":0,\"camerasCovered\":1,\"commitment\":\""
        + Base64.getEncoder().encodeToString(commitment) + "\",\"format\":\"glassplate\",\"outcome\":\"SUCCESS\","
        + "\"rejected\":0,\"roles\":[\"CAMERA\"],\"seq\":" + n + ",\"time\":\"2026-11-21T08:15:00.123456Z\","
        + "\"type\":\"READS_INGESTED\",\"typeCode\":201}").getBytes(StandardCharsets.UTF_8);
  }

  static Checkpoint awaitCheckpoint(HttpClient client, String url, String key, long size) throws Exception {
    while (true) {
      String note = get(client, url + "/api/v1/audit/checkpoint");
      String origin = note.substring(0, note.indexOf('\n'));
      Checkpoint c = CheckpointVerifier.verify(note, key, origin);
      if (c.size() >= size) {
        return c;
      }
      Thread.sleep(100);
    }
  }

  static String get(HttpClient client, String url) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + url + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  static long size(String[] db) throws Exception {
    try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT size FROM audit_log_state")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The embedded database's owner password, from the file embedded-postgres.json names (issue 18); "" before it. */
  public static String embeddedPassword(JsonNode info) throws java.io.IOException {
    return info.has("passwordFile") ? Files.readString(Path.of(info.get("passwordFile").stringValue())).strip() : "";
  }

  public static Connection connect(String[] db) throws Exception {
    return DriverManager.getConnection(db[0], db[1], db[2]);
  }

  public static String[] database(Map<String, String> o) throws Exception {
    if (o.containsKey("--db-url")) {
      return new String[] {o.get("--db-url"), o.getOrDefault("--db-user", "postgres"), o.getOrDefault("--db-password", "")};
    }
    if (o.containsKey("--data")) {
      Path info = Path.of(o.get("--data")).resolve("embedded-postgres.json");
      if (Files.exists(info)) {
        JsonNode db = JSON.readTree(Files.readString(info));
        return new String[] {"jdbc:postgresql://" + db.path("host").stringValue() + ":" + db.path("port").intValue() + "/"
            + db.path("database").stringValue(), db.path("user").stringValue(), embeddedPassword(db)};
      }
    }
    return null;
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
