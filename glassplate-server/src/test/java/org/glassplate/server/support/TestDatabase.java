package org.glassplate.server.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One real PostgreSQL per test JVM, a fresh database per Spring context. The embedded zonky
 * PostgreSQL 15 by default; the server at {@code GLASSPLATE_TEST_DB_URL} (a JDBC URL to a database
 * whose user may CREATE DATABASE, with GLASSPLATE_TEST_DB_USER / _PASSWORD) when set.
 */
public final class TestDatabase {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres embedded;

  private TestDatabase() {
  }

  /** Server address (without database) and credentials. */
  public record Server(String baseUrl, String user, String password) {
    public String url(String database) {
      return baseUrl + database + "?logServerErrorDetail=false";
    }
  }

  public static synchronized Server server() {
    String external = System.getenv("GLASSPLATE_TEST_DB_URL");
    if (external != null && !external.isBlank()) {
      String base = external.substring(0, external.lastIndexOf('/') + 1);
      return new Server(base, env("GLASSPLATE_TEST_DB_USER", "postgres"), env("GLASSPLATE_TEST_DB_PASSWORD", ""));
    }
    if (embedded == null) {
      try {
        embedded = EmbeddedPostgres.builder()
            .setDataDirectory(Files.createTempDirectory("gp-test-pg"))
            .setCleanDataDirectory(true)
            .setServerConfig("fsync", "off")
            .setServerConfig("max_connections", "300")
            .setRegisterShutdownHook(false) // stopped by the handler below, after the contexts
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // Stopped after Spring Boot has closed the test contexts, not in parallel with them: a context
      // still writes while it stops (the audit log records the server's stop and drains its sequencer).
      org.springframework.boot.SpringApplication.getShutdownHandlers().add(TestDatabase::stopEmbedded);
      // A test JVM that never started a Spring context (e.g. only LauncherIT's serve --db-url test) has
      // no Spring shutdown hook to run that handler: stop the server with a plain hook then.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        if (!springContextStarted) {
          stopEmbedded();
        }
      }, "test-database-stop"));
    }
    return new Server("jdbc:postgresql://localhost:" + embedded.getPort() + "/", "postgres", "");
  }

  private static volatile boolean springContextStarted;

  private static synchronized void stopEmbedded() {
    if (embedded == null) {
      return;
    }
    try {
      embedded.close();
    } catch (IOException ignored) {
      // the JVM is going away
    }
  }

  /** Creates an empty database and returns its JDBC URL. */
  public static String newDatabase() {
    Server s = server();
    String name = "gp_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = DriverManager.getConnection(s.url("postgres"), s.user(), s.password());
         Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database", e);
    }
    return s.url(name);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null ? fallback : v;
  }

  /** Points a Spring test context at a fresh database and a fresh data directory. */
  public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext ctx) {
      springContextStarted = true;
      Server s = server();
      try {
        TestPropertyValues.of(
            "spring.datasource.url=" + newDatabase(),
            "spring.datasource.username=" + s.user(),
            "spring.datasource.password=" + s.password(),
            "glassplate.data-dir=" + Files.createTempDirectory("gp-test-data")).applyTo(ctx);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
