package org.glassplate.server.reads.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.glassplate.server.reads.Camera;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of table {@code camera}. Runs in the caller's transaction. */
@Repository
public class CameraStore {
  private static final String SELECT = "SELECT id, name, lat, lon, heading, active FROM camera";

  private final JdbcClient jdbc;

  public CameraStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts an active camera with its hashed credential; returns its id. */
  public long insert(String name, double lat, double lon, Integer heading, byte[] tokenHash) {
    return jdbc.sql("""
            INSERT INTO camera (name, lat, lon, heading, active, token_hash)
            VALUES (:name, :lat, :lon, :heading, true, :hash) RETURNING id""")
        .param("name", name).param("lat", lat).param("lon", lon).param("heading", heading)
        .param("hash", tokenHash)
        .query(Long.class).single();
  }

  public List<Camera> all() {
    return jdbc.sql(SELECT + " ORDER BY id").query(CameraStore::camera).list();
  }

  public Optional<Camera> find(long id) {
    return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(CameraStore::camera).optional();
  }

  public int countActive() {
    return jdbc.sql("SELECT count(*) FROM camera WHERE active").query(Integer.class).single();
  }

  public void setActive(long id, boolean active) {
    jdbc.sql("UPDATE camera SET active = :active WHERE id = :id").param("active", active).param("id", id).update();
  }

  public Optional<Camera> byTokenHash(byte[] hash) {
    return jdbc.sql(SELECT + " WHERE token_hash = :hash").param("hash", hash).query(CameraStore::camera).optional();
  }

  private static Camera camera(ResultSet rs, int n) throws SQLException {
    return new Camera(rs.getLong("id"), rs.getString("name"), rs.getDouble("lat"), rs.getDouble("lon"),
        (Integer) rs.getObject("heading"), rs.getBoolean("active"));
  }
}
