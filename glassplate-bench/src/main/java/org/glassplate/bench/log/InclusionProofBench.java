package org.glassplate.bench.log;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.glassplate.log.Merkle;
import org.glassplate.log.ProofVerificationException;
import org.glassplate.log.Proofs;
import org.glassplate.log.tiles.MemoryTileLog;
import org.glassplate.log.tiles.TileHashReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Inclusion proofs at tree size 1,000,000 computed from an in-memory tile store
 * (c2sp.org/tlog-tiles), as a server answers {@code /api/v1/audit/proof/inclusion}: with a fresh
 * reader per proof (every tile read and every in-tile node hashed again: the worst case), with a
 * shared tile cache, and the client's verification of such a proof. Sample mode, so JMH reports
 * the percentiles (p0.99 is the 99th percentile).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class InclusionProofBench {
  @Param("1000000")
  int size;

  private MemoryTileLog log;
  private TileHashReader cached;
  private byte[] root;
  private long[] indexes;
  private byte[][] leaves;
  private List<byte[]>[] proofs;

  @Setup
  @SuppressWarnings("unchecked")
  public void build() {
    log = SyntheticLog.build(size, true);
    cached = new TileHashReader(size, log::hashTile);
    root = log.root();
    indexes = new long[1024];
    leaves = new byte[1024][];
    proofs = new List[1024];
    for (int k = 0; k < indexes.length; k++) {
      indexes[k] = ThreadLocalRandom.current().nextLong(size);
      leaves[k] = Merkle.leafHash(log.entry(indexes[k]));
      proofs[k] = Proofs.inclusion(indexes[k], size, cached);
    }
  }

  @Benchmark
  public List<byte[]> inclusionProofFreshTileReader() {
    long i = ThreadLocalRandom.current().nextLong(size);
    return Proofs.inclusion(i, size, new TileHashReader(size, log::hashTile));
  }

  @Benchmark
  public List<byte[]> inclusionProofCachedTileReader() {
    long i = ThreadLocalRandom.current().nextLong(size);
    return Proofs.inclusion(i, size, cached);
  }

  @Benchmark
  public long verifyInclusionProof() throws ProofVerificationException {
    int k = ThreadLocalRandom.current().nextInt(indexes.length);
    Proofs.verifyInclusion(leaves[k], indexes[k], size, proofs[k], root);
    return indexes[k];
  }
}
