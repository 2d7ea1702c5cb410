package org.glassplate.server.reads;

import org.glassplate.server.reads.internal.ReadStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Validates each read of a batch on its own, stores the good ones, runs them against the hot lists
 * and writes one audit entry for the batch, all in one transaction (R-ING-2, R-AUD-1): a read is
 * acknowledged only once that transaction has committed, and never without its audit entry. A read
 * stored already (a re-sent batch or file) is counted as a duplicate, neither stored nor matched again.
 */
@Service
public class ReadIngest {
  /** Cameras' clocks drift; beyond this a capture time in the future is a bad read. */
  static final Duration MAX_FUTURE = Duration.ofMinutes(5);
  public static final int MAX_BATCH = 1000;

  private final ReadStore store;
  private final ReadPartitions partitions;
  private final AuditRecorder audit;
  private final List<ReadMatcher> matchers;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final IngestMetrics metrics;

  ReadIngest(ReadStore store, ReadPartitions partitions, AuditRecorder audit, List<ReadMatcher> matchers,
      TransactionTemplate tx, ApplicationEventPublisher events, Clock clock, IngestMetrics metrics) {
    this.store = store;
    this.partitions = partitions;
    this.audit = audit;
    this.matchers = List.copyOf(matchers);
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Ingests a batch from one camera.
   *
   * @param camera the camera the credential belongs to
   * @param caller the authenticated camera
   * @param submissions the reads that parsed, with their batch index
   * @param rejectedEarly reads that did not even parse, already with their reasons
   * @param format {@code glassplate}, {@code openalpr} or {@code csv}, for the audit entry
   */
  public IngestResult ingest(Camera camera, Caller caller, List<ReadSubmission> submissions,
      List<Rejection> rejectedEarly, String format) {
    long started = System.nanoTime(); // a duration for the metrics, not a time of day
    try {
      IngestResult result = ingestTimed(camera, caller, submissions, rejectedEarly, format);
      metrics.batch(format, started, result.accepted(), result.rejected().size());
      return result;
    } catch (RuntimeException e) {
      metrics.failed(format, started);
      throw e;
    }
  }

  private IngestResult ingestTimed(Camera camera, Caller caller, List<ReadSubmission> submissions,
      List<Rejection> rejectedEarly, String format) {
    Instant now = clock.instant();
    Instant oldest = now.minus(partitions.maxAge());
    List<Rejection> rejected = new ArrayList<>(rejectedEarly);
    List<PlateRead> good = new ArrayList<>(submissions.size());
    for (ReadSubmission s : submissions) {
      validate(s, camera, now, oldest).ifPresentOrElse(rejected::add, () -> good.add(toRead(s, camera)));
    }
    rejected.sort((a, b) -> Integer.compare(a.index(), b.index()));

    record Stored(List<PlateRead> reads, List<Object> alerts) {
    }
    Stored stored = null;
    for (int attempt = 0; stored == null; attempt++) {
      try {
        stored = tx.execute(status -> {
          List<PlateRead> reads = store.insert(good, now);
          List<Object> alerts = new ArrayList<>();
          for (ReadMatcher m : matchers) {
            alerts.addAll(m.matchInTransaction(reads));
          }
          audit.record(AuditEvent.of(ReadsAuditTypes.READS_INGESTED, caller)
              .outcome(reads.isEmpty() && !rejected.isEmpty() ? "REJECTED" : "SUCCESS")
              .with("format", format)
              .with("accepted", reads.size())
              .with("duplicates", good.size() - reads.size())
              .with("rejected", rejected.size())
              .with("alerts", alerts.size())
              .with("camerasCovered", 1)
              .build());
          return new Stored(reads, alerts);
        });
      } catch (DataAccessException e) {
        if (attempt > 0 || !isMissingPartition(e)) {
          throw e;
        }
        // A capture day with no partition yet (the clock passed midnight before maintenance ran).
        partitions.maintain();
      }
    }
    if (!stored.reads().isEmpty()) {
      events.publishEvent(new ReadIngested(camera.id(), stored.reads()));
    }
    return new IngestResult(stored.reads().size(), good.size() - stored.reads().size(), rejected, stored.alerts());
  }

  private static boolean isMissingPartition(DataAccessException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException s && "23514".equals(s.getSQLState())
          && s.getMessage() != null && s.getMessage().contains("no partition")) {
        return true;
      }
    }
    return false;
  }

  private static PlateRead toRead(ReadSubmission s, Camera camera) {
    Double lat = s.lat() != null ? s.lat() : camera.lat();
    Double lon = s.lon() != null ? s.lon() : camera.lon();
    return new PlateRead(0, camera.id(), PlateNumber.normalize(s.plate()), StateCode.parse(s.state()),
        s.capturedAt(), lat, lon, s.confidence(), s.vehicle());
  }

  static Optional<Rejection> validate(ReadSubmission s, Camera camera, Instant now, Instant oldest) {
    ReadSubmission.FieldNames f = s.fieldNames();
    int i = s.index();
    if (!camera.active()) {
      return Optional.of(new Rejection(i, f.camera(), "camera is inactive"));
    }
    if (s.cameraId() != null && s.cameraId() != camera.id()) {
      return Optional.of(new Rejection(i, f.camera(), "unknown camera for this credential"));
    }
    try {
      PlateNumber.normalize(s.plate());
    } catch (IllegalArgumentException e) {
      return Optional.of(new Rejection(i, f.plate(), e.getMessage()));
    }
    if (s.state() != null && !s.state().isBlank() && !StateCode.isKnown(s.state().trim().toUpperCase(java.util.Locale.ROOT))) {
      return Optional.of(new Rejection(i, f.state(), "unknown state: use a two-letter US state, DC or territory code, or ZZ"));
    }
    if (s.capturedAt() == null) {
      return Optional.of(new Rejection(i, f.capturedAt(), "capture time is missing"));
    }
    if (s.capturedAt().isAfter(now.plus(MAX_FUTURE))) {
      return Optional.of(new Rejection(i, f.capturedAt(), "capture time is more than 5 minutes in the future"));
    }
    if (s.capturedAt().isBefore(oldest)) {
      return Optional.of(new Rejection(i, f.capturedAt(), "capture time is older than the retention period"));
    }
    if (s.lat() != null && (s.lat().isNaN() || s.lat() < -90 || s.lat() > 90)) {
      return Optional.of(new Rejection(i, f.lat(), "latitude must be between -90 and 90"));
    }
    if (s.lon() != null && (s.lon().isNaN() || s.lon() < -180 || s.lon() > 180)) {
      return Optional.of(new Rejection(i, f.lon(), "longitude must be between -180 and 180"));
    }
    if ((s.lat() == null) != (s.lon() == null)) {
      return Optional.of(new Rejection(i, s.lat() == null ? f.lat() : f.lon(), "latitude and longitude go together"));
    }
    if (s.confidence() != null && (s.confidence().isNaN() || s.confidence() < 0 || s.confidence() > 100)) {
      return Optional.of(new Rejection(i, f.confidence(), "confidence must be between 0 and 100"));
    }
    return Optional.empty();
  }
}
