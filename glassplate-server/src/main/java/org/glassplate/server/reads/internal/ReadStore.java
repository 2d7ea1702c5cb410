package org.glassplate.server.reads.internal;

import org.glassplate.server.reads.PlateRead;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes reads in bulk: one statement per batch that unnests column arrays, which PostgreSQL routes
 * to the day partitions. A read already stored (same camera, plate, state and capture time: the
 * unique index {@code plate_read_once}) is skipped, so a re-sent batch or file stores nothing twice.
 * Runs in the caller's transaction.
 */
@Repository
public class ReadStore {
  private final JdbcTemplate jdbc;

  public ReadStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts the reads that are not stored yet and returns those, with their new ids, in the same
   * order; a read already stored, or a second copy of one in {@code reads}, is left out.
   */
  public List<PlateRead> insert(List<PlateRead> reads, Instant receivedAt) {
    if (reads.isEmpty()) {
      return List.of();
    }
    return jdbc.execute((ConnectionCallback<List<PlateRead>>) con -> {
      long[] ids = nextIds(con, reads.size());
      int n = reads.size();
      Long[] id = new Long[n];
      Long[] camera = new Long[n];
      String[] plate = new String[n];
      String[] state = new String[n];
      Timestamp[] captured = new Timestamp[n];
      Double[] lat = new Double[n];
      Double[] lon = new Double[n];
      Double[] confidence = new Double[n];
      String[] make = new String[n];
      String[] color = new String[n];
      String[] type = new String[n];
      List<PlateRead> stored = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        PlateRead r = reads.get(i);
        id[i] = ids[i];
        camera[i] = r.cameraId();
        plate[i] = r.plate().value();
        state[i] = r.state().value();
        captured[i] = Timestamp.from(r.capturedAt());
        lat[i] = r.lat();
        lon[i] = r.lon();
        confidence[i] = r.confidence();
        make[i] = r.vehicle().make();
        color[i] = r.vehicle().color();
        type[i] = r.vehicle().type();
        stored.add(new PlateRead(ids[i], r.cameraId(), r.plate(), r.state(), r.capturedAt(), r.lat(), r.lon(),
            r.confidence(), r.vehicle()));
      }
      try (PreparedStatement ps = con.prepareStatement("""
          INSERT INTO plate_read (id, camera_id, plate, state, captured_at, lat, lon, confidence,
                                  vehicle_make, vehicle_color, vehicle_type, received_at)
          SELECT u.*, ? FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::timestamptz[],
                                    ?::float8[], ?::float8[], ?::float8[], ?::text[], ?::text[], ?::text[]) AS u
          ON CONFLICT (plate, captured_at, camera_id, state) DO NOTHING
          RETURNING id""")) {
        ps.setTimestamp(1, Timestamp.from(receivedAt));
        Array[] arrays = {
            con.createArrayOf("bigint", id), con.createArrayOf("bigint", camera), con.createArrayOf("text", plate),
            con.createArrayOf("text", state), con.createArrayOf("timestamptz", captured),
            con.createArrayOf("float8", lat), con.createArrayOf("float8", lon), con.createArrayOf("float8", confidence),
            con.createArrayOf("text", make), con.createArrayOf("text", color), con.createArrayOf("text", type)};
        for (int i = 0; i < arrays.length; i++) {
          ps.setArray(i + 2, arrays[i]);
        }
        java.util.Set<Long> inserted = new java.util.HashSet<>(n * 2);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            inserted.add(rs.getLong(1));
          }
        }
        if (inserted.size() < n) {
          stored.removeIf(r -> !inserted.contains(r.id()));
        }
      }
      return stored;
    });
  }

  private static long[] nextIds(Connection con, int n) throws java.sql.SQLException {
    long[] ids = new long[n];
    try (PreparedStatement ps = con.prepareStatement(
        "SELECT nextval('plate_read_id_seq') FROM generate_series(1, ?)")) {
      ps.setInt(1, n);
      try (ResultSet rs = ps.executeQuery()) {
        int i = 0;
        while (rs.next()) {
          ids[i++] = rs.getLong(1);
        }
      }
    }
    return ids;
  }
}
