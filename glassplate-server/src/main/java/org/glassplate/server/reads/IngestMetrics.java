package org.glassplate.server.reads;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.glassplate.server.core.Figures;
import org.springframework.stereotype.Component;

/**
 * The ingest figures (issue 18): reads accepted and rejected and each batch's latency, labelled only
 * by format ({@code glassplate}, {@code openalpr}) and outcome; never a plate nor a camera.
 */
@Component
class IngestMetrics {
  static final String READS = "glassplate.ingest.reads";
  static final String BATCHES = "glassplate.ingest.batch";

  private record Meters(Counter accepted, Counter rejected, Timer stored, Timer failed) {
  }

  private final Map<String, Meters> byFormat;

  IngestMetrics(MeterRegistry registry) {
    this.byFormat = Map.of("glassplate", meters(registry, "glassplate"), "openalpr", meters(registry, "openalpr"));
  }

  private static Meters meters(MeterRegistry registry, String format) {
    return new Meters(
        Counter.builder(READS).description("reads received from cameras, by format and outcome")
            .tags("format", format, "outcome", "accepted").register(registry),
        Counter.builder(READS).description("reads received from cameras, by format and outcome")
            .tags("format", format, "outcome", "rejected").register(registry),
        Timer.builder(BATCHES).description("time to validate, store, match and audit one batch of reads")
            .tags("format", format, "outcome", "stored").register(registry),
        Timer.builder(BATCHES).description("time to validate, store, match and audit one batch of reads")
            .tags("format", format, "outcome", "failed").register(registry));
  }

  void batch(String format, long startNanos, int accepted, int rejected) {
    Figures.record(() -> {
      Meters m = byFormat.get(format);
      if (m != null) {
        m.accepted().increment(accepted);
        m.rejected().increment(rejected);
        m.stored().record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
      }
    });
  }

  void failed(String format, long startNanos) {
    Figures.record(() -> {
      Meters m = byFormat.get(format);
      if (m != null) {
        m.failed().record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
      }
    });
  }
}
