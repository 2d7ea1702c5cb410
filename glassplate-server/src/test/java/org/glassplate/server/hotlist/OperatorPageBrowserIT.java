package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.core.Roles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator page in a real browser (headless Chromium through the system chromedriver): a
 * signed-in operator sees a new alert appear without a reload, with the read, the entry's reason
 * and the "verify before action" banner, stronger for a look-alike hit; and records a verification
 * from the page; and a supervisor imports a CSV file of more than one part with the progress bar
 * and the rejected rows on the import page. Skipped where Chromium is not installed on a developer's
 * machine; fails under CI=true (Chromium.requireInstalled).
 */
class OperatorPageBrowserIT extends HotlistTestSupport {

  @BeforeAll
  static void chromium() throws Exception {
    org.glassplate.server.support.Chromium.requireInstalled();
  }

  private static WebDriver browser() throws Exception {
    return org.glassplate.server.support.Chromium.start(1200, 900);
  }

  private static void screenshot(WebDriver driver, String name) throws Exception {
    org.glassplate.server.support.Chromium.screenshot(driver, name);
  }

  private void signIn(WebDriver driver, AccountSeeder.SeededUser u) throws Exception {
    org.glassplate.server.support.Chromium.signIn(driver, baseUrl(), u, clock);
  }

  /** Signs in, opens the alerts page, waits until its stream is live, and marks the document. */
  private void openAlertsPage(WebDriver driver, AccountSeeder.SeededUser op, WebDriverWait wait) throws Exception {
    signIn(driver, op);
    driver.get(baseUrl() + "/operator/alerts");
    wait.until(ExpectedConditions.attributeToBe(By.id("stream-status"), "data-state", "live"));
    ((JavascriptExecutor) driver).executeScript("window.__sameDocument = 'yes';");
  }

  @Test
  void theOperatorPageShowsANewAlertWithoutAReload() throws Exception {
    AccountSeeder.SeededUser op = seeder.seed(AccountSeeder.Spec.of("hl-browser-" + PEOPLE.incrementAndGet(),
        "Olga Operator", Roles.OPERATOR));
    String cam = camera();
    String plate = plate("BR");
    long list = createList(supervisor, "Browser list", "local");
    approve(supervisor, list, addEntry(operator, list, plate, "CA", "stolen_vehicle", inDays(1)).path("id").longValue());
    String lookAlikeEntry = "B" + plate("LA").substring(1).replace('B', 'K');
    approve(supervisor, list, addEntry(operator, list, lookAlikeEntry, null, "amber_alert", inDays(1)).path("id").longValue());
    WebDriver driver = browser();
    try {
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
      openAlertsPage(driver, op, wait);

      read(cam, plate, "CA");
      read(cam, "8" + lookAlikeEntry.substring(1), "WA");

      WebElement exact = wait.until(ExpectedConditions.presenceOfElementLocated(
          By.xpath("//li[@data-match-kind='exact'][.//span[@class='plate' and text()='" + plate + "']]")));
      WebElement alike = wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("li[data-match-kind='lookalike']")));
      screenshot(driver, "operator-alerts-live");

      assertThat(((JavascriptExecutor) driver).executeScript("return window.__sameDocument;"))
          .as("the page was not reloaded").isEqualTo("yes");
      assertThat(exact.findElement(By.cssSelector(".verify-banner")).getText()).startsWith("Verify before action");
      assertThat(exact.findElement(By.cssSelector(".reason")).getText()).isEqualTo("Stolen vehicle");
      assertThat(exact.findElement(By.cssSelector(".state")).getText()).isEqualTo("CA");
      WebElement strong = alike.findElement(By.cssSelector(".verify-banner"));
      assertThat(strong.getAttribute("class")).contains("strong");
      assertThat(strong.getText()).contains("LOOK-ALIKE");

      exact.findElement(By.cssSelector("input[name=outcome][value=confirmed]")).click();
      exact.findElement(By.cssSelector("form.verify button")).click();
      wait.until(d -> "true".equals(exact.getAttribute("data-verified")));
      assertThat(exact.findElement(By.cssSelector("p.verified")).getText()).startsWith("Verified: Confirmed by Olga Operator");
      long alertId = Long.parseLong(exact.getAttribute("data-alert-id"));
      assertThat(jdbc.sql("SELECT outcome FROM hotlist_alert WHERE id = :id").param("id", alertId)
          .query(String.class).single()).isEqualTo("confirmed");
      screenshot(driver, "operator-alert-verified");
    } finally {
      driver.quit();
    }
  }

  @org.springframework.beans.factory.annotation.Autowired
  AlertStream alertStream;

  @Test
  void aPageThatLostItsStreamSaysSoAndGetsTheAlertsItMissedOnceBack() throws Exception {
    AccountSeeder.SeededUser op = seeder.seed(AccountSeeder.Spec.of("hl-resume-" + PEOPLE.incrementAndGet(),
        "Rae Resume", Roles.OPERATOR));
    String cam = camera();
    String plate = plate("RS");
    long list = createList(supervisor, "Resume list", "local");
    approve(supervisor, list, addEntry(operator, list, plate, "CA", "stolen_vehicle", inDays(1)).path("id").longValue());
    WebDriver driver = browser();
    try {
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
      openAlertsPage(driver, op, wait);

      // the server restarts (its streams end) and the page's session is gone with it
      java.util.Set<org.openqa.selenium.Cookie> cookies = driver.manage().getCookies();
      driver.manage().deleteAllCookies();
      alertStream.stop();
      alertStream.start();
      wait.until(ExpectedConditions.attributeToBe(By.id("stream-status"), "data-state", "disconnected"));
      assertThat(driver.findElement(By.id("stream-status")).getText()).startsWith("Disconnected: no live alerts");
      screenshot(driver, "operator-alerts-disconnected");

      read(cam, plate, "CA"); // a hit while the page is not connected

      cookies.forEach(c -> driver.manage().addCookie(c)); // signed in again
      WebElement missed = wait.until(ExpectedConditions.presenceOfElementLocated(
          By.xpath("//li[.//span[@class='plate' and text()='" + plate + "']]")));
      wait.until(ExpectedConditions.attributeToBe(By.id("stream-status"), "data-state", "live"));
      assertThat(missed.findElement(By.cssSelector(".verify-banner")).getText()).startsWith("Verify before action");
      assertThat(((JavascriptExecutor) driver).executeScript("return window.__sameDocument;"))
          .as("the page was not reloaded").isEqualTo("yes");
    } finally {
      driver.quit();
    }
  }

  @Test
  void theImportPageSendsALongFileInPartsWithAProgressBarAndListsRejectedRows() throws Exception {
    AccountSeeder.SeededUser sup = seeder.seed(AccountSeeder.Spec.of("hl-import-" + PEOPLE.incrementAndGet(),
        "Sam Supervisor", Roles.SUPERVISOR));
    long list = createList(supervisor, "Browser import " + PEOPLE.incrementAndGet(), "state");
    Path csv = Files.createTempFile("extract", ".csv");
    StringBuilder sb = new StringBuilder("LIC,ST,EXP\n");
    int rows = 120_000; // about 2.5 MiB: two parts
    for (int i = 0; i < rows; i++) {
      String plate = i == 500 ? "" : i == 90_000 ? "BAD#1" : "W" + Integer.toString(i, 36).toUpperCase();
      sb.append(plate).append(",CA,2099-12-31\n");
    }
    Files.writeString(csv, sb);
    WebDriver driver = browser();
    try {
      signIn(driver, sup);
      driver.get(baseUrl() + "/hotlists/import");
      new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("list"))).selectByValue(Long.toString(list));
      driver.findElement(By.id("col-plate")).clear();
      driver.findElement(By.id("col-plate")).sendKeys("LIC");
      driver.findElement(By.id("col-state")).clear();
      driver.findElement(By.id("col-state")).sendKeys("ST");
      driver.findElement(By.id("col-expiresAt")).clear();
      driver.findElement(By.id("col-expiresAt")).sendKeys("EXP");
      new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("default-reason"))).selectByValue("stolen_vehicle");
      driver.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
      driver.findElement(By.id("start")).click();

      // a state list's import waits for a second supervisor; the page keeps watching until it is approved
      new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.attributeToBe(
          By.id("import-status"), "data-status", "AWAITING_APPROVAL"));
      assertThat(jdbc.sql("SELECT count(*) FROM hotlist_entry e JOIN hotlist l ON l.id = e.list_id"
          + " WHERE e.list_id = :l AND e.generation = l.generation").param("l", list).query(Long.class).single())
          .as("nothing matches before the approval").isZero();
      long job = jdbc.sql("SELECT id FROM hotlist_import WHERE list_id = :l").param("l", list).query(Long.class).single();
      Answer approved = post("/api/v1/hotlists/" + list + "/imports/" + job + "/approval", supervisor, "{}");
      assertThat(approved.status()).as(approved.body()).isEqualTo(202);
      new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.attributeToBe(
          By.id("import-status"), "data-status", "DONE"));
      screenshot(driver, "hotlist-import-done");

      assertThat(driver.findElement(By.id("progress")).getAttribute("value")).isEqualTo("1");
      assertThat(driver.findElement(By.id("import-status")).getText())
          .contains(rows + " rows read", (rows - 2) + " accepted", "2 rejected");
      var errorRows = driver.findElements(By.cssSelector("#errors tbody tr"));
      assertThat(errorRows).extracting(WebElement::getText)
          .containsExactly("502 LIC plate is required", "90002 LIC plate may contain only letters A-Z, digits, spaces, dashes and dots");
      assertThat(jdbc.sql("SELECT count(*) FROM hotlist_entry WHERE list_id = :l AND status = 'ACTIVE'").param("l", list)
          .query(Long.class).single()).isEqualTo(rows - 2);
      assertThat(jdbc.sql("SELECT count(*) FROM hotlist_import WHERE list_id = :l AND received_bytes > 0")
          .param("l", list).query(Long.class).single()).isEqualTo(1);
    } finally {
      driver.quit();
      Files.deleteIfExists(csv);
    }
  }
}
