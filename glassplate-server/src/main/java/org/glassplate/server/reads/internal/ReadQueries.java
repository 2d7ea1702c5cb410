package org.glassplate.server.reads.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.glassplate.server.reads.PlateNumber;
import org.glassplate.server.reads.PlateQuery;
import org.glassplate.server.reads.PlateRead;
import org.glassplate.server.reads.ReadSearch;
import org.glassplate.server.reads.StateCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** SQL that reads {@code plate_read} (and {@code camera}, for the oldest capture): searches and counts. */
@Repository
public class ReadQueries {
  static final String CANONICAL_PLATE = "translate(plate, '" + PlateQuery.LOOK_ALIKE_FROM + "', '"
      + PlateQuery.LOOK_ALIKE_TO + "')";

  /** The first window a pattern or area search reads, newest first, before doubling. */
  static final Duration FIRST_WINDOW = Duration.ofDays(1);

  private final JdbcClient jdbc;
  private final TransactionTemplate readOnly;
  private final TransactionTemplate readOnlySnapshot;

  public ReadQueries(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    // one snapshot for the windows of one search, so a page is consistent
    this.readOnlySnapshot = new TransactionTemplate(transactions);
    this.readOnlySnapshot.setReadOnly(true);
    this.readOnlySnapshot.setIsolationLevel(TransactionTemplate.ISOLATION_REPEATABLE_READ);
  }

  /**
   * One page of reads matching {@code q}, newest first; {@code variants} are the look-alikes of a
   * full plate when there are few enough to look up one by one, else null. See
   * {@link org.glassplate.server.reads.Reads#search}.
   */
  public List<PlateRead> search(ReadSearch q, List<String> variants) {
    StringBuilder sql = new StringBuilder("""
        SELECT id, camera_id, plate, state, captured_at, lat, lon, confidence, vehicle_make, vehicle_color,
               vehicle_type
        FROM plate_read WHERE captured_at >= :from AND captured_at < :to""");
    PlateQuery p = q.plate();
    if (p.exact() && !p.lookAlike()) {
      sql.append(" AND plate = :plate");
    } else if (variants != null) {
      sql.append(" AND plate IN (:variants)");
    } else if (!p.matchesEverything()) {
      // Inlined, not bound: a LIKE pattern the planner can see lets it pick the trigram index.
      // Safe: only A-Z, 0-9, % and _ can be in it (checked again here).
      String canonical = p.like(true);
      requireLikeSafe(canonical);
      sql.append(" AND ").append(CANONICAL_PLATE).append(p.exact() ? " = '" : " LIKE '").append(canonical).append('\'');
      if (!p.lookAlike()) {
        String like = p.like(false);
        requireLikeSafe(like);
        sql.append(" AND plate LIKE '").append(like).append('\'');
      }
    }
    if (q.cameras() != null) {
      sql.append(" AND camera_id IN (:cameras)");
    }
    if (q.area() != null) {
      sql.append(" AND lat BETWEEN :south AND :north AND lon BETWEEN :west AND :east");
    }
    sql.append(" ORDER BY captured_at DESC, id DESC LIMIT :limit");
    List<String> lookups = variants;
    // A full plate (or a few look-alike variants) is one walk down (plate, captured_at). Anything the
    // trigram or camera index answers is read newest day first, in windows that double, until the
    // page is full: the newest reads of a common pattern are found without fetching a month of them.
    boolean byPlateIndex = p.exact() && (!p.lookAlike() || lookups != null);
    return (byPlateIndex ? readOnly : readOnlySnapshot).execute(status -> {
      // A plate lookup is the same statement every time: its generic plan prunes partitions when it
      // runs and saves planning a month of partitions each time. A pattern or area is planned for
      // what it is (the trigram or the camera index). A runaway query is cut off.
      jdbc.sql("SELECT set_config('plan_cache_mode', :mode, true), set_config('statement_timeout', '10s', true)")
          .param("mode", byPlateIndex ? "force_generic_plan" : "force_custom_plan").query().singleRow();
      int need = q.offset() + q.limit();
      List<PlateRead> out = new ArrayList<>();
      Instant hi = q.to();
      Duration span = byPlateIndex ? Duration.between(q.from(), q.to()) : FIRST_WINDOW;
      while (hi.isAfter(q.from()) && out.size() < need) {
        Instant lo = hi.minus(span).isBefore(q.from()) ? q.from() : hi.minus(span);
        JdbcClient.StatementSpec st = jdbc.sql(sql.toString())
            .param("from", Timestamp.from(lo)).param("to", Timestamp.from(hi)).param("limit", need - out.size());
        if (p.exact() && !p.lookAlike()) {
          st = st.param("plate", p.pattern());
        }
        if (lookups != null) {
          st = st.param("variants", lookups);
        }
        if (q.cameras() != null) {
          st = st.param("cameras", new ArrayList<>(q.cameras()));
        }
        if (q.area() != null) {
          st = st.param("south", q.area().south()).param("north", q.area().north())
              .param("west", q.area().west()).param("east", q.area().east());
        }
        out.addAll(st.query(ReadQueries::read).list());
        hi = lo;
        span = span.multipliedBy(2);
      }
      return out.size() <= q.offset() ? List.<PlateRead>of() : List.copyOf(out.subList(q.offset(), out.size()));
    });
  }

  private static void requireLikeSafe(String like) {
    if (!like.matches("[A-Z0-9%_]{1,15}")) {
      throw new IllegalStateException("unexpected character in a plate pattern");
    }
  }

  static PlateRead read(ResultSet rs, int n) throws SQLException {
    return new PlateRead(rs.getLong("id"), rs.getLong("camera_id"), new PlateNumber(rs.getString("plate")),
        new StateCode(rs.getString("state").trim()), rs.getTimestamp("captured_at").toInstant(),
        (Double) rs.getObject("lat"), (Double) rs.getObject("lon"), (Double) rs.getObject("confidence"),
        new PlateRead.Vehicle(rs.getString("vehicle_make"), rs.getString("vehicle_color"),
            rs.getString("vehicle_type")));
  }

  public long countCapturedSince(Instant since) {
    return jdbc.sql("SELECT count(*) FROM plate_read WHERE captured_at >= :since")
        .param("since", Timestamp.from(since)).query(Long.class).single();
  }

  public Map<LocalDate, Long> countPerDay(Instant since) {
    Map<LocalDate, Long> out = new TreeMap<>();
    jdbc.sql("""
            SELECT (captured_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n
            FROM plate_read WHERE captured_at >= :since GROUP BY 1""")
        .param("since", Timestamp.from(since))
        .query((rs, i) -> out.put(rs.getObject("day", LocalDate.class), rs.getLong("n"))).list();
    return out;
  }

  /** One index probe per camera (on {@code (camera_id, captured_at)}), so it stays cheap however many reads there are. */
  public Optional<Instant> oldestCapture() {
    Timestamp t = jdbc.sql("""
            SELECT min(m) FROM (
              SELECT (SELECT min(r.captured_at) FROM plate_read r WHERE r.camera_id = c.id) AS m FROM camera c) x""")
        .query(Timestamp.class).optional().orElse(null);
    return Optional.ofNullable(t).map(Timestamp::toInstant);
  }

  public Map<Long, Instant> capturedAt(Collection<Long> ids) {
    Map<Long, Instant> out = new HashMap<>();
    jdbc.sql("SELECT id, captured_at FROM plate_read WHERE id = ANY(:ids)")
        .param("ids", ids.toArray(new Long[0]))
        .query((rs, n) -> out.put(rs.getLong("id"), rs.getTimestamp("captured_at").toInstant())).list();
    return out;
  }

  /** The stored reads of {@code ids}, newest first (by the id index; a purged read is absent). */
  public List<PlateRead> byIds(Collection<Long> ids) {
    return jdbc.sql("""
            SELECT id, camera_id, plate, state, captured_at, lat, lon, confidence, vehicle_make, vehicle_color,
                   vehicle_type
            FROM plate_read WHERE id = ANY(:ids) ORDER BY captured_at DESC, id DESC""")
        .param("ids", ids.toArray(new Long[0])).query(ReadQueries::read).list();
  }

  public long countAll() {
    return jdbc.sql("SELECT count(*) FROM plate_read").query(Long.class).single();
  }
}
