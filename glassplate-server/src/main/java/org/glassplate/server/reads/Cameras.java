package org.glassplate.server.reads;

import org.glassplate.server.reads.internal.CameraTokens;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The cameras of the agency and their hashed credentials. */
@Repository
public class Cameras {
  private final JdbcClient jdbc;

  Cameras(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Registers a camera; the returned token is the only time the credential is ever visible. */
  public Camera.WithToken register(String name, double lat, double lon, Integer heading) {
    new Camera(1, name, lat, lon, heading, true); // validates before anything is written
    String token = CameraTokens.generate();
    long id = jdbc.sql("""
            INSERT INTO camera (name, lat, lon, heading, active, token_hash)
            VALUES (:name, :lat, :lon, :heading, true, :hash) RETURNING id""")
        .param("name", name).param("lat", lat).param("lon", lon).param("heading", heading)
        .param("hash", CameraTokens.hash(token))
        .query(Long.class).single();
    return new Camera.WithToken(new Camera(id, name, lat, lon, heading, true), token);
  }

  public List<Camera> all() {
    return jdbc.sql("SELECT id, name, lat, lon, heading, active FROM camera ORDER BY id")
        .query((rs, n) -> new Camera(rs.getLong("id"), rs.getString("name"), rs.getDouble("lat"),
            rs.getDouble("lon"), (Integer) rs.getObject("heading"), rs.getBoolean("active")))
        .list();
  }

  public Optional<Camera> find(long id) {
    return jdbc.sql("SELECT id, name, lat, lon, heading, active FROM camera WHERE id = :id").param("id", id)
        .query((rs, n) -> new Camera(rs.getLong("id"), rs.getString("name"), rs.getDouble("lat"),
            rs.getDouble("lon"), (Integer) rs.getObject("heading"), rs.getBoolean("active")))
        .optional();
  }

  public int countActive() {
    return jdbc.sql("SELECT count(*) FROM camera WHERE active").query(Integer.class).single();
  }

  public void setActive(long id, boolean active) {
    jdbc.sql("UPDATE camera SET active = :active WHERE id = :id").param("active", active).param("id", id).update();
  }

  Optional<Camera> byTokenHash(byte[] hash) {
    return jdbc.sql("SELECT id, name, lat, lon, heading, active FROM camera WHERE token_hash = :hash")
        .param("hash", hash)
        .query((rs, n) -> new Camera(rs.getLong("id"), rs.getString("name"), rs.getDouble("lat"),
            rs.getDouble("lon"), (Integer) rs.getObject("heading"), rs.getBoolean("active")))
        .optional();
  }
}
