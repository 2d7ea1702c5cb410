package org.glassplate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glassplate.server.support.ServerProcesses.awaitHealthy;
import static org.glassplate.server.support.ServerProcesses.freePort;

import java.io.IOException;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassplate.server.support.JarProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the real launcher jar as a separate process, as an operator would: {@code demo} on a data
 * directory, clean stop with SIGTERM, restart without re-seeding, and a kill -9 in the middle of a
 * load run that must not lose one acknowledged read (issue 2).
 */
class LauncherIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir
  Path data;

  @RegisterExtension
  final JarProcesses processes = new JarProcesses("launcher-it");

  private Process demo(int port, String... extra) throws IOException {
    return processes.demo(data, port, extra);
  }

  private Path logOf(Process p) {
    return processes.logOf(p);
  }



  private Connection database() throws Exception {
    JsonNode info = JSON.readTree(Files.readString(data.resolve("embedded-postgres.json")));
    return DriverManager.getConnection("jdbc:postgresql://" + info.path("host").stringValue() + ":"
        + info.path("port").intValue() + "/" + info.path("database").stringValue(), info.path("user").stringValue(),
        Files.readString(Path.of(info.path("passwordFile").stringValue())).strip());
  }

  private static long count(Connection c, String sql) throws Exception {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static int post(int port, String token, String body) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/reads"))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200 ? JSON.readTree(r.body()).path("accepted").intValue() : -r.statusCode();
  }

  /** The API token of the demo user {@code username} in demo-credentials.json. */
  private static String apiToken(JsonNode creds, String username) {
    for (JsonNode u : creds.path("users")) {
      if (u.path("username").stringValue().equals(username)) {
        return u.path("apiToken").stringValue();
      }
    }
    throw new AssertionError("no demo user " + username);
  }

  private String cameraToken() throws IOException {
    return JSON.readTree(Files.readString(data.resolve("demo-credentials.json"))).path("cameras").get(0).path("token").stringValue();
  }

  /**
   * The simulated reads (issue 13; the profile's shape, issue 10, is DemoTrafficTest's and
   * TrafficReplayTest's): every read is where its camera is, a fixed camera's within 15 m of its corner,
   * a patrol car's on its beat around its station (at most about a kilometre off); every read says what
   * vehicle it saw; and the reads come from many cameras, not only those of the profile's busy devices.
   */
  private void assertSimulatedTrafficHasTheProfilesShape(JsonNode creds, Instant launched) throws Exception {
    List<Object[]> reads = new ArrayList<>();
    try (Connection c = database(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT r.camera_id, r.lat, r.lon, c.lat, c.lon, c.name, r.vehicle_make, r.vehicle_color, r.vehicle_type"
            + " FROM plate_read r JOIN camera c ON c.id = r.camera_id WHERE r.plate <> 'ACK0001'")) {
      while (rs.next()) {
        reads.add(new Object[] {rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)});
      }
    }
    assertThat(reads).as("simulated reads at --rate 30").hasSizeGreaterThanOrEqualTo(30);
    Set<Long> sending = new HashSet<>();
    for (Object[] read : reads) {
      sending.add((Long) read[0]);
      double lat = (Double) read[1];
      double lon = (Double) read[2];
      double north = (lat - (Double) read[3]) * 111_320;
      double east = (lon - (Double) read[4]) * 111_320 * Math.cos(Math.toRadians((Double) read[3]));
      double metres = Math.hypot(north, east);
      boolean patrol = ((String) read[5]).contains("(mobile)");
      assertThat(metres).as("read of %s at %s,%s is where the camera is", read[5], lat, lon)
          .isLessThanOrEqualTo(patrol ? 960.0 : 16.0);
      assertThat(new Object[] {read[6], read[7], read[8]}).as("the vehicle of a read of %s", read[5])
          .doesNotContainNull();
    }
    assertThat(sending).as("cameras that sent reads").hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void demoStartsStopsCleanlyAndRestartsWithAllDataAndNoReseed() throws Exception {
    int port = freePort();
    Instant launched = Instant.now();
    Process first = demo(port, "--rate", "30");
    // Start-up time is a speed figure (docs/BENCHMARKS.md), not a timed assertion: wait generously.
    awaitHealthy(port, Duration.ofSeconds(180));
    System.out.println("demo healthy after " + Duration.between(launched, Instant.now()).toMillis() + " ms");

    assertThat(data.resolve("embedded-postgres.json")).exists();
    JsonNode creds = JSON.readTree(Files.readString(data.resolve("demo-credentials.json")));
    assertThat(creds.path("cameras")).hasSize(8);
    creds.path("cameras").forEach(c -> assertThat(c.path("token").stringValue()).startsWith("gpc_"));
    java.util.Map<String, String> roleOf = new java.util.TreeMap<>();
    creds.path("users").forEach(u -> {
      roleOf.put(u.path("username").stringValue(), u.path("roles").get(0).stringValue());
      assertThat(u.path("password").stringValue()).hasSizeGreaterThanOrEqualTo(12);
      assertThat(u.path("totpSecret").stringValue()).isNotBlank();
      assertThat(u.path("apiToken").stringValue()).startsWith("gpu_");
    });
    assertThat(roleOf).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("investigator", "INVESTIGATOR",
        "operator", "OPERATOR", "supervisor", "SUPERVISOR", "admin", "ADMINISTRATOR", "admin2", "ADMINISTRATOR",
        "auditor", "AUDITOR"));
    String adminToken = apiToken(creds, "admin");
    HttpResponse<String> accounts = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/accounts"))
        .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
    // a valid token that a route does not admit is 403; an unknown token would be 401
    assertThat(accounts.statusCode()).as("the demo admin's API token authenticates").isIn(200, 403);
    String token = cameraToken();
    String now = Instant.now().toString();
    assertThat(post(port, token, "{\"reads\":[{\"plate\":\"ACK0001\",\"state\":\"CA\",\"capturedAt\":\"" + now + "\"}]}"))
        .isEqualTo(1);
    long pgPid;
    try (Connection c = database()) {
      pgPid = count(c, "SELECT pg_backend_pid()"); // proves psql-style access works
      assertThat(pgPid).isPositive();
      // issue 18: the server runs as a role that owns no table (so it cannot switch off the audit triggers)
      assertThat(count(c, "SELECT count(*) FROM pg_stat_activity WHERE datname = 'glassplate' AND usename = 'glassplate_app'"))
          .as("the application's connections").isPositive();
      assertThat(count(c, "SELECT count(*) FROM pg_stat_activity WHERE datname = 'glassplate' AND usename = 'postgres'"
          + " AND pid <> pg_backend_pid()")).as("no application connection as the owner").isZero();
      assertThat(count(c, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> 'postgres'"))
          .as("tables the application's role owns").isZero();
    }
    // the simulator posts through the real API
    Thread.sleep(3_000);
    long simulated;
    long people;
    long investigations;
    try (Connection c = database()) {
      simulated = count(c, "SELECT count(*) FROM plate_read WHERE plate <> 'ACK0001'");
      people = count(c, "SELECT count(*) FROM account");
      investigations = count(c, "SELECT count(*) FROM oversight_investigation");
    }
    // one demo person per role, and the four investigators of the demo's history (which reuses the auditor)
    assertThat(people).as("the demo's people").isEqualTo(6 + 4);
    assertThat(investigations).as("the history's investigation closed with counseling").isEqualTo(1);
    assertThat(simulated).as("reads posted by the demo traffic simulator").isPositive();
    assertThat(Files.readString(logOf(first))).as("replays the shipped traffic profile")
        .contains("replaying the Seattle traffic profile");
    assertSimulatedTrafficHasTheProfilesShape(creds, launched);

    // an operator's page is listening to the alert stream when the server is told to stop
    String operatorToken = apiToken(creds, "operator");
    HttpResponse<java.util.stream.Stream<String>> stream = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/v1/alerts/stream"))
        .header("Authorization", "Bearer " + operatorToken).header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.statusCode()).isEqualTo(200);
    List<String> streamLines = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.CompletableFuture<Void> streamEnded = java.util.concurrent.CompletableFuture.runAsync(() -> {
      try {
        stream.body().forEach(streamLines::add);
      } catch (java.io.UncheckedIOException closed) {
        // the connection went away with the server after the stream was ended
      }
    });

    long postmaster = Long.parseLong(Files.readAllLines(data.resolve("pg").resolve("postmaster.pid")).get(0).trim());
    first.destroy(); // SIGTERM
    assertThat(first.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    streamEnded.get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(streamLines).as("the server ended the open stream").contains("event:closing");
    assertThat(Files.readString(logOf(first))).as("an open alert stream does not hold up the graceful shutdown")
        .contains("Graceful shutdown complete").doesNotContain("Graceful shutdown aborted");
    Instant until = Instant.now().plusSeconds(15);
    while (ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false) && Instant.now().isBefore(until)) {
      Thread.sleep(100);
    }
    assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false))
        .as("embedded PostgreSQL stopped with the server").isFalse();
    assertThat(data.resolve("embedded-postgres.json")).doesNotExist();

    Process second = demo(port, "--rate", "0");
    awaitHealthy(port, Duration.ofSeconds(180));
    assertThat(cameraToken()).isEqualTo(token);
    assertThat(JSON.readTree(Files.readString(data.resolve("demo-credentials.json"))).path("users")).hasSize(6);
    try (Connection c = database()) {
      assertThat(count(c, "SELECT count(*) FROM camera")).as("no second seeding").isEqualTo(8);
      assertThat(count(c, "SELECT count(*) FROM account")).as("no second seeding of people").isEqualTo(people);
      assertThat(count(c, "SELECT count(*) FROM oversight_investigation")).as("no second history")
          .isEqualTo(investigations);
      assertThat(count(c, "SELECT count(*) FROM hotlist")).as("a local list and a state extract, once").isEqualTo(2);
      assertThat(count(c, "SELECT count(*) FROM hotlist_entry WHERE status = 'ACTIVE'")).isEqualTo(12);
      assertThat(count(c, "SELECT count(*) FROM plate_read WHERE plate = 'ACK0001'")).isEqualTo(1);
      assertThat(count(c, "SELECT count(*) FROM plate_read")).isGreaterThanOrEqualTo(simulated + 1);
    }
    assertThat(post(port, token, "{\"reads\":[{\"plate\":\"ACK0002\",\"state\":\"CA\",\"capturedAt\":\"" + Instant.now() + "\"}]}"))
        .as("the same camera token still works after restart").isEqualTo(1);

    // a second server on the same data directory is refused, and the running one is left alone
    Process intruder = demo(freePort(), "--rate", "0");
    assertThat(intruder.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(intruder.exitValue()).isEqualTo(1);
    assertThat(Files.readString(logOf(intruder))).contains("is in use by another Glassplate");
    assertThat(post(port, token, "{\"reads\":[{\"plate\":\"ACK0003\",\"state\":\"CA\",\"capturedAt\":\"" + Instant.now() + "\"}]}"))
        .as("the running server and its database are untouched").isEqualTo(1);
    second.destroy();
    assertThat(second.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void serveRunsOnAnExternalPostgresqlGivenByUrl() throws Exception {
    String url = org.glassplate.server.support.TestDatabase.newDatabase();
    var server = org.glassplate.server.support.TestDatabase.server();
    int port = freePort();
    List<String> args = new java.util.ArrayList<>(List.of("serve", "--port", Integer.toString(port), "--data",
        data.toString(), "--db-url", url, "--db-user", server.user()));
    if (!server.password().isEmpty()) {
      // the password from a file, as OPERATIONS.md advises, so that the process list does not show it (the
      // embedded test server has none: then no option, and the empty password of the environment's absence)
      args.addAll(List.of("--db-password-file", Files.writeString(data.resolve("db.pw"), server.password() + "\n")
          .toString()));
    }
    Process p = processes.start("serve-" + port, args);
    awaitHealthy(port, Duration.ofSeconds(180));
    assertThat(data.resolve("embedded-postgres.json")).as("no embedded database with --db-url").doesNotExist();
    try (Connection c = DriverManager.getConnection(url, server.user(), server.password())) {
      assertThat(count(c, "SELECT count(*) FROM flyway_schema_history WHERE success")).isPositive();
      assertThat(count(c, "SELECT count(*) FROM camera")).as("serve seeds nothing").isZero();
    }
    p.destroy();
    assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void killMinusNineDuringLoadLosesNoAcknowledgedRead() throws Exception {
    int port = freePort();
    Process server = demo(port, "--rate", "0");
    awaitHealthy(port, Duration.ofSeconds(180));
    String token = cameraToken();

    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger counter = new AtomicInteger();
    List<Thread> loaders = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      Thread th = new Thread(() -> {
        while (running.get()) {
          List<String> plates = new ArrayList<>();
          StringBuilder body = new StringBuilder("{\"reads\":[");
          String ts = Instant.now().toString();
          for (int i = 0; i < 50; i++) {
            String plate = "K" + Integer.toString(counter.incrementAndGet(), 36).toUpperCase();
            plates.add(plate);
            body.append(i == 0 ? "" : ",").append("{\"plate\":\"").append(plate)
                .append("\",\"state\":\"CA\",\"capturedAt\":\"").append(ts).append("\"}");
          }
          body.append("]}");
          try {
            if (post(port, token, body.toString()) == plates.size()) {
              acknowledged.addAll(plates);
            }
          } catch (Exception e) {
            return; // the server died mid-request: that batch was never acknowledged
          }
        }
      });
      th.start();
      loaders.add(th);
    }
    Thread.sleep(4_000);
    server.destroyForcibly(); // SIGKILL: no shutdown hook runs
    server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    running.set(false);
    for (Thread th : loaders) {
      th.join(15_000);
    }
    assertThat(acknowledged).as("the load run got acknowledgements before the kill").hasSizeGreaterThan(100);

    // A new start must cope with the PostgreSQL the killed server left running, then show every read.
    Process again = demo(port, "--rate", "0");
    awaitHealthy(port, Duration.ofSeconds(180));
    Set<String> stored = new HashSet<>();
    try (Connection c = database();
         PreparedStatement ps = c.prepareStatement("SELECT plate FROM plate_read WHERE plate LIKE 'K%'")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stored.add(rs.getString(1));
        }
      }
    }
    Set<String> missing = new HashSet<>(acknowledged);
    missing.removeAll(stored);
    assertThat(missing).as("acknowledged reads missing after kill -9").isEmpty();
    again.destroy();
    assertThat(again.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
  }
}
