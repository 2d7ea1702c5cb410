package org.glassplate.server.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.audit.AuditLog;
import org.glassplate.server.core.Roles;
import org.glassplate.server.support.Chromium;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, the public page in a real browser: searches refused for a prohibited purpose are counted
 * apart from searches refused for a typing mistake, on the page and in its JSON twin.
 */
class TransparencyRefusalsBrowserIT extends IntegrationTest {
  @Autowired
  AccountSeeder seeder;
  @Autowired
  AuditLog auditLog;
  @Autowired
  TransparencyReport report;

  /** Waits until the sequencer has signed everything recorded so far (the counts come from the signed log). */
  private void awaitSigned() throws InterruptedException {
    Instant until = Instant.now().plusSeconds(20);
    long total;
    do {
      Thread.sleep(200);
      total = jdbc.sql("SELECT count(*) FROM audit_pending").query(Long.class).single()
          + jdbc.sql("SELECT count(*) FROM audit_entry").query(Long.class).single();
    } while (auditLog.size() < total && Instant.now().isBefore(until));
  }

  private static long figure(WebDriver driver, String path) {
    return Long.parseLong(driver.findElement(By.cssSelector("[data-figure='" + path + "']")).getText().replace(",", ""));
  }

  private Answer search(String token, String reason, String caseNumber, Instant from) {
    return post("/api/v1/searches", token, """
        {"plate":"7ABC123","from":"%s","to":"%s","caseNumber":"%s","offense":"ROBBERY","reason":"%s"}"""
        .formatted(from, from.plus(Duration.ofHours(2)), caseNumber, reason));
  }

  @Test
  void refusalsForAProhibitedPurposeAreCountedApartFromTypingMistakes() throws Exception {
    String ivy = seeder.seed(AccountSeeder.Spec.of("tp-refusals-" + System.nanoTime() % 100_000, "Ivy Counts",
        Roles.INVESTIGATOR)).apiToken();
    awaitSigned();
    WebDriver driver = Chromium.start(1280, 1000);
    try {
      report.forgetFigures(); // figures computed afresh, none left from another test
      driver.get(baseUrl() + "/transparency");
      long prohibited = figure(driver, "searches.refusedForProhibitedPurposeLast30Days");
      long mistakes = figure(driver, "searches.refusedForMistakeLast30Days");
      long refused = figure(driver, "searches.refusedLast30Days");

      Instant now = clock.instant();
      assertThat(search(ivy, "ICE detainer", "TP-2026-0101", now.minus(Duration.ofHours(3))).status()).isEqualTo(403);
      assertThat(search(ivy, "armed robbery on Main", "", now.minus(Duration.ofHours(3))).status()).isEqualTo(422);
      assertThat(search(ivy, "armed robbery on Main", "TP-2026-0102", now.plus(Duration.ofDays(2))).status())
          .as("a window wholly in the future").isEqualTo(422);
      awaitSigned();

      report.forgetFigures(); // the page's 30-day figures are kept up to a minute
      driver.get(baseUrl() + "/transparency");
      assertThat(figure(driver, "searches.refusedForProhibitedPurposeLast30Days")).isEqualTo(prohibited + 1);
      assertThat(figure(driver, "searches.refusedForMistakeLast30Days")).isEqualTo(mistakes + 2);
      assertThat(figure(driver, "searches.refusedLast30Days")).isEqualTo(refused + 3);
      assertThat(driver.findElement(By.id("refused-prohibited")).getText()).contains("for a prohibited purpose");
      assertThat(driver.findElement(By.id("refused-mistake")).getText()).contains("for a typing mistake");
      assertThat(driver.findElement(By.id("refused-reasons")).getText())
          .contains("a prohibited purpose", "no case number", "a window wholly in the future");
      JsonNode twin = get("/transparency.json", null).json().path("searches");
      assertThat(twin.path("refusedForProhibitedPurposeLast30Days").longValue()).isEqualTo(prohibited + 1);
      assertThat(twin.path("refusedForMistakeLast30Days").longValue()).isEqualTo(mistakes + 2);
      assertThat(twin.path("refusedLast30Days").longValue()).as("the existing field stays").isEqualTo(refused + 3);
      driver.findElement(By.id("refused-kinds"));
      Chromium.screenshot(driver, "transparency-refusals-desktop");
    } finally {
      driver.quit();
    }
  }
}
