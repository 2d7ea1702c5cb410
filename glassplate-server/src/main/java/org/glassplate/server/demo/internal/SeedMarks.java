package org.glassplate.server.demo.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of tables {@code demo_seed} and {@code demo_history}: the markers that the demo agency, and its
 * history, have been seeded. Runs in the caller's transaction.
 */
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

  /**
   * Claims the history of cast {@code castKey}: true the first time, false ever after (whoever claimed it).
   *
   * @param at when, by the application's clock
   */
  public boolean claimHistory(String castKey, java.time.Instant at) {
    return jdbc.sql("INSERT INTO demo_history (cast_key, claimed_at) VALUES (:k, :at) ON CONFLICT DO NOTHING")
        .param("k", castKey).param("at", java.sql.Timestamp.from(at)).update() == 1;
  }
}
