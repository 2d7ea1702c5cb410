package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Roles;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.support.Chromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator's alert form in a real browser (issue 13, "Alerts"): no outcome is chosen for the
 * operator, and the form is refused (nothing recorded) until one is; a misread or "other" is refused
 * without a note, the field marked and focused. Once verified the card folds to one line naming the
 * verifier (their name, never {@code user:<n>}) and the note. Each card names the camera and where the
 * plate was seen, the local time and how long ago; repeat hits on one plate are one group, new ones
 * join it from the stream; the unverified filter leaves out what is verified. Screenshots at 1280 px
 * and 390 px wide go to target/screenshots/.
 */
class AlertFormBrowserIT extends HotlistTestSupport {
  /** What a person must not be shown (as EveryPageBrowserIT checks every page). */
  private static final List<Pattern> CODES = List.of(
      Pattern.compile("\\bP(?=\\d|T\\d)(?:\\d+[YMWD])*(?:T(?:\\d+(?:\\.\\d+)?[HMS])+)?\\b"),
      Pattern.compile("\\bR-[A-Z]{2,5}-\\d+\\b"),
      Pattern.compile("\\buser:\\d+\\b"));

  private String cameraToken;

  /** One read of the plate, seen {@code ago} before now by the test's camera at a corner. */
  private void readAgo(String plate, Duration ago) {
    Answer a = post("/api/v1/reads", cameraToken, """
        {"reads":[{"plate":"%s","state":"CA","capturedAt":"%s","lat":36.76012,"lon":-119.79318}]}"""
        .formatted(plate, clock.instant().minus(ago)));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().path("alerts")).as(a.body()).hasSize(1);
  }

  private static Object js(WebDriver driver, String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private WebElement group(WebDriver driver, String plate) {
    return driver.findElement(By.cssSelector("li.plate-group[data-plate-key='" + plate + "|CA']"));
  }

  private boolean verified(long alertId) {
    return jdbc.sql("SELECT outcome IS NOT NULL FROM hotlist_alert WHERE id = :id").param("id", alertId)
        .query(Boolean.class).single();
  }

  @Test
  void theFormRefusesNoOutcomeAndAMisreadWithoutANoteThenFoldsNamingTheVerifier() throws Exception {
    String name = "Olga Verifier " + PEOPLE.incrementAndGet();
    AccountSeeder.SeededUser op = seeder.seed(AccountSeeder.Spec.of("hl-form-" + PEOPLE.incrementAndGet(), name,
        Roles.OPERATOR));
    Camera.WithToken cam = cameras.register("Olive Ave & Blackstone (NB) " + PEOPLE.incrementAndGet(), 36.76,
        -119.79, 0);
    cameraToken = cam.token();
    String repeated = plate("RP");
    String single = plate("SG");
    long list = createList(supervisor, "Form list", "local");
    approve(supervisor, list, addEntry(operator, list, repeated, "CA", "stolen_vehicle", inDays(1)).path("id").longValue());
    approve(supervisor, list, addEntry(operator, list, single, "CA", "stolen_plate", inDays(1)).path("id").longValue());
    readAgo(repeated, Duration.ofMinutes(12));
    readAgo(repeated, Duration.ofMinutes(3));
    readAgo(single, Duration.ofMinutes(1));

    WebDriver driver = Chromium.start(1280, 900);
    try {
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
      Chromium.signIn(driver, baseUrl(), op, clock);
      driver.get(baseUrl() + "/operator/alerts");
      wait.until(ExpectedConditions.attributeToBe(By.id("stream-status"), "data-state", "live"));

      // repeat hits on one plate are one group, newest first; a new one from the stream joins it
      WebElement repeats = group(driver, repeated);
      assertThat(repeats.getAttribute("data-hits")).isEqualTo("2");
      assertThat(repeats.findElement(By.cssSelector(".repeat")).getText()).isEqualTo("2 hits on this plate, newest first");
      List<WebElement> hits = repeats.findElements(By.cssSelector("li.alert"));
      assertThat(hits.get(0).findElement(By.cssSelector(".age")).getText()).isEqualTo("3 min ago");
      assertThat(hits.get(1).findElement(By.cssSelector(".age")).getText()).isEqualTo("12 min ago");
      assertThat(hits.get(0).findElement(By.cssSelector("details")).getAttribute("open")).isNotNull();
      assertThat(hits.get(1).findElement(By.cssSelector("details")).getAttribute("open"))
          .as("an earlier hit on the plate is folded").isNull();
      readAgo(repeated, Duration.ZERO);
      wait.until(d -> "3".equals(group(d, repeated).getAttribute("data-hits")));
      assertThat(js(driver, "return document.querySelector('#alerts > li').getAttribute('data-plate-key');"))
          .as("the group with the newest hit comes first").isEqualTo(repeated + "|CA");
      assertThat(group(driver, repeated).findElement(By.cssSelector("li.alert .age")).getText()).isEqualTo("just now");

      // the card names the camera, where the plate was seen, the local time and its age
      WebElement card = group(driver, single).findElement(By.cssSelector("li.alert"));
      long alertId = Long.parseLong(card.getAttribute("data-alert-id"));
      assertThat(card.findElement(By.cssSelector(".camera")).getText()).isEqualTo(cam.camera().name());
      assertThat(card.findElement(By.cssSelector(".place")).getText()).startsWith("36.76012, -119.79318");
      assertThat(card.findElement(By.cssSelector(".seen time")).getText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d P[SD]T");
      assertThat(card.findElement(By.cssSelector(".seen time")).getAttribute("title")).endsWith(" UTC");
      assertThat(card.findElement(By.cssSelector(".age")).getText()).isEqualTo("1 min ago");

      // no outcome is chosen for the operator: recording without one is refused, nothing is sent
      WebElement form = card.findElement(By.cssSelector("form.verify"));
      assertThat(form.findElements(By.cssSelector("input[name=outcome]:checked"))).isEmpty();
      long mark = auditMark();
      form.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(d -> form.findElement(By.cssSelector(".form-error")).isDisplayed());
      assertThat(form.findElement(By.cssSelector(".form-error")).getText()).startsWith("Choose what you found");
      assertThat(form.findElement(By.cssSelector("fieldset.outcome")).getAttribute("aria-invalid")).isEqualTo("true");
      assertThat(js(driver, "return document.activeElement.name;")).as("the outcome is focused").isEqualTo("outcome");
      screenshot(driver, "alerts-form-no-outcome-1280");

      // a misread, and "other", without a note are refused: the note is marked and focused
      for (String outcome : List.of("other", "misread")) {
        form.findElement(By.cssSelector("input[name=outcome][value=" + outcome + "]")).click();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> "true".equals(form.findElement(By.name("note")).getAttribute("aria-invalid")));
        assertThat(form.findElement(By.cssSelector(".form-error")).getText()).contains("note is required");
        assertThat(js(driver, "return document.activeElement.name;")).as("the note is focused").isEqualTo("note");
      }
      screenshot(driver, "alerts-form-misread-without-note-1280");
      Thread.sleep(300); // a request the page should not have sent would have arrived by now
      assertThat(verified(alertId)).as("nothing was recorded").isFalse();
      assertThat(audit(AuditEventTypes.ALERT_VERIFIED, mark)).isEmpty();

      // with a note it is recorded, and the card folds to who verified it and their note
      form.findElement(By.name("note")).sendKeys("the 8 was a B; different car");
      form.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(d -> "true".equals(card.getAttribute("data-verified")));
      WebElement done = card.findElement(By.cssSelector("p.verified"));
      assertThat(done.getText()).startsWith("Verified: Misread by " + name + ", ")
          .endsWith("Note: the 8 was a B; different car").doesNotContain("user:");
      assertThat(card.findElement(By.cssSelector("details")).getAttribute("open")).as("folded").isNull();
      assertThat(verified(alertId)).isTrue();
      assertThat(audit(AuditEventTypes.ALERT_VERIFIED, mark)).singleElement()
          .satisfies(e -> assertThat(e.path("verification").stringValue()).isEqualTo("misread"));

      // the page as rendered again shows it the same way
      driver.get(baseUrl() + "/operator/alerts");
      wait.until(ExpectedConditions.attributeToBe(By.id("stream-status"), "data-state", "live"));
      WebElement again = driver.findElement(By.cssSelector("li.alert[data-alert-id='" + alertId + "']"));
      assertThat(again.findElement(By.cssSelector("p.verified")).getText())
          .startsWith("Verified: Misread by " + name + ", ").endsWith("Note: the 8 was a B; different car");
      assertThat(again.findElement(By.cssSelector("details")).getAttribute("open")).isNull();
      noCodeShown(driver);
      screenshot(driver, "alerts-1280");
      phone(driver);
      screenshot(driver, "alerts-390");
      desktop(driver);

      // the unverified filter leaves the verified alert out
      driver.findElement(By.id("show-unverified")).click();
      wait.until(ExpectedConditions.attributeToBe(By.id("stream-status"), "data-state", "live"));
      assertThat(driver.findElement(By.id("show-unverified")).getAttribute("aria-current")).isEqualTo("page");
      assertThat(driver.findElements(By.cssSelector("li.alert[data-alert-id='" + alertId + "']"))).isEmpty();
      assertThat(driver.findElements(By.cssSelector("li.alert[data-verified=true]"))).isEmpty();
      assertThat(group(driver, repeated).getAttribute("data-hits")).isEqualTo("3");
      noCodeShown(driver);
      screenshot(driver, "alerts-unverified-1280");
      phone(driver);
      screenshot(driver, "alerts-unverified-390");
    } finally {
      driver.quit();
    }
  }

  private static void screenshot(WebDriver driver, String name) throws Exception {
    Chromium.screenshot(driver, name);
  }

  /** The page at a phone's width: nothing may stick out to the right. */
  private static void phone(WebDriver driver) {
    ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
    assertThat(js(driver, "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"))
        .as("the page fits 390 px").isEqualTo(true);
  }

  private static void desktop(WebDriver driver) {
    ((ChromeDriver) driver).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  private static void noCodeShown(WebDriver driver) {
    String text = driver.findElement(By.tagName("body")).getText();
    for (Pattern p : CODES) {
      assertThat(p.matcher(text).find()).as("the page shows %s: %s", p, text).isFalse();
    }
  }
}
