package org.glassplate.log.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.Cosignature;
import org.glassplate.log.note.WitnessKey;
import org.glassplate.log.tiles.MemoryTileLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-alone witness ({@code glassplate witness}) as its own Java process on a free
 * 127.0.0.1 port: it cosigns a demo log over HTTP, is killed (SIGKILL) in the middle of a state
 * write, between the temporary file and the rename, and restarts on the same directory with the
 * last committed state, then goes on with the protocol.
 */
class WitnessProcessIT {
  @TempDir
  Path data;
  final List<Process> started = new ArrayList<>();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Running(Process process, String base, String vkey) {}

  @AfterEach
  void stopAll() throws InterruptedException {
    for (Process p : started) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void survivesAKillInTheMiddleOfAWriteWithTheLastCommittedState() throws Exception {
    MemoryTileLog log = new MemoryTileLog();
    WitnessTest.grow(log, 3, "demo");
    String note3 = WitnessTest.signed(log);

    Running first = start(0);
    assertThat(get(first.base() + "/key").body()).isEqualTo(first.vkey() + "\n");
    assertThat(get(first.base() + "/api/v1/witness/key").body()).isEqualTo(first.vkey() + "\n");
    HttpResponse<String> r = post(first.base() + "/add-checkpoint", WitnessTest.requestText(0, List.of(), note3));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String body3 = new Checkpoint(WitnessTest.ORIGIN, 3, log.root()).body();
    assertThat(Cosignature.verify(r.body(), WitnessKey.parse(first.vkey()), body3)).isPositive();
    assertThat(Files.getPosixFilePermissions(data.resolve("witness.key")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    kill(first);

    // A witness that stalls between writing the new state's temporary file and renaming it.
    Running stalling = start(60_000);
    assertThat(stalling.vkey()).isEqualTo(first.vkey());
    WitnessTest.grow(log, 8, "demo");
    String note8 = WitnessTest.signed(log);
    String grow = WitnessTest.requestText(3, Proofs.consistency(3, 8, log.hashReader()), note8);
    CompletableFuture<HttpResponse<String>> pending = http.sendAsync(
        HttpRequest.newBuilder(URI.create(stalling.base() + "/api/v1/witness/add-checkpoint"))
            .POST(HttpRequest.BodyPublishers.ofString(grow)).build(),
        HttpResponse.BodyHandlers.ofString());
    Path tmp = awaitTemporaryFile(data.resolve("state"));
    // the new state is written, not yet renamed (the file exists a moment before its bytes are in it)
    assertThat(awaitContent(tmp, note8.length())).isEqualTo(note8);
    kill(stalling);
    assertThat(pending).failsWithin(Duration.ofSeconds(10)); // never answered, never cosigned
    assertThat(stateFiles()).containsExactly(note3);

    Running restarted = start(0);
    assertThat(restarted.vkey()).isEqualTo(first.vkey());
    assertThat(temporaryFiles(data.resolve("state"))).isEmpty();
    HttpResponse<String> conflict = post(restarted.base() + "/add-checkpoint",
        WitnessTest.requestText(8, List.of(), note8));
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.headers().firstValue("Content-Type")).hasValue("text/x.tlog.size");
    assertThat(conflict.body()).isEqualTo("3\n");
    HttpResponse<String> cosigned = post(restarted.base() + "/add-checkpoint", grow);
    assertThat(cosigned.statusCode()).as(cosigned.body()).isEqualTo(200);
    String body8 = new Checkpoint(WitnessTest.ORIGIN, 8, log.root()).body();
    assertThat(Cosignature.verify(cosigned.body(), WitnessKey.parse(first.vkey()), body8)).isPositive();

    // Killed right after answering: the answered state is the committed one.
    kill(restarted);
    Running again = start(0);
    HttpResponse<String> after = post(again.base() + "/add-checkpoint", WitnessTest.requestText(0, List.of(), note3));
    assertThat(after.statusCode()).isEqualTo(409);
    assertThat(after.body()).isEqualTo("8\n");
    assertThat(stateFiles()).containsExactly(note8);
  }

  @Test
  void refusesAForkOverHttpAndKeepsRefusingAfterARestart() throws Exception {
    MemoryTileLog honest = new MemoryTileLog();
    WitnessTest.grow(honest, 4, "a");
    MemoryTileLog fork = new MemoryTileLog();
    WitnessTest.grow(fork, 4, "b");
    Running w = start(0);
    assertThat(post(w.base() + "/add-checkpoint", WitnessTest.requestText(0, List.of(), WitnessTest.signed(honest)))
        .statusCode()).isEqualTo(200);
    HttpResponse<String> r = post(w.base() + "/add-checkpoint", WitnessTest.requestText(4, List.of(), WitnessTest.signed(fork)));
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.body()).startsWith("fork detected: ");
    assertThat(get(w.base() + "/forks").body()).endsWith(FileWitnessStore.FORK_SUFFIX + "\n");
    kill(w);

    Running restarted = start(0);
    WitnessTest.grow(honest, 6, "a");
    HttpResponse<String> later = post(restarted.base() + "/add-checkpoint",
        WitnessTest.requestText(4, Proofs.consistency(4, 6, honest.hashReader()), WitnessTest.signed(honest)));
    assertThat(later.statusCode()).isEqualTo(409);
    assertThat(later.body()).startsWith("log forked: ");
  }

  private Running start(long pauseMillis) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx64m",
        "-D" + WitnessCommand.PAUSE_PROPERTY + "=" + pauseMillis,
        "-cp", Path.of("target/classes").toAbsolutePath().toString(),
        WitnessCommand.class.getName(), "witness", "--port", "0", "--data", data.toString(),
        "--log", WitnessTest.LOG.verifierKey(), "--name", "witness.glassplate.test/it")
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    started.add(p);
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String vkey = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String line = out.readLine();
      if (line == null) {
        throw new IllegalStateException("the witness exited with " + waitExit(p));
      }
      if (line.startsWith("witness ")) {
        vkey = line.substring("witness ".length());
      }
      if (line.startsWith("listening ")) {
        return new Running(p, line.substring("listening ".length()), vkey);
      }
    }
    throw new IllegalStateException("the witness did not start within 30 s");
  }

  private static int waitExit(Process p) {
    try {
      return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void kill(Running r) throws InterruptedException {
    r.process().destroyForcibly();
    assertThat(r.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  private HttpResponse<String> post(String url, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The file's text once it holds at least {@code length} characters (at most 20 s). */
  private static String awaitContent(Path file, int length) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String text = Files.readString(file);
    while (text.length() < length && System.nanoTime() < deadline) {
      Thread.sleep(20);
      text = Files.readString(file);
    }
    return text;
  }

  private static Path awaitTemporaryFile(Path dir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      List<Path> t = temporaryFiles(dir);
      if (!t.isEmpty()) {
        return t.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the witness wrote no temporary state file within 20 s");
  }

  private static List<Path> temporaryFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  private List<String> stateFiles() throws IOException {
    try (Stream<Path> s = Files.list(data.resolve("state"))) {
      List<String> out = new ArrayList<>();
      for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".checkpoint")).toList()) {
        out.add(Files.readString(p));
      }
      return out;
    }
  }
}
