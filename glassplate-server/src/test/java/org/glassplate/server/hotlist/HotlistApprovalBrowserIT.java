package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Roles;
import org.glassplate.server.support.Chromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The supervisors' hot-list page in a real browser (headless Chromium, issue 13): an entry one
 * supervisor added by hand is approved on the page by another, and matches from then on; another is
 * refused with a reason (none given is refused, the field marked); the supervisor who added an entry
 * cannot approve it (SAME_PERSON, shown in words); imports waiting for approval are approved or
 * refused the same way; the page links the import page and a sample file the importer accepts.
 * Screenshots at 1280 and 390 px wide. Skipped where Chromium is not installed, except under CI=true, where it fails.
 */
class HotlistApprovalBrowserIT extends HotlistTestSupport {

  private AccountSeeder.SeededUser supervisorNamed(String name) {
    return seeder.seed(AccountSeeder.Spec.of("hl-page-" + PEOPLE.incrementAndGet(), name, Roles.SUPERVISOR));
  }

  private static WebElement waitFor(WebDriver driver, By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(by));
  }

  private String status(long entry) {
    return jdbc.sql("SELECT status FROM hotlist_entry WHERE id = :id").param("id", entry).query(String.class).single();
  }

  private static void submit(WebDriver driver, WebElement button) {
    Chromium.submit(driver, button);
  }

  /** Whether the page is wider than the window (a table must scroll inside its box instead). */
  private static boolean overflows(WebDriver driver) {
    return (Boolean) ((JavascriptExecutor) driver).executeScript(
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
  }

  @Test
  void aSecondSupervisorApprovesAnEntryOnThePageAndItMatches() throws Exception {
    AccountSeeder.SeededUser ada = supervisorNamed("Ada Adder");
    AccountSeeder.SeededUser bea = supervisorNamed("Bea Checker");
    String cam = camera();
    long list = createList(ada.apiToken(), "Page list", "local");
    String approved = plate("PA");
    String refused = plate("PR");
    long toApprove = addEntry(ada.apiToken(), list, approved, "CA", "stolen_vehicle", inDays(5)).path("id").longValue();
    long toRefuse = addEntry(ada.apiToken(), list, refused, null, "felony_vehicle", inDays(5)).path("id").longValue();
    assertThat(read(cam, approved, "CA")).as("pending: no alert yet").isEmpty();
    long mark = auditMark();

    WebDriver driver = Chromium.start(1280, 900);
    try {
      Chromium.signIn(driver, baseUrl(), bea, clock);
      driver.findElement(By.linkText("Hot lists")).click();
      WebElement row = waitFor(driver, By.id("entry-" + toApprove));
      assertThat(row.getText()).contains(approved, "Page list", "Stolen vehicle", "Ada Adder").doesNotContain("user:");
      assertThat(driver.findElement(By.id("import-link")).getAttribute("href")).endsWith("/hotlists/import");
      assertThat(driver.findElement(By.id("sample-link")).getAttribute("href")).endsWith("/hotlist/sample.csv");
      Chromium.screenshot(driver, "hotlists-pending-desktop");

      submit(driver, row.findElement(By.id("approve-entry-" + toApprove)));
      assertThat(waitFor(driver, By.id("message")).getText())
          .isEqualTo("Entry #" + toApprove + " approved: it is on the list and matches from now on.");
      assertThat(driver.findElements(By.id("entry-" + toApprove))).isEmpty();

      // a refusal needs a reason: the page says so in words and marks the field
      submit(driver, driver.findElement(By.id("refuse-entry-" + toRefuse)));
      assertThat(waitFor(driver, By.id("refusal-message")).getText()).containsIgnoringCase("a reason is required");
      assertThat(driver.findElement(By.id("refusal-field")).getText()).isEqualTo("reason");
      assertThat(driver.findElement(By.id("reason-entry-" + toRefuse)).getAttribute("aria-invalid")).isEqualTo("true");
      Chromium.screenshot(driver, "hotlists-refusal-needs-reason-desktop");
      driver.findElement(By.id("reason-entry-" + toRefuse)).sendKeys("no case behind it; ask the detective first");
      submit(driver, driver.findElement(By.id("refuse-entry-" + toRefuse)));
      assertThat(waitFor(driver, By.id("message")).getText()).isEqualTo("Entry #" + toRefuse + " refused: it will never match.");
      Chromium.screenshot(driver, "hotlists-after-desktop");
    } finally {
      driver.quit();
    }

    // in force: the API lists it active, and a read of it raises an alert
    assertThat(status(toApprove)).isEqualTo("ACTIVE");
    JsonNode entries = get("/api/v1/hotlists/" + list + "/entries", bea.apiToken()).json().path("entries");
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.path("id").longValue()).isEqualTo(toApprove);
      assertThat(e.path("status").stringValue()).isEqualTo("ACTIVE");
    });
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.path("id").longValue()).isEqualTo(toRefuse);
      assertThat(e.path("status").stringValue()).isEqualTo("REFUSED");
      assertThat(e.path("refusalReason").stringValue()).isEqualTo("no case behind it; ask the detective first");
    });
    assertThat(read(cam, approved, "CA")).hasSize(1);
    assertThat(read(cam, refused, "CA")).isEmpty();
    String beaActor = "user:" + bea.id();
    assertThat(audit(AuditEventTypes.HOTLIST_ENTRY_APPROVED, mark)).singleElement().satisfies(e -> {
      assertThat(e.path("entryId").longValue()).isEqualTo(toApprove);
      assertThat(e.path("actor").stringValue()).isEqualTo(beaActor);
    });
    assertThat(audit(AuditEventTypes.HOTLIST_ENTRY_REFUSED, mark)).singleElement().satisfies(e -> {
      assertThat(e.path("entryId").longValue()).isEqualTo(toRefuse);
      assertThat(e.path("actor").stringValue()).isEqualTo(beaActor);
      assertThat(e.toString()).doesNotContain("ask the detective", refused);
    });
    assertThat(audit(AuditEventTypes.HOTLIST_ENTRIES_VIEWED, mark))
        .anySatisfy(e -> assertThat(e.path("entryIds").stringValue()).contains(Long.toString(toApprove)));
  }

  @Test
  void theSupervisorWhoAddedAnEntryCannotApproveItOnThePage() throws Exception {
    AccountSeeder.SeededUser ada = supervisorNamed("Ada Alone");
    long list = createList(ada.apiToken(), "Own list", "local");
    long own = addEntry(ada.apiToken(), list, plate("PO"), "CA", "stolen_plate", inDays(2)).path("id").longValue();
    long mark = auditMark();

    WebDriver driver = Chromium.start(1280, 900);
    try {
      Chromium.signIn(driver, baseUrl(), ada, clock);
      driver.get(baseUrl() + "/hotlists");
      submit(driver, waitFor(driver, By.id("approve-entry-" + own)));
      WebElement refusal = waitFor(driver, By.id("refusal"));
      assertThat(driver.findElement(By.id("refusal-message")).getText())
          .containsIgnoringCase("you cannot approve this entry (it is your own)")
          .contains("a different person must do it").doesNotContain("R-ACC");
      assertThat(driver.findElement(By.id("refusal-code")).getText()).isEqualTo("SAME_PERSON");
      assertThat(refusal.isDisplayed()).isTrue();
      Chromium.screenshot(driver, "hotlists-same-person-desktop");
    } finally {
      driver.quit();
    }
    assertThat(status(own)).isEqualTo("PENDING_APPROVAL");
    assertThat(audit(AuditEventTypes.HOTLIST_ACTION_REFUSED, mark)).singleElement().satisfies(e -> {
      assertThat(e.path("reasonCode").stringValue()).isEqualTo("SAME_PERSON");
      assertThat(e.path("entryId").longValue()).isEqualTo(own);
    });
  }

  @Test
  void importsWaitingForApprovalAreApprovedOrRefusedOnThePageAndTheSampleFileImports() throws Exception {
    AccountSeeder.SeededUser ada = supervisorNamed("Ada Importer");
    AccountSeeder.SeededUser bea = supervisorNamed("Bea Approver");
    String cam = camera();
    long list = createList(ada.apiToken(), "State extract", "state");

    // the sample file the pages offer is one the importer takes whole
    Answer sample = get("/hotlist/sample.csv", null);
    assertThat(sample.status()).isEqualTo(200);
    String kept = submitImport(ada.apiToken(), list, "append", sample.body());
    assertThat(get(kept, ada.apiToken()).json().path("rowsRejected").intValue()).isZero();
    assertThat(get(kept, ada.apiToken()).json().path("rowsAccepted").intValue()).isEqualTo(3);
    String wrong = plate("PW");
    String refusedImport = submitImport(ada.apiToken(), list, "append",
        "plate,reason,expiresAt\n%s,stolen_vehicle,2099-01-01\n".formatted(wrong));
    long keptId = Long.parseLong(kept.substring(kept.lastIndexOf('/') + 1));
    long refusedId = Long.parseLong(refusedImport.substring(refusedImport.lastIndexOf('/') + 1));
    long mark = auditMark();

    WebDriver driver = Chromium.start(1280, 900);
    try {
      Chromium.signIn(driver, baseUrl(), bea, clock);
      driver.get(baseUrl() + "/hotlists");
      WebElement row = waitFor(driver, By.id("import-" + refusedId));
      assertThat(row.getText()).contains("State extract", "adds rows", "1 accepted", "Ada Importer").doesNotContain(wrong);
      Chromium.screenshot(driver, "hotlists-imports-desktop");
      driver.findElement(By.id("reason-import-" + refusedId)).sendKeys("not from the state's system");
      submit(driver, driver.findElement(By.id("refuse-import-" + refusedId)));
      assertThat(waitFor(driver, By.id("message")).getText()).startsWith("Import #" + refusedId + " refused");
      submit(driver, driver.findElement(By.id("approve-import-" + keptId)));
      assertThat(waitFor(driver, By.id("message")).getText()).startsWith("Import #" + keptId + " approved");
      assertThat(driver.findElements(By.id("import-" + keptId))).isEmpty();

      driver.findElement(By.id("import-link")).click();
      assertThat(waitFor(driver, By.id("sample-link")).getAttribute("href")).endsWith("/hotlist/sample.csv");
      Chromium.screenshot(driver, "hotlist-import-desktop");
    } finally {
      driver.quit();
    }
    JsonNode refusedJob = get(refusedImport, bea.apiToken()).json();
    assertThat(refusedJob.path("status").stringValue()).isEqualTo("REFUSED");
    assertThat(refusedJob.path("refusalReason").stringValue()).isEqualTo("not from the state's system");
    assertThat(read(cam, wrong, "CA")).isEmpty();
    assertThat(get(kept, bea.apiToken()).json().path("status").stringValue()).isEqualTo("DONE");
    assertThat(read(cam, "7ABC123", "CA")).as("a plate of the sample file, approved").isNotEmpty();
    assertThat(audit(AuditEventTypes.HOTLIST_IMPORT_REFUSED, mark)).singleElement().satisfies(e -> {
      assertThat(e.path("importId").longValue()).isEqualTo(refusedId);
      assertThat(e.path("rowsDeleted").intValue()).isEqualTo(1);
      assertThat(e.toString()).doesNotContain("state's system");
    });
    assertThat(audit(AuditEventTypes.HOTLIST_IMPORT_APPROVED, mark))
        .anySatisfy(e -> assertThat(e.path("importId").longValue()).isEqualTo(keptId));
  }

  @Test
  void theHotListPagesFitAPhone() throws Exception {
    AccountSeeder.SeededUser ada = supervisorNamed("Ada Phone");
    AccountSeeder.SeededUser bea = supervisorNamed("Bea Phone");
    long list = createList(ada.apiToken(), "Phone list", "local");
    addEntry(ada.apiToken(), list, plate("PP"), "CA", "amber_alert", inDays(1));
    long extract = createList(ada.apiToken(), "Phone extract", "ncic");
    submitImport(ada.apiToken(), extract, "append", "plate,reason,expiresAt\n%s,stolen_vehicle,2099-01-01\n"
        .formatted(plate("PI")));
    WebDriver phone = Chromium.phone();
    try {
      Chromium.signIn(phone, baseUrl(), bea, clock);
      phone.get(baseUrl() + "/hotlists");
      waitFor(phone, By.id("entries"));
      assertThat(overflows(phone)).as("the hot lists page is wider than a phone").isFalse();
      Chromium.screenshot(phone, "hotlists-pending-phone");
      phone.get(baseUrl() + "/hotlists/import");
      waitFor(phone, By.id("sample-link"));
      assertThat(overflows(phone)).as("the import page is wider than a phone").isFalse();
      Chromium.screenshot(phone, "hotlist-import-phone");
    } finally {
      phone.quit();
    }
  }
}
