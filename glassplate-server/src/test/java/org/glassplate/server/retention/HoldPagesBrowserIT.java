package org.glassplate.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.support.Chromium;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.core.Roles;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Legal holds in a real browser (headless Chromium, issue 6, R-RET-2): an investigator signed in
 * with password and TOTP asks for a hold from the search results page; a supervisor, signed in the
 * same way, sees it pending on /holds and approves it. Skipped where Chromium is not installed, except under CI=true, where it fails.
 */
class HoldPagesBrowserIT extends IntegrationTest {
  private static final AtomicInteger N = new AtomicInteger();

  @Autowired
  AccountSeeder seeder;
  @Autowired
  Cameras cameras;

  @Test
  void anInvestigatorAsksForAHoldOnSearchResultsAndAnotherSupervisorApprovesIt() throws Exception {
    int n = N.incrementAndGet();
    AccountSeeder.SeededUser ivy = seeder.seed(AccountSeeder.Spec.of("hold-ivy-" + n, "Ivy Holds", Roles.INVESTIGATOR));
    AccountSeeder.SeededUser sam = seeder.seed(AccountSeeder.Spec.of("hold-sam-" + n, "Sam Holds", Roles.SUPERVISOR));
    Camera.WithToken cam = cameras.register("Hold page cam " + n, 43.3, -71.3, 0);
    String plate = "HP" + (4000 + n) + "K";
    java.time.Instant capturedAt = clock.instant().minus(Duration.ofHours(1));
    Answer ingested = post("/api/v1/reads", cam.token(), """
        {"reads":[{"plate":"%s","state":"CA","capturedAt":"%s"},{"plate":"%s","state":"CA","capturedAt":"%s"}]}"""
        .formatted(plate, capturedAt, plate, capturedAt.plusSeconds(2))); // two passes (one read twice is stored once)
    assertThat(ingested.json().path("accepted").intValue()).as(ingested.body()).isEqualTo(2);
    long mark = jdbc.sql("SELECT coalesce(max(id), 0) FROM retention_grant").query(Long.class).single();

    long grant;
    WebDriver investigator = Chromium.start(1200, 900);
    try {
      Chromium.signIn(investigator, baseUrl(), ivy, clock);
      investigator.get(baseUrl() + "/search");
      investigator.findElement(By.name("caseNumber")).sendKeys("2026-004411");
      new Select(investigator.findElement(By.name("offense"))).selectByValue("ROBBERY");
      investigator.findElement(By.name("reason")).sendKeys("armed robbery at 5th and Main, suspect vehicle seen leaving");
      investigator.findElement(By.name("query")).sendKeys(plate);
      investigator.findElement(By.id("search-button")).click();
      WebElement holdForm = new WebDriverWait(investigator, Duration.ofSeconds(10))
          .until(ExpectedConditions.presenceOfElementLocated(By.id("hold-form")));
      assertThat(holdForm.getText()).contains("Ask for a legal hold on these 2 reads", "at most 365 days");
      holdForm.findElement(By.name("reason")).sendKeys("robbery: keep the sightings for the trial");
      Chromium.screenshot(investigator, "hold-request-form");
      holdForm.findElement(By.id("hold-button")).click();
      WebElement message = new WebDriverWait(investigator, Duration.ofSeconds(10))
          .until(ExpectedConditions.presenceOfElementLocated(By.id("message")));
      assertThat(message.getText()).contains("A supervisor other than you must approve it");
      Matcher id = Pattern.compile("Legal hold #(\\d+) requested for 2 reads").matcher(message.getText());
      assertThat(id.find()).as(message.getText()).isTrue();
      grant = Long.parseLong(id.group(1));
      Chromium.screenshot(investigator, "hold-requested");
    } finally {
      investigator.quit();
    }
    assertThat(grant).isGreaterThan(mark);
    assertThat(status(grant)).isEqualTo("PENDING");

    WebDriver supervisor = Chromium.start(1200, 900);
    try {
      Chromium.signIn(supervisor, baseUrl(), sam, clock);
      supervisor.findElement(By.cssSelector("nav a[href$='/holds']")).click();
      WebElement row = new WebDriverWait(supervisor, Duration.ofSeconds(10))
          .until(ExpectedConditions.presenceOfElementLocated(By.id("grant-" + grant)));
      assertThat(row.getAttribute("data-status")).isEqualTo("PENDING");
      assertThat(row.getText()).contains("legal hold", "pending", "2026-004411", "robbery: keep the sightings");
      Chromium.screenshot(supervisor, "holds-pending");
      row.findElement(By.id("approval-" + grant)).click();
      WebElement message = new WebDriverWait(supervisor, Duration.ofSeconds(10))
          .until(ExpectedConditions.presenceOfElementLocated(By.id("message")));
      assertThat(message.getText()).isEqualTo("Legal hold #" + grant + " approved.");
      assertThat(supervisor.findElement(By.id("grant-" + grant)).getAttribute("data-status")).isEqualTo("ACTIVE");
      assertThat(supervisor.findElement(By.id("grant-" + grant)).findElements(By.id("end-" + grant))).hasSize(1);
      Chromium.screenshot(supervisor, "holds-approved");
    } finally {
      supervisor.quit();
    }

    assertThat(status(grant)).isEqualTo("ACTIVE");
    assertThat(jdbc.sql("SELECT count(*) FROM retention_grant_read WHERE grant_id = :g").param("g", grant)
        .query(Long.class).single()).isEqualTo(2);
    JsonNode requested = audited(AuditEventTypes.LEGAL_HOLD_REQUESTED).stream()
        .filter(e -> e.path("grantId").longValue() == grant).findFirst().orElseThrow();
    assertThat(requested.path("readCount").intValue()).isEqualTo(2);
    assertThat(requested.toString()).doesNotContain("2026-004411", "keep the sightings", plate);
    assertThat(audited(AuditEventTypes.LEGAL_HOLD_APPROVED)).anySatisfy(e -> assertThat(e.path("grantId").longValue()).isEqualTo(grant));
  }

  private String status(long grant) {
    return jdbc.sql("SELECT status FROM retention_grant WHERE id = :id").param("id", grant).query(String.class).single();
  }
}
