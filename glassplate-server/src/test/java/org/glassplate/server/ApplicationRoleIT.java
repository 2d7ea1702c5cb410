package org.glassplate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.reads.ReadPartitions;
import org.glassplate.server.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The whole application on a role that owns no table, the migrations run as the owner (issue 18, as
 * {@code serve --db-url … --db-owner-user …} and the embedded database run it): it ingests reads (making
 * their day's partition), drops a day's partition as a purge does, and appends to the audit log; and that
 * role cannot disable or drop the audit log's triggers. On the embedded PostgreSQL, or the system one in CI.
 */
@SpringBootTest(classes = GlassplateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ApplicationRoleIT.AsApplicationRole.class)
class ApplicationRoleIT {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static volatile String role;

  @LocalServerPort
  int port;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  Cameras cameras;

  @Autowired
  ReadPartitions partitions;

  @Autowired
  TransactionTemplate tx;

  /** A fresh database, migrated by the test server's owner; the application connects as a new login role. */
  static final class AsApplicationRole implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext ctx) {
      TestDatabase.Server s = TestDatabase.server();
      String url = TestDatabase.newDatabase();
      String name = "gp_app_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
      String password = DatabasePasswords.generate();
      try (Connection c = DriverManager.getConnection(s.url("postgres"), s.user(), s.password());
           Statement st = c.createStatement()) {
        st.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create the application's role", e);
      }
      role = name;
      try {
        TestPropertyValues.of(
            "spring.datasource.url=" + url,
            "spring.datasource.username=" + name,
            "spring.datasource.password=" + password,
            "spring.flyway.user=" + s.user(),
            "spring.flyway.password=" + s.password(),
            "glassplate.data-dir=" + Files.createTempDirectory("gp-test-data")).applyTo(ctx);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void runsAsARoleThatCannotDisableOrDropTheAuditTriggers() throws Exception {
    assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo(role);
    assertThat(jdbc.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user")
        .query(Long.class).single()).as("tables the application's role owns").isZero();
    for (String sql : List.of(
        "ALTER TABLE audit_entry DISABLE TRIGGER ALL",
        "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only",
        "DROP TRIGGER audit_entry_append_only ON audit_entry",
        "ALTER TABLE audit_checkpoint DISABLE TRIGGER USER",
        "TRUNCATE audit_entry",
        "DELETE FROM audit_entry",
        "UPDATE flyway_schema_history SET success = false")) {
      assertThatThrownBy(() -> jdbc.sql(sql).update()).as(sql).isInstanceOf(DataAccessException.class);
    }
    assertThat(jdbc.sql("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit_entry'::regclass AND tgenabled = 'O'")
        .query(Long.class).single()).as("audit_entry's triggers, enabled").isEqualTo(2);

    // what the application does need, it can: make the day partitions (on start, by their owner's function),
    // ingest ...
    LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
    assertThat(partitions.days()).as("the day partitions made on start").contains(day, day.plusDays(5));
    Camera.WithToken camera = cameras.register("Role test cam", 36.7, -119.7, 90);
    Instant captured = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(1, ChronoUnit.HOURS);
    HttpResponse<String> ingest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/v1/reads"))
        .header("Authorization", "Bearer " + camera.token()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"reads\":[{\"plate\":\"ROLE123\",\"state\":\"CA\",\"capturedAt\":\""
            + captured + "\"},{\"plate\":\"ROLE124\",\"state\":\"CA\",\"capturedAt\":\"" + captured + "\"}]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(200);
    long keep = jdbc.sql("SELECT id FROM plate_read WHERE plate = 'ROLE123'").query(Long.class).single();

    // ... drop a whole day as a purge does, keeping one read ...
    ReadPartitions.DroppedDay dropped = tx.execute(s -> {
      partitions.lockForPartitionChanges();
      return partitions.dropDay(day, new long[] {keep});
    });
    assertThat(dropped.rowsDropped()).isEqualTo(1);
    assertThat(dropped.rowsKept()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT to_regclass(:n) IS NULL").param("n", ReadPartitions.partitionName(day))
        .query(Boolean.class).single()).isTrue();
    assertThat(jdbc.sql("SELECT plate FROM plate_read WHERE id = :id").param("id", keep).query(String.class).single())
        .isEqualTo("ROLE123");
    // ... make the day again, its kept read moving back into it ...
    assertThat(partitions.ensure(day, day)).isEqualTo(1);
    assertThat(jdbc.sql("SELECT tableoid::regclass::text FROM plate_read WHERE id = :id").param("id", keep)
        .query(String.class).single()).isEqualTo(ReadPartitions.partitionName(day));

    // ... and append to the audit log, which the sequencer integrates and signs
    long audited = jdbc.sql("SELECT count(*) FROM audit_pending").query(Long.class).single()
        + jdbc.sql("SELECT count(*) FROM audit_entry").query(Long.class).single();
    assertThat(audited).as("audit entries of the ingest").isPositive();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (jdbc.sql("SELECT count(*) FROM audit_checkpoint").query(Long.class).single() == 0
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(jdbc.sql("SELECT count(*) FROM audit_checkpoint").query(Long.class).single())
        .as("checkpoints signed by the application's role").isPositive();
  }
}
