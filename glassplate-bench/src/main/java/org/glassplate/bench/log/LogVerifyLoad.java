package org.glassplate.bench.log;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.glassplate.log.tiles.MemoryTileLog;
import org.glassplate.log.verify.HttpLogSource;
import org.glassplate.log.verify.KnownLogs;
import org.glassplate.log.verify.LogVerifier;
import org.glassplate.log.verify.VerifiedLog;

/**
 * {@code glassplate bench log-verify}: the client time of {@code audit verify} on a log of N
 * entries. The log is served by a separate JVM ({@code bench log-serve}, started here unless
 * {@code --url} names a server), so the wall time and the CPU time of this process are the
 * client's alone: fetching every tile and bundle over HTTP, hashing every entry, recomputing the
 * tree and checking the signature.
 */
public final class LogVerifyLoad {
  private LogVerifyLoad() {}

  /** {@code log-serve --entries N [--port P]}: builds the log, serves it, prints READY port. */
  public static int serve(String[] args, PrintStream out, PrintStream err) throws Exception {
    int entries = intOption(args, "--entries", 1_000_000);
    int port = intOption(args, "--port", 0);
    MemoryTileLog log = SyntheticLog.build(entries, false);
    TileServer server = new TileServer(SyntheticLog.resources(log), port, 2);
    out.println("READY " + server.port());
    out.flush();
    // Serve until the parent closes our stdin (or dies).
    while (System.in.read() >= 0) {
      // ignore input
    }
    server.close();
    return 0;
  }

  /** {@code log-verify [--entries N] [--runs R] [--parallelism P] [--url BASE_URL]}. */
  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    int entries = intOption(args, "--entries", 1_000_000);
    int runs = intOption(args, "--runs", 5);
    int parallelism = intOption(args, "--parallelism", LogVerifier.DEFAULT_PARALLELISM);
    String url = stringOption(args, "--url", null);
    Process child = null;
    try {
      if (url == null) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-Xmx4g", "-cp", System.getProperty("java.class.path"),
            "org.glassplate.bench.Bench", "log-serve", "--entries", Integer.toString(entries))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        out.println("building a log of " + entries + " entries in a server process...");
        String line = r.readLine();
        if (line == null || !line.startsWith("READY ")) {
          err.println("log-serve did not start: " + line);
          return 1;
        }
        url = "http://127.0.0.1:" + line.substring(6).trim();
      }
      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      Path pins = Files.createTempFile("known-logs", "");
      List<long[]> results = new ArrayList<>();
      for (int i = 1; i <= runs; i++) {
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        LogVerifier v = new LogVerifier(new HttpLogSource(URI.create(url)), parallelism);
        VerifiedLog verified = v.verify(new KnownLogs(pins), null, w -> {});
        long wall = (System.nanoTime() - t0) / 1_000_000;
        long cpu = (os.getProcessCpuTime() - cpu0) / 1_000_000;
        results.add(new long[] {wall, cpu});
        out.printf("run %d: OK size=%d wall=%d ms client-cpu=%d ms%n", i, verified.checkpoint().size(), wall, cpu);
      }
      Files.deleteIfExists(pins);
      if (runs > 1) {
        List<long[]> warm = results.subList(1, results.size());
        out.printf("warm runs (2..%d): wall median %d ms (max %d), client CPU median %d ms (max %d); "
                + "first run (cold JVM): wall %d ms, client CPU %d ms; cores %d%n",
            runs, median(warm, 0), max(warm, 0), median(warm, 1), max(warm, 1),
            results.get(0)[0], results.get(0)[1], Runtime.getRuntime().availableProcessors());
      }
      return 0;
    } finally {
      if (child != null) {
        child.getOutputStream().close();
        child.destroy();
        child.waitFor();
      }
    }
  }

  private static long median(List<long[]> rs, int k) {
    long[] v = rs.stream().mapToLong(r -> r[k]).sorted().toArray();
    return v[v.length / 2];
  }

  private static long max(List<long[]> rs, int k) {
    return rs.stream().mapToLong(r -> r[k]).max().orElse(0);
  }

  private static int intOption(String[] args, String name, int dflt) {
    String v = stringOption(args, name, null);
    return v == null ? dflt : Integer.parseInt(v);
  }

  private static String stringOption(String[] args, String name, String dflt) {
    int i = Arrays.asList(args).indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
  }
}
