package org.glassplate.bench.log;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.glassplate.log.tiles.MemoryTileLog;
import org.glassplate.log.verify.HttpLogSource;
import org.glassplate.log.verify.KnownLogs;
import org.glassplate.log.verify.LogVerifier;
import org.glassplate.log.verify.VerifiedLog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wall time of a whole {@link LogVerifier} run over HTTP against a local server serving a
 * prebuilt log of 1,000,000 audit-like entries (about 330 bytes each): key, checkpoint, 3,907
 * entry bundles and 3,926 hash tiles fetched, every entry hashed, every tile recomputed. The
 * server runs in the same JVM and shares the machine's cores, so this is an upper bound of the
 * client's time; {@code glassplate bench log-verify} measures the client's CPU time alone with
 * the server in another process.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class LogVerifyBench {
  @Param("1000000")
  int entries;

  private TileServer server;
  private URI base;
  private Path pins;

  @Setup(Level.Trial)
  public void start() throws IOException {
    MemoryTileLog log = SyntheticLog.build(entries, false);
    server = new TileServer(SyntheticLog.resources(log), 0, 2);
    base = URI.create("http://127.0.0.1:" + server.port());
    pins = Files.createTempFile("known-logs", "");
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    server.close();
    Files.deleteIfExists(pins);
  }

  @Benchmark
  public VerifiedLog verifyWholeLog() throws Exception {
    LogVerifier v = new LogVerifier(new HttpLogSource(base), LogVerifier.DEFAULT_PARALLELISM);
    VerifiedLog verified = v.verify(new KnownLogs(pins), null, w -> {});
    if (verified.checkpoint().size() != entries) {
      throw new IllegalStateException("verified " + verified.checkpoint().size() + " entries, want " + entries);
    }
    return verified;
  }
}
