package org.glassplate.server.reads.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.glassplate.server.reads.ReadPartitions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the day partitions of {@code plate_read}, of its kept partition and of
 * {@code plate_read_dropped_day}. Runs in the caller's transaction.
 */
@Repository
public class PartitionStore {
  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd");
  /** Key of the transaction advisory lock held while day partitions are created or dropped. */
  private static final long PARTITION_CHANGES_LOCK = 0x706c617465L; // "plate"

  private final JdbcClient jdbc;

  public PartitionStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean exists(LocalDate day) {
    return jdbc.sql("SELECT to_regclass(:n) IS NOT NULL").param("n", ReadPartitions.partitionName(day))
        .query(Boolean.class).single();
  }

  /** See {@link ReadPartitions#lockForPartitionChanges}. */
  public void lockForPartitionChanges() {
    jdbc.sql("SET LOCAL lock_timeout = '10s'").update();
    jdbc.sql("SELECT pg_advisory_xact_lock(:k)").param("k", PARTITION_CHANGES_LOCK).query().singleRow();
  }

  /**
   * Creates the partition of day {@code d} unless it exists, moving the reads of that day that the
   * kept partition holds back into it.
   */
  public void create(LocalDate d) {
    lockForPartitionChanges();
    if (exists(d)) {
      return; // made meanwhile by another server thread
    }
    // the parent first, then the kept partition: the order every other writer takes them in
    jdbc.sql("LOCK TABLE ONLY plate_read IN ACCESS EXCLUSIVE MODE").update();
    Timestamp start = Timestamp.from(d.atStartOfDay(ZoneOffset.UTC).toInstant());
    Timestamp end = Timestamp.from(d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
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
    // as plate_read's owner (V1560): the application's role owns no table
    jdbc.sql("SELECT plate_read_create_day(:d)").param("d", d).query().singleRow();
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

  /** See {@link ReadPartitions#dropDay}. */
  public ReadPartitions.DroppedDay drop(LocalDate day, long[] keep, Instant now) {
    if (!exists(day)) {
      return new ReadPartitions.DroppedDay(day, 0, 0);
    }
    // The day's rows are read through plate_read (pruned to the day's partition): the application's role
    // has no privileges on the partition itself, which its owner created (V1560).
    Timestamp start = Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    Timestamp end = Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    jdbc.sql("SET LOCAL lock_timeout = '10s'").update();
    long rows = jdbc.sql("SELECT count(*) FROM plate_read WHERE captured_at >= :s AND captured_at < :e")
        .param("s", start).param("e", end).query(Long.class).single();
    long kept = 0;
    if (keep.length > 0) {
      jdbc.sql("""
              CREATE TEMP TABLE plate_read_moving ON COMMIT DROP AS
              SELECT * FROM plate_read WHERE captured_at >= :s AND captured_at < :e AND id = ANY(:keep)""")
          .param("s", start).param("e", end).param("keep", keep).update();
    }
    jdbc.sql("SELECT plate_read_drop_day(:d)").param("d", day).query().singleRow();
    if (keep.length > 0) {
      jdbc.sql("SELECT set_config('glassplate.keeping_reads', 'on', true)").query(String.class).single();
      kept = jdbc.sql("INSERT INTO plate_read SELECT * FROM plate_read_moving").update();
      jdbc.sql("SELECT set_config('glassplate.keeping_reads', 'off', true)").query(String.class).single();
      jdbc.sql("DROP TABLE plate_read_moving").update();
    }
    jdbc.sql("""
            INSERT INTO plate_read_dropped_day (day, dropped_at, rows_dropped, rows_kept) VALUES (:day, :now, :rows, :kept)
            ON CONFLICT (day) DO UPDATE SET dropped_at = :now, rows_dropped = :rows, rows_kept = :kept""")
        .param("day", day).param("now", Timestamp.from(now)).param("rows", rows - kept)
        .param("kept", kept).update();
    return new ReadPartitions.DroppedDay(day, rows - kept, kept);
  }

  /** See {@link ReadPartitions#deleteCapturedBefore}. */
  public long deleteCapturedBefore(Instant cutoff, LocalDate fromDay, long[] keep) {
    Instant from = fromDay.atStartOfDay(ZoneOffset.UTC).toInstant();
    long n = 0;
    if (from.isBefore(cutoff)) {
      n += jdbc.sql("""
              DELETE FROM plate_read WHERE captured_at >= :from AND captured_at < :cutoff AND NOT (id = ANY(:keep))""")
          .param("from", Timestamp.from(from)).param("cutoff", Timestamp.from(cutoff))
          .param("keep", keep).update();
    }
    n += jdbc.sql("DELETE FROM plate_read_kept WHERE captured_at < :cutoff AND NOT (id = ANY(:keep))")
        .param("cutoff", Timestamp.from(cutoff)).param("keep", keep).update();
    return n;
  }

  /** Moves the GIN pending lists of the plate index into the index, for those of the three days' partitions that exist. */
  public void cleanPendingLists(LocalDate a, LocalDate b, LocalDate c) {
    // as the owner of the indexes (V1560): gin_clean_pending_list needs it
    jdbc.sql("SELECT plate_read_clean_pending_lists(ARRAY[CAST(:a AS date), CAST(:b AS date), CAST(:c AS date)])")
        .param("a", a).param("b", b).param("c", c)
        .query(Long.class).single();
  }
}
