package org.glassplate.bench.witness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.Cosignature;
import org.glassplate.log.note.CosignatureVerificationException;
import org.glassplate.log.note.Ed25519NoteSigner;
import org.glassplate.log.note.WitnessKey;
import org.glassplate.log.tiles.MemoryTileLog;
import org.glassplate.log.witness.AddCheckpointRequest;
import org.glassplate.log.witness.WitnessCommand;

/**
 * {@code glassplate bench cosign [--witnesses 3] [--checkpoints 200] [--entries 10] [--warmup 20]}:
 * how much cosigning adds to a checkpoint's latency (issue 15). Starts N stand-alone witnesses
 * ({@link WitnessCommand}, each its own JVM on a free 127.0.0.1 port with a temporary data
 * directory), then grows an in-memory log by {@code --entries} entries per checkpoint and times,
 * for each checkpoint, signing it alone (the baseline, in the same run) and then asking every
 * witness in parallel over real HTTP (C2SP tlog-witness, with the consistency proof from the size
 * each last cosigned) and verifying each returned {@code cosignature/v1} against the witness's
 * key. Prints p50 and p99 of both and of the difference. The witnesses are stopped at the end, on
 * an error and on Ctrl-C.
 */
public final class CosignLoad {
  static final String USAGE =
      "usage: glassplate bench cosign [--witnesses 3] [--checkpoints 200] [--entries 10] [--warmup 20]";

  private CosignLoad() {}

  /** The options, validated. */
  record Options(int witnesses, int checkpoints, int entries, int warmup) {
    Options {
      if (witnesses < 1 || witnesses > 16) {
        throw new IllegalArgumentException("--witnesses must be 1 to 16, got " + witnesses);
      }
      if (checkpoints < 1) {
        throw new IllegalArgumentException("--checkpoints must be at least 1, got " + checkpoints);
      }
      if (entries < 1) {
        throw new IllegalArgumentException("--entries must be at least 1, got " + entries);
      }
      if (warmup < 0) {
        throw new IllegalArgumentException("--warmup must not be negative, got " + warmup);
      }
    }

    static Options parse(String... args) {
      int witnesses = 3;
      int checkpoints = 200;
      int entries = 10;
      int warmup = 20;
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (!List.of("--witnesses", "--checkpoints", "--entries", "--warmup").contains(name)) {
          throw new IllegalArgumentException("unknown argument " + name);
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        int v;
        try {
          v = Integer.parseInt(args[++i]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(name + " needs a number, got " + args[i]);
        }
        switch (name) {
          case "--witnesses" -> witnesses = v;
          case "--checkpoints" -> checkpoints = v;
          case "--entries" -> entries = v;
          default -> warmup = v;
        }
      }
      return new Options(witnesses, checkpoints, entries, warmup);
    }
  }

  /** One witness process: its URL, key and the size it last cosigned. */
  static final class RunningWitness {
    final Process process;
    final Path data;
    final URI addCheckpoint;
    final WitnessKey key;
    long cosignedSize;

    RunningWitness(Process process, Path data, URI addCheckpoint, WitnessKey key) {
      this.process = process;
      this.data = data;
      this.addCheckpoint = addCheckpoint;
      this.key = key;
    }
  }

  /** The timings of the measured checkpoints, in nanoseconds. */
  record Result(long[] signNanos, long[] cosignedNanos) {
    long[] addedNanos() {
      long[] d = new long[signNanos.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = cosignedNanos[i] - signNanos[i];
      }
      return d;
    }
  }

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("glassplate bench cosign: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    Result r = measure(o, out);
    report(o, r, out);
    return 0;
  }

  /** Starts the witnesses, times the checkpoints and stops the witnesses (also on Ctrl-C). */
  static Result measure(Options o, PrintStream out) throws Exception {
    List<RunningWitness> witnesses = new ArrayList<>();
    Thread stopOnExit = new Thread(() -> stop(witnesses));
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    ExecutorService pool = Executors.newFixedThreadPool(o.witnesses());
    try {
      Ed25519NoteSigner log = Ed25519NoteSigner.generate("bench.glassplate.test/cosign");
      for (int i = 0; i < o.witnesses(); i++) {
        witnesses.add(start(log.verifierKey(), "bench.glassplate.test/witness-" + (i + 1)));
      }
      out.printf("%d witnesses started: %s%n", witnesses.size(),
          String.join(", ", witnesses.stream().map(w -> w.addCheckpoint.getAuthority()).toList()));
      HttpClient http = HttpClient.newBuilder().executor(pool).version(HttpClient.Version.HTTP_1_1).build();
      MemoryTileLog tree = new MemoryTileLog();
      int total = o.warmup() + o.checkpoints();
      long[] sign = new long[o.checkpoints()];
      long[] cosigned = new long[o.checkpoints()];
      for (int n = 0; n < total; n++) {
        for (int e = 0; e < o.entries(); e++) {
          tree.append(("bench entry " + tree.size()).getBytes(StandardCharsets.UTF_8));
        }
        String body = new Checkpoint(log.name(), tree.size(), tree.root()).body();
        long t0 = System.nanoTime();
        String note = log.sign(body);
        long t1 = System.nanoTime();
        cosign(http, witnesses, tree, note, body);
        long t2 = System.nanoTime();
        if (n >= o.warmup()) {
          sign[n - o.warmup()] = t1 - t0;
          cosigned[n - o.warmup()] = t2 - t0;
        }
      }
      return new Result(sign, cosigned);
    } finally {
      pool.shutdownNow();
      stop(witnesses);
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException e) {
        // already shutting down: the hook stops them
      }
    }
  }

  /** Asks every witness in parallel and verifies each cosignature; fails on any refusal. */
  private static void cosign(HttpClient http, List<RunningWitness> witnesses, MemoryTileLog tree, String note,
      String body) {
    List<CompletableFuture<Void>> asks = new ArrayList<>();
    for (RunningWitness w : witnesses) {
      long old = w.cosignedSize;
      List<byte[]> proof = old == 0 ? List.of() : Proofs.consistency(old, tree.size(), tree.hashReader());
      HttpRequest req = HttpRequest.newBuilder(w.addCheckpoint)
          .POST(HttpRequest.BodyPublishers.ofString(new AddCheckpointRequest(old, proof, note).text(),
              StandardCharsets.UTF_8))
          .build();
      asks.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).thenAccept(res -> {
        if (res.statusCode() != 200) {
          throw new IllegalStateException("witness " + w.addCheckpoint + " answered " + res.statusCode() + ": "
              + res.body().strip());
        }
        try {
          Cosignature.verify(res.body(), w.key, body);
        } catch (CosignatureVerificationException e) {
          throw new IllegalStateException("witness " + w.addCheckpoint + ": " + e.getMessage(), e);
        }
        w.cosignedSize = tree.size();
      }));
    }
    CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).join();
  }

  /** Starts one stand-alone witness on a free port and waits until it listens. */
  static RunningWitness start(String logVerifierKey, String name) throws IOException, InterruptedException {
    Path data = Files.createTempDirectory("glassplate-bench-witness");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        WitnessCommand.class.getName(), "--port", "0", "--data", data.toString(), "--log", logVerifierKey,
        "--name", name)
        .redirectErrorStream(true)
        .start();
    BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    WitnessKey key = null;
    String line;
    List<String> seen = new ArrayList<>();
    while ((line = lines.readLine()) != null) {
      seen.add(line);
      if (line.startsWith("witness ")) {
        key = WitnessKey.parse(line.substring("witness ".length()).strip());
      } else if (line.startsWith("listening ") && key != null) {
        URI base = URI.create(line.substring("listening ".length()).strip());
        // drain the rest of its output so that it never blocks on a full pipe
        Thread drain = new Thread(() -> lines.lines().forEach(l -> { }), "witness-output");
        drain.setDaemon(true);
        drain.start();
        return new RunningWitness(p, data, base.resolve("/add-checkpoint"), key);
      }
    }
    p.waitFor(10, TimeUnit.SECONDS);
    deleteTree(data);
    throw new IOException("the witness did not start (exit " + (p.isAlive() ? "none" : p.exitValue()) + "): "
        + String.join(" | ", seen));
  }

  static void stop(List<RunningWitness> witnesses) {
    for (RunningWitness w : witnesses) {
      w.process.destroy();
    }
    for (RunningWitness w : witnesses) {
      try {
        if (!w.process.waitFor(10, TimeUnit.SECONDS)) {
          w.process.destroyForcibly();
        }
        deleteTree(w.data);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        w.process.destroyForcibly();
      } catch (IOException e) {
        // a temporary directory left behind is not worth failing the run for
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  static void report(Options o, Result r, PrintStream out) {
    long[] sign = r.signNanos().clone();
    long[] cosigned = r.cosignedNanos().clone();
    long[] added = r.addedNanos();
    Arrays.sort(sign);
    Arrays.sort(cosigned);
    Arrays.sort(added);
    out.printf(Locale.ROOT, "%d checkpoints of %d entries each (after %d warm-up), %d witnesses in parallel over HTTP%n",
        o.checkpoints(), o.entries(), o.warmup(), o.witnesses());
    out.printf(Locale.ROOT, "sign only (baseline): p50 %.3f ms, p99 %.3f ms%n", ms(sign, 50), ms(sign, 99));
    out.printf(Locale.ROOT, "sign + cosign by %d witnesses: p50 %.3f ms, p99 %.3f ms%n", o.witnesses(),
        ms(cosigned, 50), ms(cosigned, 99));
    out.printf(Locale.ROOT, "added by cosigning: p50 %.3f ms, p99 %.3f ms (per checkpoint, cosigned - sign)%n",
        ms(added, 50), ms(added, 99));
  }

  /** The {@code p}th percentile (nearest rank) of sorted nanoseconds, in milliseconds. */
  static double ms(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }
}
