package org.glassplate.server.demo;

import static org.glassplate.server.support.ServerProcesses.awaitHealthy;
import static org.glassplate.server.support.ServerProcesses.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.glassplate.log.note.Cosignature;
import org.glassplate.log.note.WitnessKey;
import org.glassplate.log.verify.VerifyCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./glassplate demo --partners 1} as an operator runs it (issue 14 item 6, issue 15's two-node
 * acceptance): the packaged jar started as a process starts its partner valley-pd as a child process
 * with its own data directory; both nodes list the other's agreement (URL, federation, witness and log
 * keys) approved through their own policy flow; A's investigator searching with partners gets B's
 * answer with B's audit index; A's checkpoint soon carries B's cosignature and
 * {@code audit verify A --witness B --quorum 1} says OK; stopping the demo stops the partner too.
 */
class DemoPartnersIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Path JAR = Path.of("target", "glassplate.jar").toAbsolutePath();
  private static final String PLATE = "7PRT001";

  @TempDir
  Path data;

  @TempDir
  Path auditor;

  private Process demo;
  private Path log;
  private final List<ProcessHandle> descendants = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    if (demo != null && demo.isAlive()) {
      demo.toHandle().descendants().forEach(descendants::add);
      demo.destroy();
      if (!demo.waitFor(90, TimeUnit.SECONDS)) {
        demo.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    for (ProcessHandle p : descendants) { // a failed test leaves no partner behind
      if (p.isAlive()) {
        p.destroy();
        p.onExit().get(60, TimeUnit.SECONDS);
      }
    }
  }

  private Process launch(int port, String... options) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
        "-jar", JAR.toString(), "demo", "--port", Integer.toString(port), "--data", data.toString()));
    cmd.addAll(List.of(options));
    log = Path.of("target", "demo-partners-it-" + port + ".log");
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  record Answer(int status, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  static Answer call(String method, String url, String token, String json) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      r.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> res = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(res.statusCode(), res.body());
  }

  static String get(String url) throws Exception {
    Answer a = call("GET", url, null, null);
    assertEquals(200, a.status(), url + ": " + a.body());
    return a.body();
  }

  static String token(JsonNode credentials, String username) {
    for (JsonNode u : credentials.get("users")) {
      if (u.get("username").asString().equals(username)) {
        return u.get("apiToken").asString();
      }
    }
    throw new AssertionError("no demo user " + username);
  }

  /** The public agreements list of a node, or "" while it does not answer. */
  static String agreementsOf(String nodeUrl) throws Exception {
    try {
      return call("GET", nodeUrl + "/api/v1/sharing/agreements", null, null).body();
    } catch (IOException e) {
      return ""; // still starting
    }
  }

  static JsonNode agreementWith(String nodeUrl, String agency) throws Exception {
    for (JsonNode a : JSON.readTree(get(nodeUrl + "/api/v1/sharing/agreements")).get("agreements")) {
      if (a.get("id").asString().equals(agency)) {
        return a;
      }
    }
    throw new AssertionError(nodeUrl + " lists no agreement with " + agency);
  }

  /** {@code audit verify URL --witness VKEY --quorum 1}: the exit code and the last line of its output, then what it said on stderr. */
  String verify(String url, String witness) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = VerifyCommand.run(new String[] {"audit", "verify", url, "--witness", witness, "--quorum", "1",
        "--pin-file", auditor.resolve("known-logs").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    return exit + " " + lines[lines.length - 1] + " | " + err.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void demoWithOnePartnerConnectsBothNodesWitnessesEachOtherAndStopsThePartnerWithIt() throws Exception {
    int port = freePort();
    String aUrl = "http://127.0.0.1:" + port;
    demo = launch(port, "--rate", "0.5", "--partners", "1");
    awaitHealthy(port, Duration.ofSeconds(300));

    // ---- the credentials file lists the partner once it is connected
    Path credsFile = data.resolve("demo-credentials.json");
    JsonNode creds = null;
    for (Instant deadline = Instant.now().plusSeconds(360); creds == null; Thread.sleep(500)) {
      assertTrue(demo.isAlive(), "the demo stopped while connecting its partner");
      assertTrue(Instant.now().isBefore(deadline), "demo-credentials.json listed no partners within 6 minutes");
      if (Files.exists(credsFile)) {
        JsonNode c = JSON.readTree(Files.readString(credsFile));
        creds = c.path("partners").size() > 0 ? c : null;
      }
    }
    assertEquals(1, creds.get("partners").size(), creds.get("partners").toString());
    JsonNode partner = creds.get("partners").get(0);
    assertEquals("valley-pd", partner.get("agency").asString());
    String bUrl = partner.get("url").asString();
    assertTrue(bUrl.matches("http://127\\.0\\.0\\.1:\\d+"), bUrl);
    assertFalse(bUrl.equals(aUrl));
    Path bData = data.resolve("partners").resolve("valley-pd");
    assertEquals(bData.resolve("demo-credentials.json").toString(), partner.get("credentials").asString());
    JsonNode bCreds = JSON.readTree(Files.readString(bData.resolve("demo-credentials.json")));
    assertEquals(6, bCreds.get("users").size(), "the partner has demo people of its own");
    assertTrue(Files.readString(bData.resolve("glassplate.properties")).contains("glassplate.agency.id=valley-pd"));
    assertTrue(get(bUrl + "/api/v1/policy").contains("Valley Police Department"));

    // ---- both list each other, with the keys each node publishes
    String aWitness = get(aUrl + "/api/v1/witness/key").strip();
    String bWitness = get(bUrl + "/api/v1/witness/key").strip();
    JsonNode onA = agreementWith(aUrl, "valley-pd");
    assertEquals(bUrl, onA.get("url").asString());
    assertEquals(JSON.readTree(get(bUrl + "/api/v1/sharing/key")).get("publicKey").asString(),
        onA.get("publicKey").asString());
    assertEquals(bWitness, onA.get("witnessKey").asString());
    assertEquals(get(bUrl + "/api/v1/audit/key").strip(), onA.get("logKey").asString());
    assertEquals("both", onA.get("direction").asString());
    assertEquals(2, onA.get("approvals").size(), "two administrators of A approved it: " + onA);
    JsonNode onB = agreementWith(bUrl, "mesa-verde-pd");
    assertEquals(aUrl, onB.get("url").asString());
    assertEquals(JSON.readTree(get(aUrl + "/api/v1/sharing/key")).get("publicKey").asString(),
        onB.get("publicKey").asString());
    assertEquals(aWitness, onB.get("witnessKey").asString());
    assertEquals(get(aUrl + "/api/v1/audit/key").strip(), onB.get("logKey").asString());
    assertEquals(2, onB.get("approvals").size(), "two administrators of B approved it: " + onB);

    // ---- a read at B, found by A's investigator searching with partners: B answers OK with its audit index
    JsonNode bCamera = bCreds.get("cameras").get(0);
    Instant now = Instant.now();
    Answer ingested = call("POST", bUrl + "/api/v1/reads", bCamera.get("token").asString(), "{\"reads\":[{\"plate\":\""
        + PLATE + "\",\"state\":\"CA\",\"capturedAt\":\"" + now.minus(Duration.ofMinutes(10)) + "\"}]}");
    assertEquals(200, ingested.status(), ingested.body());
    Answer searched = call("POST", aUrl + "/api/v1/searches", token(creds, "investigator"), "{\"plate\":\"" + PLATE
        + "\",\"from\":\"" + now.minus(Duration.ofDays(1)) + "\",\"to\":\"" + now.plus(Duration.ofMinutes(1))
        + "\",\"caseNumber\":\"2026-DEMO-7\",\"offense\":\"ROBBERY\",\"reason\":\"armed robbery at the pharmacy on Main\""
        + ",\"partners\":true}");
    assertEquals(200, searched.status(), searched.body());
    JsonNode fromB = searched.json().get("partners").get(0);
    assertEquals("valley-pd", fromB.get("agency").asString(), fromB.toString());
    assertEquals("OK", fromB.get("status").asString(), fromB.toString());
    assertTrue(fromB.get("auditIndex").asLong() >= 0, fromB.toString());
    assertEquals(1, fromB.get("count").asInt(), fromB.toString());
    List<String> agencies = new ArrayList<>();
    searched.json().get("results").forEach(r -> agencies.add(r.get("agency").asString()));
    assertTrue(agencies.contains("valley-pd"), agencies.toString());

    // ---- A's checkpoint soon carries B's cosignature, and audit verify with B as witness says OK
    WitnessKey bKey = WitnessKey.parse(bWitness);
    String cosigned = null;
    for (Instant deadline = Instant.now().plusSeconds(60); cosigned == null; Thread.sleep(500)) {
      assertTrue(Instant.now().isBefore(deadline), "A's checkpoint carried no cosignature of B within 60 s");
      String note = get(aUrl + "/api/v1/audit/checkpoint");
      String body = note.substring(0, note.indexOf("\n\n") + 1);
      for (String line : note.split("\n")) {
        if (line.startsWith("— " + bKey.name() + " ")) {
          Cosignature.verify(line, bKey, body); // throws if it is not B's cosignature of this very checkpoint
          cosigned = note;
        }
      }
    }
    String verified = null;
    for (Instant deadline = Instant.now().plusSeconds(60); verified == null; Thread.sleep(1000)) {
      String v = verify(aUrl, bWitness);
      // A's log grows with its traffic: the checkpoint fetched may be one B has not cosigned yet
      verified = v.startsWith("0 OK size=") ? v : null;
      assertTrue(verified != null || Instant.now().isBefore(deadline), "audit verify --witness B: " + v);
    }
    assertTrue(verified.contains("cosigned by " + bWitness), verified);
    String notAWitness = verify(aUrl, aWitness); // A's own witness key never cosigns A's log
    assertTrue(notAWitness.startsWith("1 "), notAWitness);
    assertTrue(notAWitness.contains("witness quorum not met"), notAWitness);

    // ---- stopping the demo stops the partner: its process ends and its data directory is free again
    Optional<ProcessHandle> b = demo.toHandle().children()
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(bData.toString())).orElse(false)).findFirst();
    assertTrue(b.isPresent(), "the partner runs as a child process of the demo");
    assertTrue(b.get().info().arguments().map(a -> List.of(a).contains("--parent-pid")).orElse(false));
    demo.destroy();
    assertTrue(demo.waitFor(120, TimeUnit.SECONDS), "the demo stops on SIGTERM");
    b.get().onExit().get(60, TimeUnit.SECONDS);
    assertFalse(b.get().isAlive(), "the partner stopped with the demo");
    try (FileChannel ch = FileChannel.open(bData.resolve("glassplate.lock"), StandardOpenOption.WRITE)) {
      FileLock lock = ch.tryLock();
      assertNotNull(lock, "the partner's data directory is no longer locked");
      lock.release();
    }
    assertFalse(Files.exists(bData.resolve("embedded-postgres.json")), "the partner stopped its PostgreSQL");

    // ---- a restart on the same directory, on another port: the same partner on its data, the agreements follow
    int port2 = freePort();
    String aUrl2 = "http://127.0.0.1:" + port2;
    demo = launch(port2, "--rate", "0", "--partners", "1");
    awaitHealthy(port2, Duration.ofSeconds(300));
    for (Instant deadline = Instant.now().plusSeconds(360); ; Thread.sleep(500)) {
      assertTrue(demo.isAlive(), "the restarted demo stopped while connecting its partner");
      assertTrue(Instant.now().isBefore(deadline), "the partner's agreement did not follow the new port within 6 minutes");
      JsonNode c = JSON.readTree(Files.readString(credsFile));
      if (c.path("partners").size() == 1 && agreementsOf(c.get("partners").get(0).get("url").asString())
          .contains("\"url\":\"" + aUrl2 + "\"")) {
        assertEquals("valley-pd", c.get("partners").get(0).get("agency").asString());
        bUrl = c.get("partners").get(0).get("url").asString();
        break;
      }
    }
    assertEquals(aUrl2, agreementWith(bUrl, "mesa-verde-pd").get("url").asString());
    assertEquals(bUrl, agreementWith(aUrl2, "valley-pd").get("url").asString());
    assertEquals(bCreds.get("users").toString(), JSON.readTree(Files.readString(bData.resolve("demo-credentials.json")))
        .get("users").toString(), "the partner kept its people: nothing seeded twice");
    assertEquals(bWitness, get(bUrl + "/api/v1/witness/key").strip(), "the partner kept its keys");
  }

  @Test
  void aPartnerStopsByItselfWhenTheDemoThatStartedItIsGone() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor(30, TimeUnit.SECONDS);
    demo = launch(freePort(), "--rate", "0", "--parent-pid", Long.toString(gone.pid()));
    assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "a partner whose demo is gone does not start");
    assertEquals(1, demo.exitValue());
    assertTrue(Files.readString(log).contains("is gone; not starting"), Files.readString(log));

    Process parent = new ProcessBuilder("sleep", "600").start(); // stands for a demo killed with -9
    try {
      int port = freePort();
      demo = launch(port, "--rate", "0", "--parent-pid", Long.toString(parent.pid()));
      awaitHealthy(port, Duration.ofSeconds(300));
      parent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      assertTrue(demo.waitFor(120, TimeUnit.SECONDS), "the partner stops once its demo is gone");
      assertTrue(Files.readString(log).contains("is gone; stopping"), Files.readString(log));
      assertFalse(Files.exists(data.resolve("embedded-postgres.json")), "it stopped its PostgreSQL");
      try (FileChannel ch = FileChannel.open(data.resolve("glassplate.lock"), StandardOpenOption.WRITE)) {
        FileLock lock = ch.tryLock();
        assertNotNull(lock, "its data directory is no longer locked");
        lock.release();
      }
    } finally {
      parent.destroyForcibly();
    }
  }

  @Test
  void refusesAPartnerCountOutsideOneToThreeWithAUsageError() throws Exception {
    for (String bad : List.of("0", "4")) {
      demo = launch(freePort(), "--partners", bad);
      assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "a usage error ends at once");
      assertEquals(2, demo.exitValue());
      String out = Files.readString(log);
      assertTrue(out.contains("--partners must be a number from 1 to 3, not '" + bad + "'"), out);
      assertTrue(out.contains("usage: glassplate"), out);
      assertFalse(Files.exists(data.resolve("partners")), "nothing was started for --partners " + bad);
    }
  }
}
