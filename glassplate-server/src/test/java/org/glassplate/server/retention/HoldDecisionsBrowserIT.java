package org.glassplate.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Roles;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.support.Chromium;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Deciding on holds in a real browser (headless Chromium, issue 13, R-RET-2): a supervisor sees, for
 * each request, the search it came from and opens the reads it keeps (time, camera, plate; the view
 * audited), refuses one with a reason (none given is refused, the field marked) and approves another;
 * the investigator who asked sees both on their own page, with the reason or the approver's name.
 * The refusal through the API names {@code reason} when it is missing. A retention extension is refused the
 * same way: through the API without a reason (422, {@code reason}), then on the page with one; it is
 * refused once (one {@code RETENTION_EXTENSION_REFUSED} entry) and its requester sees why. Screenshots at
 * 1280 and 390 px.
 */
class HoldDecisionsBrowserIT extends IntegrationTest {
  private static final AtomicInteger N = new AtomicInteger();

  @Autowired
  AccountSeeder seeder;
  @Autowired
  Cameras cameras;

  private static WebElement waitFor(WebDriver driver, By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(by));
  }

  private static void submit(WebDriver driver, WebElement button) {
    Chromium.submit(driver, button);
  }

  /** The same session in a phone's viewport, 390 px wide (a person signs in once: a TOTP code is taken once). */
  private static void asPhone(WebDriver driver) {
    ((org.openqa.selenium.chrome.ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
        java.util.Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
  }

  private static boolean overflows(WebDriver driver) {
    return (Boolean) ((JavascriptExecutor) driver).executeScript(
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
  }

  private long hold(String token, String searchId, String reason) {
    Answer a = post("/api/v1/legal-holds", token, """
        {"reason":"%s","endsAt":"%s","searchId":"%s"}""".formatted(reason, clock.instant().plus(Duration.ofDays(30)),
        searchId));
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json().path("id").longValue();
  }

  private long extension(String token, String searchId, String reason) {
    Answer a = post("/api/v1/retention-extensions", token, """
        {"reason":"%s","endsAt":"%s","searchId":"%s"}""".formatted(reason, clock.instant().plus(Duration.ofDays(10)),
        searchId));
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertThat(a.json().path("kind").stringValue()).isEqualTo("extension");
    return a.json().path("id").longValue();
  }

  private String status(long grant) {
    return jdbc.sql("SELECT status FROM retention_grant WHERE id = :id").param("id", grant).query(String.class).single();
  }

  @Test
  void aSupervisorSeesTheReadsAndTheSearchRefusesOneWithAReasonAndTheInvestigatorSeesWhatBecameOfIt()
      throws Exception {
    int n = N.incrementAndGet();
    AccountSeeder.SeededUser ivy = seeder.seed(AccountSeeder.Spec.of("decide-ivy-" + n, "Ivy Asker", Roles.INVESTIGATOR));
    AccountSeeder.SeededUser sam = seeder.seed(AccountSeeder.Spec.of("decide-sam-" + n, "Sam Decider", Roles.SUPERVISOR));
    Camera.WithToken cam = cameras.register("Decision cam " + n, 43.3, -71.3, 0);
    String plate = "HD" + (5000 + n) + "K";
    java.time.Instant capturedAt = clock.instant().minus(Duration.ofHours(1));
    Answer ingested = post("/api/v1/reads", cam.token(), """
        {"reads":[{"plate":"%s","state":"CA","capturedAt":"%s"},{"plate":"%s","state":"CA","capturedAt":"%s"}]}"""
        .formatted(plate, capturedAt, plate, capturedAt.plusSeconds(2))); // two passes (one read twice is stored once)
    assertThat(ingested.json().path("accepted").intValue()).as(ingested.body()).isEqualTo(2);
    Answer search = post("/api/v1/searches", ivy.apiToken(), """
        {"plate":"%s","from":"%s","to":"%s","caseNumber":"2026-005512","offense":"ROBBERY",
         "reason":"armed robbery at 5th and Main, suspect vehicle seen leaving"}"""
        .formatted(plate, clock.instant().minus(Duration.ofHours(2)), clock.instant().plus(Duration.ofMinutes(1))));
    assertThat(search.status()).as(search.body()).isEqualTo(200);
    String searchId = search.json().path("searchId").stringValue();
    long refused = hold(ivy.apiToken(), searchId, "keep them in case it goes to trial");
    long approved = hold(ivy.apiToken(), searchId, "robbery: the trial is set for the spring");
    long extension = extension(ivy.apiToken(), searchId, "a pattern of thefts at this corner under review");
    String extensionRefusal = "an extension names the review it serves; ask again with its number";

    // through the API a refusal names its reason, and only a supervisor refuses
    Answer noReason = post("/api/v1/legal-holds/" + refused + "/refusal", sam.apiToken(), "{}");
    assertThat(noReason.status()).as(noReason.body()).isEqualTo(422);
    assertThat(noReason.json().path("error").path("field").stringValue()).isEqualTo("reason");
    Answer byInvestigator = post("/api/v1/legal-holds/" + refused + "/refusal", ivy.apiToken(), "{\"reason\":\"mine\"}");
    assertThat(byInvestigator.status()).as(byInvestigator.body()).isEqualTo(403);
    assertThat(status(refused)).isEqualTo("PENDING");
    // so does the refusal of a retention extension: no reason, or only blanks, is refused naming the field
    for (String body : java.util.List.of("{}", "{\"reason\":\"   \"}")) {
      Answer extensionNoReason = post("/api/v1/retention-extensions/" + extension + "/refusal", sam.apiToken(), body);
      assertThat(extensionNoReason.status()).as(extensionNoReason.body()).isEqualTo(422);
      assertThat(extensionNoReason.json().path("error").path("field").stringValue()).isEqualTo("reason");
    }
    assertThat(post("/api/v1/retention-extensions/" + extension + "/refusal", ivy.apiToken(), "{\"reason\":\"mine\"}")
        .status()).isEqualTo(403);
    assertThat(status(extension)).isEqualTo("PENDING");

    WebDriver supervisor = Chromium.start(1280, 900);
    try {
      Chromium.signIn(supervisor, baseUrl(), sam, clock);
      supervisor.findElement(By.linkText("Holds")).click();
      WebElement row = waitFor(supervisor, By.id("grant-" + refused));
      assertThat(row.getText()).contains("Ivy Asker", "2026-005512", "search " + searchId, "2 reads", "pending")
          .doesNotContain("user:");
      Chromium.screenshot(supervisor, "holds-decide-desktop");

      row.findElement(By.id("reads-" + refused)).click();
      WebElement reads = waitFor(supervisor, By.id("held-reads"));
      assertThat(reads.findElements(By.cssSelector("tbody tr"))).hasSize(2);
      assertThat(reads.getText()).contains(plate, "Decision cam " + n);
      assertThat(supervisor.findElement(By.id("hold-source")).getText()).isEqualTo("search " + searchId);
      Chromium.screenshot(supervisor, "hold-reads-desktop");

      supervisor.get(baseUrl() + "/holds");
      submit(supervisor, waitFor(supervisor, By.id("refuse-" + refused)));
      assertThat(waitFor(supervisor, By.id("refusal-message")).getText()).containsIgnoringCase("a reason is required");
      assertThat(supervisor.findElement(By.id("refusal-field")).getText()).isEqualTo("reason");
      assertThat(supervisor.findElement(By.id("reason-" + refused)).getAttribute("aria-invalid")).isEqualTo("true");
      supervisor.findElement(By.id("reason-" + refused)).sendKeys("a hold needs a trial date; ask again when set");
      submit(supervisor, supervisor.findElement(By.id("refuse-" + refused)));
      assertThat(waitFor(supervisor, By.id("message")).getText()).isEqualTo("Legal hold #" + refused + " refused.");
      submit(supervisor, supervisor.findElement(By.id("approval-" + approved)));
      assertThat(waitFor(supervisor, By.id("message")).getText()).isEqualTo("Legal hold #" + approved + " approved.");
      assertThat(supervisor.findElement(By.id("grant-" + refused)).getText())
          .contains("refused: a hold needs a trial date; ask again when set");
      // the extension, refused on the page with a reason
      WebElement extensionRow = supervisor.findElement(By.id("grant-" + extension));
      assertThat(extensionRow.getText()).contains("extension", "pending", "Ivy Asker", "search " + searchId);
      supervisor.findElement(By.id("reason-" + extension)).sendKeys(extensionRefusal);
      submit(supervisor, supervisor.findElement(By.id("refuse-" + extension)));
      assertThat(waitFor(supervisor, By.id("message")).getText()).isEqualTo("Extension #" + extension + " refused.");
      assertThat(supervisor.findElement(By.id("grant-" + extension)).getAttribute("data-status")).isEqualTo("REFUSED");
      assertThat(supervisor.findElement(By.id("grant-" + extension)).getText()).contains("refused: " + extensionRefusal);
      assertThat(supervisor.findElements(By.id("refuse-" + extension))).as("nothing left to decide").isEmpty();
      Chromium.screenshot(supervisor, "holds-decided-desktop");

      asPhone(supervisor);
      supervisor.get(baseUrl() + "/holds");
      waitFor(supervisor, By.id("holds"));
      assertThat(overflows(supervisor)).as("the holds page is wider than a phone").isFalse();
      Chromium.screenshot(supervisor, "holds-decided-phone");
      supervisor.get(baseUrl() + "/holds/" + approved);
      waitFor(supervisor, By.id("held-reads"));
      assertThat(overflows(supervisor)).as("a hold's page is wider than a phone").isFalse();
      Chromium.screenshot(supervisor, "hold-reads-phone");
    } finally {
      supervisor.quit();
    }
    assertThat(status(refused)).isEqualTo("REFUSED");
    assertThat(status(approved)).isEqualTo("ACTIVE");
    assertThat(status(extension)).isEqualTo("REFUSED");

    WebDriver investigator = Chromium.start(1280, 900);
    try {
      Chromium.signIn(investigator, baseUrl(), ivy, clock);
      investigator.findElement(By.linkText("My holds")).click();
      WebElement mine = waitFor(investigator, By.id("mine-" + refused));
      assertThat(mine.getText()).contains("refused", "a hold needs a trial date; ask again when set",
          "search " + searchId);
      assertThat(investigator.findElement(By.id("mine-" + approved)).getText())
          .contains("approved, in force", "approved by Sam Decider").doesNotContain("user:");
      assertThat(investigator.findElement(By.id("mine-" + extension)).getText())
          .contains("extension", "refused", extensionRefusal, "a pattern of thefts at this corner under review");
      Chromium.screenshot(investigator, "holds-mine-desktop");
      asPhone(investigator);
      investigator.navigate().refresh();
      waitFor(investigator, By.id("my-holds"));
      assertThat(overflows(investigator)).as("my holds page is wider than a phone").isFalse();
      Chromium.screenshot(investigator, "holds-mine-phone");
    } finally {
      investigator.quit();
    }

    java.util.List<JsonNode> refusals = audited(AuditEventTypes.LEGAL_HOLD_REFUSED).stream()
        .filter(e -> e.path("grantId").longValue() == refused).toList();
    assertThat(refusals).singleElement().satisfies(e -> {
      assertThat(e.path("actor").stringValue()).isEqualTo("user:" + sam.id());
      assertThat(e.path("readCount").intValue()).isEqualTo(2);
      assertThat(e.toString()).doesNotContain("trial date", plate, "2026-005512");
    });
    assertThat(audited(AuditEventTypes.RETENTION_EXTENSION_REFUSED).stream()
        .filter(e -> e.path("grantId").longValue() == extension).toList()).as("one refusal, by the page")
        .singleElement().satisfies(e -> {
          assertThat(e.path("actor").stringValue()).isEqualTo("user:" + sam.id());
          assertThat(e.toString()).doesNotContain("names the review", plate);
        });
    assertThat(audited(AuditEventTypes.LEGAL_HOLD_REFUSED).stream()
        .filter(e -> e.path("grantId").longValue() == extension)).as("an extension is not refused as a hold").isEmpty();
    assertThat(audited(AuditEventTypes.RETENTION_GRANTS_VIEWED).stream()
        .filter(e -> e.path("grantId").isNumber() && e.path("grantId").longValue() == refused)).singleElement()
        .satisfies(e -> {
          assertThat(e.path("resultCount").intValue()).isEqualTo(2);
          assertThat(e.path("actor").stringValue()).isEqualTo("user:" + sam.id());
          assertThat(e.toString()).doesNotContain(plate);
        });
  }
}
