package org.glassplate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glassplate.server.support.ServerProcesses.awaitHealthy;
import static org.glassplate.server.support.ServerProcesses.freePort;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glassplate.server.accounts.AccountSeeder.SeededUser;
import org.glassplate.server.support.Chromium;
import org.glassplate.server.support.JarProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser sign-in survives a restart of the server (issue 11, R-ACC-5): the launcher jar runs as a
 * process, a person signs in with password and TOTP in real Chromium, the server is stopped with
 * SIGTERM and started again on the same data directory and port, and the same browser is still
 * signed in. The session's limits still hold after the restart: the stored session expires after 30
 * idle minutes (the SessionGuard's own idle and absolute limits, by the app clock, are in SignInIT).
 */
class SignInSurvivesRestartIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir
  Path data;

  @RegisterExtension
  final JarProcesses processes = new JarProcesses("sign-in-restart-it");

  @Test
  void aSignedInBrowserIsStillSignedInAfterARestartUntilItsSessionIdles() throws Exception {
    WebDriver driver = Chromium.start(1200, 900); // skips the test where Chromium is not installed
    try {
      int port = freePort();
      String base = "http://localhost:" + port;
      Process first = demo(port);
      awaitHealthy(port, Duration.ofSeconds(180));
      SeededUser person = demoUser("investigator");

      Chromium.signIn(driver, base, person, Clock.systemUTC());
      String whoami = driver.findElement(By.id("whoami")).getText();
      assertThat(whoami).contains("INVESTIGATOR");

      first.destroy(); // SIGTERM
      assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
      demo(port);
      awaitHealthy(port, Duration.ofSeconds(180));

      driver.get(base + "/");
      assertThat(driver.findElements(By.id("home"))).as("still signed in after the restart").hasSize(1);
      assertThat(driver.getCurrentUrl()).isEqualTo(base + "/");
      assertThat(driver.findElement(By.id("whoami")).getText()).isEqualTo(whoami);
      Chromium.screenshot(driver, "signed-in-after-restart");

      // the session was last used 31 minutes ago: past the idle limit, it is refused
      try (Connection c = database()) {
        try (ResultSet rs = c.createStatement().executeQuery(
            "SELECT count(*), min(max_inactive_interval) FROM spring_session WHERE principal_name IS NOT NULL")) {
          rs.next();
          assertThat(rs.getLong(1)).as("one stored signed-in session").isEqualTo(1);
          assertThat(rs.getInt(2)).as("idle limit in seconds").isEqualTo(30 * 60);
        }
        long idle = Instant.now().minus(Duration.ofMinutes(31)).toEpochMilli();
        c.createStatement().executeUpdate("UPDATE spring_session SET last_access_time = " + idle
            + ", expiry_time = " + idle + " + max_inactive_interval * 1000::bigint");
      }
      driver.get(base + "/");
      new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login"));
      assertThat(driver.findElements(By.id("home"))).isEmpty();
    } finally {
      driver.quit();
    }
  }

  private Process demo(int port) throws IOException {
    return processes.demo(data, port, "--rate", "0", "--history-days", "0");
  }

  /** A demo user from demo-credentials.json, as the browser helper takes it. */
  private SeededUser demoUser(String username) throws IOException {
    JsonNode creds = JSON.readTree(Files.readString(data.resolve("demo-credentials.json")));
    for (JsonNode u : creds.path("users")) {
      if (u.path("username").stringValue().equals(username)) {
        return new SeededUser(0, username, u.path("password").stringValue(), u.path("totpSecret").stringValue(),
            List.of(), null);
      }
    }
    throw new AssertionError("no demo user " + username);
  }

  private Connection database() throws Exception {
    JsonNode info = JSON.readTree(Files.readString(data.resolve("embedded-postgres.json")));
    return DriverManager.getConnection("jdbc:postgresql://" + info.path("host").stringValue() + ":"
        + info.path("port").intValue() + "/" + info.path("database").stringValue(), info.path("user").stringValue(),
        Files.readString(Path.of(info.path("passwordFile").stringValue())).strip());
  }


}
