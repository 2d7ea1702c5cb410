package org.glassplate.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glassplate.server.accounts.AccountsTesting.audit;
import static org.glassplate.server.accounts.AccountsTesting.username;

import java.time.Duration;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.core.Roles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sign-in in a real browser (Debian's Chromium, headless, driven by Selenium through the system
 * chromedriver; no driver downloads): password, then TOTP, lands on the home page; a wrong TOTP
 * does not; the first sign-in shows the enrollment QR code. Skipped where Chromium is not
 * installed on a developer's machine; fails under CI=true (Chromium.requireInstalled). Screenshots go to target/screenshots/.
 */
class SignInBrowserIT extends IntegrationTest {

  @Autowired
  AccountSeeder seeder;

  @BeforeAll
  static void startDriver() throws Exception {
    org.glassplate.server.support.Chromium.requireInstalled();
  }

  private WebDriver browser() throws Exception {
    return org.glassplate.server.support.Chromium.start(1200, 900);
  }

  private static void screenshot(WebDriver driver, String name) throws Exception {
    org.glassplate.server.support.Chromium.screenshot(driver, name);
  }

  private void typePassword(WebDriver driver, String user, String password) {
    driver.get(baseUrl() + "/");
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login"));
    assertThat(driver.findElement(By.id("consent")).getText()).contains("Authorized use only");
    driver.findElement(By.id("username")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("sign-in")).click();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login/totp"));
  }

  @Test
  void passwordThenTotpLandsOnTheHomePageAndAWrongTotpDoesNot() throws Exception {
    AccountSeeder.SeededUser u = seeder.seed(AccountSeeder.Spec.of(username("browser"), "Bea Browser",
        Roles.INVESTIGATOR));
    WebDriver driver = browser();
    try {
      typePassword(driver, u.username(), u.password());
      screenshot(driver, "sign-in-totp-step");
      String right = Totp.code(u.totpSecret(), Totp.step(clock.instant()));
      driver.findElement(By.id("code")).sendKeys(right.equals("123456") ? "654321" : "123456");
      driver.findElement(By.id("verify")).click();
      new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("refusal")));
      assertThat(driver.getCurrentUrl()).endsWith("/login/totp?error");
      assertThat(driver.findElements(By.id("home"))).isEmpty();
      screenshot(driver, "sign-in-wrong-totp");

      driver.findElement(By.id("code")).sendKeys(Totp.code(u.totpSecret(), Totp.step(clock.instant())));
      driver.findElement(By.id("verify")).click();
      new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("home")));

      assertThat(driver.getCurrentUrl()).isEqualTo(baseUrl() + "/");
      assertThat(driver.findElement(By.id("whoami")).getText()).contains("Bea Browser", "INVESTIGATOR");
      screenshot(driver, "sign-in-home");
      assertThat(audit(jdbc, AuditEventTypes.SIGN_IN_FAILED, u.id())).singleElement()
          .satisfies(e -> assertThat(e.get("reasonCode").asString()).isEqualTo("BAD_TOTP"));
      assertThat(audit(jdbc, AuditEventTypes.SIGN_IN_SUCCEEDED, u.id())).hasSize(1);

      driver.findElement(By.id("sign-out")).click();
      new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("signedOut"));
      driver.get(baseUrl() + "/");
      assertThat(driver.getCurrentUrl()).endsWith("/login");
    } finally {
      driver.quit();
    }
  }

  @Test
  void theFirstSignInShowsTheEnrollmentQrCode() throws Exception {
    AccountSeeder.SeededUser admin = seeder.seed(AccountSeeder.Spec.of(username("badmin"), "B", Roles.ADMINISTRATOR));
    String name = username("fresh");
    post("/api/v1/accounts", admin.apiToken(), """
        {"username":"%s","displayName":"Fay Fresh","password":"pale green teapot orbit 3","roles":["OPERATOR"]}
        """.formatted(name));
    WebDriver driver = browser();
    try {
      typePassword(driver, name, "pale green teapot orbit 3");
      assertThat(driver.findElement(By.id("qr")).getAttribute("src")).startsWith("data:image/svg+xml;base64,");
      Number width = (Number) ((org.openqa.selenium.JavascriptExecutor) driver)
          .executeScript("return document.getElementById('qr').naturalWidth");
      assertThat(width.intValue()).as("the QR image renders").isGreaterThan(100);
      String secret = driver.findElement(By.id("totp-secret")).getText();
      screenshot(driver, "enrollment");

      driver.findElement(By.id("code")).sendKeys(Totp.code(secret, Totp.step(clock.instant())));
      driver.findElement(By.id("verify")).click();
      new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("home")));

      assertThat(driver.findElement(By.id("whoami")).getText()).contains("Fay Fresh");
    } finally {
      driver.quit();
    }
  }
}
