package org.glassplate.server.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.reads.ReadPartitions;
import org.glassplate.server.reads.Reads;
import org.glassplate.server.reads.ReadsPurged;
import org.glassplate.server.core.Caller;
import org.glassplate.server.retention.internal.PurgeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention purge (R-RET-1), run on a fixed delay ({@code glassplate.retention.purge-delay},
 * 30 s by default, never more than a minute). Reads that matched nothing are deleted once the
 * policy's non-hit retention has passed, hit reads once the hit retention has, except reads that
 * a legal hold or extension keeps.
 *
 * <p>How: every whole capture day before the cutoff is dropped as a partition (cost independent
 * of its rows); the reads of that day that must be kept are first moved to the kept partition
 * ({@link ReadPartitions#dropDay}). Only the boundary day, and the kept reads whose reason has
 * ended, are deleted row by row. The row deletes come first and the drops last, so the exclusive
 * lock a drop needs is held only for the end of the transaction. The purge's audit entry, with its
 * counts and the oldest capture time left, commits in the same transaction.
 */
@Component
public class RetentionPurge {
  private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);
  /** With nothing to delete, a purge is still audited this often, so the log shows it ran. */
  static final Duration QUIET_AUDIT_EVERY = Duration.ofHours(1);

  private final Policies policies;
  private final ReadPartitions partitions;
  private final org.springframework.context.ApplicationEventPublisher events;
  private final Reads reads;
  private final RetentionGrants grants;
  private final AuditRecorder audit;
  private final PurgeStore store;
  private final TransactionTemplate tx;
  private final Clock clock;
  private volatile Instant lastAudited = Instant.EPOCH;
  private final PurgeMetrics metrics;

  RetentionPurge(Policies policies, ReadPartitions partitions, Reads reads, RetentionGrants grants, AuditRecorder audit,
      PurgeStore store, TransactionTemplate tx, Clock clock,
      @org.springframework.beans.factory.annotation.Value("${glassplate.retention.purge-delay:PT30S}") Duration delay,
      org.springframework.context.ApplicationEventPublisher events, PurgeMetrics metrics) {
    this.metrics = metrics;
    if (delay.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("glassplate.retention.purge-delay must be at most one minute (R-RET-1)");
    }
    this.policies = policies;
    this.partitions = partitions;
    this.reads = reads;
    this.grants = grants;
    this.audit = audit;
    this.store = store;
    this.tx = tx;
    this.clock = clock;
    this.events = events;
  }

  /** What one purge did. */
  public record PurgeResult(Instant ranAt, Instant nonHitCutoff, Instant hitCutoff, int partitionsDropped,
      long readsDropped, long readsDeleted, long readsKeptForHits, long readsKeptForGrants, Instant oldestRemaining,
      boolean audited) {

    public long readsRemoved() {
      return readsDropped + readsDeleted;
    }
  }

  @Scheduled(fixedDelayString = "${glassplate.retention.purge-delay:PT30S}",
      initialDelayString = "${glassplate.retention.purge-initial-delay:PT20S}")
  void scheduled() {
    try {
      purge();
    } catch (RuntimeException e) {
      log.error("retention purge failed: {}", e.getClass().getName(), org.glassplate.server.core.LogSafe.redact(e));
    }
  }

  /** Runs one purge now. */
  public synchronized PurgeResult purge() {
    tx.executeWithoutResult(s -> grants.expire());
    PurgeResult result = tx.execute(s -> purgeInTransaction());
    metrics.purged(result);
    return result;
  }

  private PurgeResult purgeInTransaction() {
    partitions.lockForPartitionChanges();
    EffectivePolicy policy = policies.current();
    Instant now = clock.instant();
    Instant nonHitCutoff = now.minus(policy.nonHitRetention());
    Instant hitCutoff = now.minus(policy.hitRetention());
    long[] hits = hitsToKeep(hitCutoff, nonHitCutoff);
    long[] granted = grants.keptReadIds(nonHitCutoff);
    long[] keep = LongStream.concat(LongStream.of(hits), LongStream.of(granted)).distinct().sorted().toArray();

    LocalDate boundary = LocalDate.ofInstant(nonHitCutoff, ZoneOffset.UTC);
    long deleted = partitions.deleteCapturedBefore(nonHitCutoff, boundary, keep);
    List<LocalDate> whole = new ArrayList<>();
    for (LocalDate d : partitions.days()) {
      if (d.isBefore(boundary)) {
        whole.add(d);
      }
    }
    Map<LocalDate, long[]> keepByDay = keepByDay(whole, keep);
    long dropped = 0;
    for (LocalDate d : whole) {
      dropped += partitions.dropDay(d, keepByDay.getOrDefault(d, new long[0])).rowsDropped();
    }
    store.forgetHitsCapturedBefore(hitCutoff);
    // in this transaction: which reads a search returned is kept as long as any of them may be, never longer
    events.publishEvent(new ReadsPurged(now, hitCutoff.isBefore(nonHitCutoff) ? hitCutoff : nonHitCutoff));
    Instant oldest = reads.oldestCapture().orElse(null);
    boolean quiet = deleted == 0 && dropped == 0 && whole.isEmpty();
    boolean record = !quiet || lastAudited.plus(QUIET_AUDIT_EVERY).isBefore(now);
    if (record) {
      audit.record(AuditEvent.of(RetentionAuditTypes.READS_PURGED, Caller.system()).policy(policy.sha256())
          .with("nonHitCutoff", nonHitCutoff.toString()).with("hitCutoff", hitCutoff.toString())
          .with("partitionsDropped", whole.size()).with("readsDroppedWithPartitions", dropped)
          .with("readsDeleted", deleted).with("readsRemoved", deleted + dropped)
          .with("readsKeptForHits", hits.length).with("readsKeptForHoldsAndExtensions", granted.length)
          .with("oldestRemainingCapture", oldest == null ? "none" : oldest.toString()).build());
      store.insert(new PurgeRecord(now, nonHitCutoff, hitCutoff, whole.size(), dropped, deleted, hits.length,
          granted.length, oldest, policy.sha256()));
      lastAudited = now;
    }
    if (!quiet) {
      log.info("retention purge: {} day partitions dropped ({} reads), {} reads deleted", whole.size(), dropped,
          deleted);
    }
    return new PurgeResult(now, nonHitCutoff, hitCutoff, whole.size(), dropped, deleted, hits.length, granted.length,
        oldest, record);
  }

  /** The recorded purges, newest first (at most {@code limit}). */
  public List<PurgeRecord> recent(int limit) {
    return store.recent(limit);
  }

  /** The latest recorded purge that deleted reads, if any did. */
  public java.util.Optional<PurgeRecord> lastThatDeleted() {
    return store.latestThatDeleted();
  }

  /** Hit reads that are past the non-hit retention but within the hit retention. */
  private long[] hitsToKeep(Instant hitCutoff, Instant nonHitCutoff) {
    return store.hitsCapturedBetween(hitCutoff, nonHitCutoff);
  }

  /** The reads to keep that live in each whole day about to be dropped. */
  private Map<LocalDate, long[]> keepByDay(List<LocalDate> days, long[] keep) {
    Map<LocalDate, long[]> out = new HashMap<>();
    if (days.isEmpty() || keep.length == 0) {
      return out;
    }
    Map<Long, Instant> at = reads.capturedAt(LongStream.of(keep).boxed().toList());
    Map<LocalDate, List<Long>> grouped = new HashMap<>();
    at.forEach((id, t) -> grouped.computeIfAbsent(LocalDate.ofInstant(t, ZoneOffset.UTC), d -> new ArrayList<>()).add(id));
    grouped.forEach((d, ids) -> out.put(d, ids.stream().mapToLong(Long::longValue).toArray()));
    return out;
  }
}
