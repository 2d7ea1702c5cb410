package org.glassplate.server.demo.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of table {@code demo_seed}: the marker that the demo agency has been seeded. Runs in the caller's transaction. */
@Repository
public class SeedMarks {
  private final JdbcClient jdbc;

  public SeedMarks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean seeded() {
    return jdbc.sql("SELECT count(*) FROM demo_seed").query(Long.class).single() > 0;
  }

  public void markSeeded() {
    jdbc.sql("INSERT INTO demo_seed (seeded_at) VALUES (now())").update();
  }
}
