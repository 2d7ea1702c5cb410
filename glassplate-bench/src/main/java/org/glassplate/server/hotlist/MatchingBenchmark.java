package org.glassplate.server.hotlist;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Hot-list matching in memory (issue 6): reads per second per core against one list of
 * {@code entries} plates (10,000,000 by default) in a JVM limited to 1 GiB of heap. Reads are
 * California-shaped plates (digit, 3 letters, 3 digits), 1% of them on the list. {@code exact}
 * probes the read's plate; {@code lookAlike} probes its single-substitution look-alikes;
 * {@code allKinds} is what ingest does per read (exact, look-alike and the list's patterns).
 *
 * <p>It lives in the hot-list package to reach the package-private index without making it API.
 * Run: {@code ./glassplate bench jmh -f 1 -wi 2 -w 2s -i 3 -r 3s MatchingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Threads(1)
public class MatchingBenchmark {
  static final int READS = 1 << 20;
  static final int BATCH = 1024;

  @Param("10000000")
  int entries;

  MatchIndex index;
  int mask;
  String[] reads;
  int next;

  @Setup(Level.Trial)
  public void build() {
    SplittableRandom random = new SplittableRandom(42);
    // distinct plates: a multiplicative permutation of the 158,184,000 Californian plates
    long space = 9L * 26 * 26 * 26 * 1000;
    long[] codes = new long[entries];
    for (int i = 0; i < entries; i++) {
      codes[i] = PlateCodes.encode(californian((i * 2_654_435_761L) % space));
    }
    PlateSet set = PlateSet.of(codes, entries);
    index = new MatchIndex();
    MatchIndex.ListIndex list = index.list(1, HotlistSource.NCIC);
    List<PlatePattern> patterns = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      patterns.add(new PlatePattern(californian(random).substring(0, 5) + "*"));
    }
    list.install(new MatchIndex.Snapshot(set, patterns.toArray(new PlatePattern[0])), list.delta);
    mask = MatchIndex.mask(EnumSet.allOf(HotlistSource.class));
    reads = new String[READS];
    for (int i = 0; i < READS; i++) {
      reads[i] = i % 100 == 0 ? PlateCodes.decode(codes[random.nextInt(entries)]) : californian(random);
    }
    codes = null;
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf("%nindex: %,d plates in %,d bytes of slots; heap in use after setup %,d MiB of max %,d MiB%n",
        set.size(), set.bytes(), heap >> 20, Runtime.getRuntime().maxMemory() >> 20);
  }

  /** The {@code k}-th Californian plate (digit 1-9, three letters, three digits). */
  static String californian(long k) {
    char[] c = new char[7];
    for (int i = 6; i >= 4; i--) {
      c[i] = (char) ('0' + k % 10);
      k /= 10;
    }
    for (int i = 3; i >= 1; i--) {
      c[i] = (char) ('A' + k % 26);
      k /= 26;
    }
    c[0] = (char) ('1' + k);
    return new String(c);
  }

  static String californian(SplittableRandom r) {
    char[] c = new char[7];
    c[0] = (char) ('1' + r.nextInt(9));
    for (int i = 1; i < 4; i++) {
      c[i] = (char) ('A' + r.nextInt(26));
    }
    for (int i = 4; i < 7; i++) {
      c[i] = (char) ('0' + r.nextInt(10));
    }
    return new String(c);
  }

  private String read() {
    String r = reads[next];
    next = (next + 1) & (READS - 1);
    return r;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void exact(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      bh.consume(index.hasExact(read(), mask));
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void lookAlike(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      bh.consume(index.lookAlikeHits(read(), mask));
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void allKinds(Blackhole bh) {
    List<MatchIndex.Candidate> out = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      index.candidates(read(), mask, out);
      bh.consume(out.size());
      out.clear();
    }
  }
}
