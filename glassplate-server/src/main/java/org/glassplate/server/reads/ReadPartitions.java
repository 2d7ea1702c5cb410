package org.glassplate.server.reads;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.glassplate.server.reads.internal.PartitionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps one {@code plate_read} partition per UTC capture day, created ahead of time: from the
 * oldest day a read may still be accepted to two days ahead. A purge can then drop whole days.
 */
@Component
public class ReadPartitions {
  private static final Logger log = LoggerFactory.getLogger(ReadPartitions.class);
  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd");
  static final int DAYS_AHEAD = 2;

  private final PartitionStore store;
  private final Clock clock;
  private final ObjectProvider<ReadAgeLimit> ageLimit;
  private final Duration defaultMaxAge;
  private final org.springframework.transaction.support.TransactionTemplate tx;

  ReadPartitions(PartitionStore store, Clock clock, ObjectProvider<ReadAgeLimit> ageLimit,
      @Value("${glassplate.reads.max-age:P30D}") Duration defaultMaxAge,
      org.springframework.transaction.support.TransactionTemplate tx) {
    this.tx = tx;
    this.store = store;
    this.clock = clock;
    this.ageLimit = ageLimit;
    this.defaultMaxAge = defaultMaxAge;
  }

  /** The longest a read may be kept without a hit, as now enforced. */
  public Duration maxAge() {
    ReadAgeLimit limit = ageLimit.getIfUnique();
    return limit == null ? defaultMaxAge : limit.maxAge();
  }

  @EventListener(ApplicationStartedEvent.class)
  @Scheduled(cron = "0 5 * * * *", zone = "UTC")
  public void maintain() {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    long back = maxAge().toDays() + 1;
    int created = ensure(today.minusDays(back), today.plusDays(DAYS_AHEAD));
    if (created > 0) {
      log.info("created {} plate_read day partitions", created);
    }
  }

  /**
   * Creates the missing day partitions in [from, to]; returns how many were new. If a purge had
   * dropped such a day and moved reads of it to the kept partition, they move back into the new
   * day partition in the same transaction.
   */
  public int ensure(LocalDate from, LocalDate to) {
    int created = 0;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (!store.exists(d)) {
        LocalDate day = d;
        for (int attempt = 1; ; attempt++) {
          try {
            tx.executeWithoutResult(s -> store.create(day));
            break;
          } catch (PessimisticLockingFailureException e) {
            // chosen as a deadlock victim or timed out behind a long transaction: try again
            if (attempt == 3) {
              throw e;
            }
            log.warn("creating a plate_read day partition waited on a lock ({}); trying again",
                e.getClass().getSimpleName());
          }
        }
        created++;
      }
    }
    return created;
  }

  /**
   * Serialises the partition changes (creating and dropping days) for the caller's transaction:
   * both need exclusive locks on {@code plate_read} and on its kept partition, and taken in
   * different orders by two transactions they deadlock. Call it first in the transaction.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void lockForPartitionChanges() {
    store.lockForPartitionChanges();
  }

  /** The capture days that have a partition, oldest first. */
  public List<LocalDate> days() {
    return store.days();
  }

  /** What dropping one day did. */
  public record DroppedDay(LocalDate day, long rowsDropped, long rowsKept) {
  }

  /**
   * Drops the partition of a whole capture day in the caller's transaction (R-RET-1: cost does
   * not grow with the rows). The reads of {@code keep} that were captured that day are moved first
   * into the kept partition, where every query still finds them. Takes an exclusive lock on
   * {@code plate_read} until the transaction ends: call it last in a short transaction.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public DroppedDay dropDay(LocalDate day, long[] keep) {
    return store.drop(day, keep, clock.instant());
  }

  /**
   * Deletes, row by row, the reads captured before {@code cutoff} except {@code keep}: in the day
   * partitions from {@code fromDay} on (the boundary day, in practice) and among the kept reads.
   * Whole days before {@code fromDay} are left to {@link #dropDay}. Runs in the caller's transaction.
   *
   * @return how many reads were deleted
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public long deleteCapturedBefore(Instant cutoff, LocalDate fromDay, long[] keep) {
    return store.deleteCapturedBefore(cutoff, fromDay, keep);
  }

  public static String partitionName(LocalDate day) {
    return "plate_read_p" + NAME.format(day);
  }
}
