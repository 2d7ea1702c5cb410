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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
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
  /** Key of the transaction advisory lock held while day partitions are created or dropped. */
  private static final long PARTITION_CHANGES_LOCK = 0x706c617465L; // "plate"

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ObjectProvider<ReadAgeLimit> ageLimit;
  private final Duration defaultMaxAge;
  private final org.springframework.transaction.support.TransactionTemplate tx;

  ReadPartitions(JdbcClient jdbc, Clock clock, ObjectProvider<ReadAgeLimit> ageLimit,
      @Value("${glassplate.reads.max-age:P30D}") Duration defaultMaxAge,
      org.springframework.transaction.support.TransactionTemplate tx) {
    this.tx = tx;
    this.jdbc = jdbc;
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
      String name = partitionName(d);
      Boolean exists = jdbc.sql("SELECT to_regclass(:n) IS NOT NULL").param("n", name).query(Boolean.class).single();
      if (!exists) {
        LocalDate day = d;
        for (int attempt = 1; ; attempt++) {
          try {
            tx.executeWithoutResult(s -> create(day));
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
    jdbc.sql("SET LOCAL lock_timeout = '10s'").update();
    jdbc.sql("SELECT pg_advisory_xact_lock(:k)").param("k", PARTITION_CHANGES_LOCK).query().singleRow();
  }

  private void create(LocalDate d) {
    lockForPartitionChanges();
    if (jdbc.sql("SELECT to_regclass(:n) IS NOT NULL").param("n", partitionName(d)).query(Boolean.class).single()) {
      return; // made meanwhile by another server thread
    }
    // the parent first, then the kept partition: the order every other writer takes them in
    jdbc.sql("LOCK TABLE ONLY plate_read IN ACCESS EXCLUSIVE MODE").update();
    java.sql.Timestamp start = java.sql.Timestamp.from(d.atStartOfDay(ZoneOffset.UTC).toInstant());
    java.sql.Timestamp end = java.sql.Timestamp.from(d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    boolean kept = jdbc.sql("SELECT EXISTS (SELECT 1 FROM plate_read_kept WHERE captured_at >= :s AND captured_at < :e)")
        .param("s", start).param("e", end).query(Boolean.class).single();
    if (kept) {
      jdbc.sql("""
              CREATE TEMP TABLE plate_read_returning ON COMMIT DROP AS
              SELECT * FROM plate_read_kept WHERE captured_at >= :s AND captured_at < :e""")
          .param("s", start).param("e", end).update();
      jdbc.sql("DELETE FROM plate_read_kept WHERE captured_at >= :s AND captured_at < :e")
          .param("s", start).param("e", end).update();
    }
    jdbc.sql("CREATE TABLE IF NOT EXISTS " + partitionName(d) + " PARTITION OF plate_read FOR VALUES FROM ('"
        + d + " 00:00:00+00') TO ('" + d.plusDays(1) + " 00:00:00+00')").update();
    if (kept) {
      jdbc.sql("INSERT INTO plate_read SELECT * FROM plate_read_returning").update();
      jdbc.sql("DROP TABLE plate_read_returning").update();
    }
  }

  /** The capture days that have a partition, oldest first. */
  public List<LocalDate> days() {
    return jdbc.sql("""
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'plate_read'::regclass AND c.relname LIKE 'plate\\_read\\_p%' ORDER BY c.relname""")
        .query(String.class).list().stream()
        .map(n -> LocalDate.parse(n.substring("plate_read_p".length()), NAME)).toList();
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
    String name = partitionName(day);
    Boolean exists = jdbc.sql("SELECT to_regclass(:n) IS NOT NULL").param("n", name).query(Boolean.class).single();
    if (!exists) {
      return new DroppedDay(day, 0, 0);
    }
    jdbc.sql("SET LOCAL lock_timeout = '10s'").update();
    long rows = jdbc.sql("SELECT count(*) FROM " + name).query(Long.class).single();
    long kept = 0;
    if (keep.length > 0) {
      jdbc.sql("CREATE TEMP TABLE plate_read_moving ON COMMIT DROP AS SELECT * FROM " + name + " WHERE id = ANY(:keep)")
          .param("keep", keep).update();
    }
    jdbc.sql("DROP TABLE " + name).update();
    if (keep.length > 0) {
      jdbc.sql("SELECT set_config('glassplate.keeping_reads', 'on', true)").query(String.class).single();
      kept = jdbc.sql("INSERT INTO plate_read SELECT * FROM plate_read_moving").update();
      jdbc.sql("SELECT set_config('glassplate.keeping_reads', 'off', true)").query(String.class).single();
      jdbc.sql("DROP TABLE plate_read_moving").update();
    }
    jdbc.sql("""
            INSERT INTO plate_read_dropped_day (day, dropped_at, rows_dropped, rows_kept) VALUES (:day, :now, :rows, :kept)
            ON CONFLICT (day) DO UPDATE SET dropped_at = :now, rows_dropped = :rows, rows_kept = :kept""")
        .param("day", day).param("now", java.sql.Timestamp.from(clock.instant())).param("rows", rows - kept)
        .param("kept", kept).update();
    return new DroppedDay(day, rows - kept, kept);
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
    Instant from = fromDay.atStartOfDay(ZoneOffset.UTC).toInstant();
    long n = 0;
    if (from.isBefore(cutoff)) {
      n += jdbc.sql("""
              DELETE FROM plate_read WHERE captured_at >= :from AND captured_at < :cutoff AND NOT (id = ANY(:keep))""")
          .param("from", java.sql.Timestamp.from(from)).param("cutoff", java.sql.Timestamp.from(cutoff))
          .param("keep", keep).update();
    }
    n += jdbc.sql("DELETE FROM plate_read_kept WHERE captured_at < :cutoff AND NOT (id = ANY(:keep))")
        .param("cutoff", java.sql.Timestamp.from(cutoff)).param("keep", keep).update();
    return n;
  }

  public static String partitionName(LocalDate day) {
    return "plate_read_p" + NAME.format(day);
  }
}
