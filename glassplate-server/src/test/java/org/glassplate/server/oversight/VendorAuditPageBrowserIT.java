package org.glassplate.server.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Roles;
import org.glassplate.server.support.Chromium;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The vendor audit upload page in a real browser (headless Chromium; R-GOV-5, issue 17): an auditor signed in with
 * password and TOTP opens it from the navigation bar, uploads an export of ten times the real Okaloosa audit's rows
 * (145,460), and watches the upload's page follow the import: the progress moves on and ends done with every row
 * counted, in the same document (the page never reloads: a mark set on the window stays); then opens the report, an
 * opening on the record. Skipped only where Chromium is not installed.
 */
class VendorAuditPageBrowserIT extends IntegrationTest {
  static final int COPIES = 20;

  @Autowired
  AccountSeeder seeder;

  record Seen(String status, int percent, String text) {
  }

  @Test
  void anAuditorUploadsAnExportAndSeesItsProgressToTheEndWithoutReloadingThenOpensTheReport() throws Exception {
    AccountSeeder.SeededUser auditor = seeder.seed(AccountSeeder.Spec.of("vendor-page-" + UUID.randomUUID()
        .toString().substring(0, 8), "Petra Pageaudit", Roles.AUDITOR));
    Path export = bigExport();
    long mark = jdbc.sql("SELECT coalesce(max(id), 0) FROM vendor_audit_import").query(Long.class).single();

    WebDriver driver = Chromium.start(1280, 900);
    try {
      Chromium.signIn(driver, baseUrl(), auditor, clock);
      driver.findElement(By.cssSelector("nav#nav a[href='/oversight/vendor-audits']")).click();
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("upload-form")));
      assertThat(driver.findElement(By.cssSelector("nav#nav a[aria-current='page']")).getText())
          .isEqualTo("Vendor audits");
      driver.findElement(By.id("files")).sendKeys(export.toString());
      new Select(driver.findElement(By.id("format"))).selectByValue("auto");
      driver.findElement(By.id("agency-state")).sendKeys("FL");
      Chromium.screenshot(driver, "vendor-audits-form");
      driver.findElement(By.id("upload")).click();

      wait.until(ExpectedConditions.urlMatches("/oversight/vendor-audits/\\d+$"));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import")));
      Matcher m = Pattern.compile("/oversight/vendor-audits/(\\d+)$").matcher(driver.getCurrentUrl());
      assertThat(m.find()).isTrue();
      long id = Long.parseLong(m.group(1));
      assertThat(id).isGreaterThan(mark);
      JavascriptExecutor js = (JavascriptExecutor) driver;
      js.executeScript("window.__vendorAuditPage = 'the same document';");

      // what the page shows, read every 50 ms, until it says done
      List<Seen> seen = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      while (true) {
        String status = driver.findElement(By.id("import")).getAttribute("data-status");
        int percent = (int) Double.parseDouble(driver.findElement(By.id("progress")).getAttribute("value"));
        Seen now = new Seen(status, percent, driver.findElement(By.id("import-progress")).getText());
        if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(now)) {
          seen.add(now);
          if (seen.size() == 2) {
            Chromium.screenshot(driver, "vendor-audit-progress");
          }
        }
        if (status.equals("DONE") || status.equals("FAILED")) {
          break;
        }
        assertThat(System.nanoTime()).as("the page showed done in time: %s", seen).isLessThan(deadline);
        Thread.sleep(50);
      }
      Chromium.screenshot(driver, "vendor-audit-done");

      assertThat(js.executeScript("return window.__vendorAuditPage;")).as("the page never reloaded")
          .isEqualTo("the same document");
      Seen last = seen.get(seen.size() - 1);
      assertThat(last.status()).as("%s", seen).isEqualTo("DONE");
      assertThat(last.percent()).isEqualTo(100);
      String rows = String.format(java.util.Locale.US, "%,d", 7273 * COPIES);
      assertThat(last.text()).startsWith(rows + " rows read, 0 bad rows, 100% of ");
      assertThat(seen.get(0).status()).as("the page first showed the import before its end: %s", seen)
          .isIn("QUEUED", "RUNNING");
      assertThat(seen.stream().filter(s -> s.status().equals("RUNNING") && s.percent() > 0 && s.percent() < 100))
          .as("a step of the progress between start and end: %s", seen).isNotEmpty();
      for (int i = 1; i < seen.size(); i++) {
        assertThat(seen.get(i).percent()).as("progress never goes back: %s", seen)
            .isGreaterThanOrEqualTo(seen.get(i - 1).percent());
      }
      assertThat(driver.findElement(By.id("import-status")).getText()).isEqualTo("done");
      assertThat(driver.findElement(By.id("findings")).getText()).contains("BLANK_REASON", String.valueOf(9 * COPIES))
          .as("the rules in words, filled in by the page's script").contains("no reason typed at all");
      assertThat(driver.findElement(By.cssSelector("#findings tr[data-rule] .code, #findings td .code")).getText())
          .as("the code is there, muted beside the words").matches("[A-Z_]+");
      assertThat(driver.findElement(By.id("report")).isDisplayed()).isTrue();
      assertThat(driver.findElement(By.id("failure-box")).isDisplayed()).as("no failure shown").isFalse();

      driver.findElement(By.id("report-html")).click();
      wait.until(ExpectedConditions.titleIs("Vendor audit report"));
      assertThat(driver.findElement(By.cssSelector("[data-figure='rows']")).getText())
          .isEqualTo(String.valueOf(7273 * COPIES));
      assertThat(driver.getPageSource()).contains("Okaloosa County FL SO");
      Chromium.screenshot(driver, "vendor-audit-report");

      JsonNode opened = audited(AuditEventTypes.VENDOR_AUDIT_REPORT_OPENED).stream()
          .filter(e -> e.path("importId").longValue() == id).findFirst().orElseThrow();
      assertThat(opened.path("file").stringValue()).isEqualTo("report.html");
      assertThat(opened.path("actor").stringValue()).isEqualTo("user:" + auditor.id());
      assertThat(audited(AuditEventTypes.VENDOR_AUDIT_UPLOADED)).anySatisfy(e -> assertThat(e.path("importId")
          .longValue()).isEqualTo(id));
    } finally {
      driver.quit();
      Files.deleteIfExists(export);
    }
  }

  /** The real Okaloosa audit's header, then its rows {@value #COPIES} times over. */
  static Path bigExport() throws Exception {
    byte[] real;
    try (var in = VendorAuditPageBrowserIT.class.getResourceAsStream(VendorAuditUploadIT.OKALOOSA)) {
      real = in.readAllBytes();
    }
    String text = new String(real, StandardCharsets.UTF_8);
    int headerEnd = text.indexOf('\n') + 1;
    String rows = text.substring(headerEnd);
    if (!rows.endsWith("\n")) {
      rows = rows + "\n";
    }
    Path file = Files.createTempFile("okaloosa-x" + COPIES + "-", ".csv");
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(text, 0, headerEnd);
      for (int i = 0; i < COPIES; i++) {
        out.write(rows);
      }
    }
    return file;
  }
}
