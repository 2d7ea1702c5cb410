package org.glassplate.server.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Clock;
import org.glassplate.server.accounts.AccountSeeder.SeededUser;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's real Chromium through its chromedriver (no driver or browser downloads). Tests that need
 * it are skipped when it is not installed on a developer's machine, and FAIL when it is missing under
 * CI ({@code CI=true}, as .ci/run and every CI service set it): CI cannot pass without a browser.
 */
public final class Chromium {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {
  }

  /** A phone-sized viewport (mobile emulation: headless windows have a minimum width). */
  public static WebDriver phone() throws Exception {
    return start(390, 844, true);
  }

  public static WebDriver start(int width, int height) throws Exception {
    return start(width, height, false);
  }

  private static final String MISSING = "Chromium and chromedriver are not installed (apt-get install chromium"
      + " chromium-driver)";

  /**
   * Stops a browser test unless Chromium and its driver are installed: skipped on a developer's
   * machine, failed under CI ({@code CI=true}).
   */
  public static void requireInstalled() {
    requireInstalled(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), System.getenv("CI"));
  }

  /** {@link #requireInstalled()} for a given answer to "is it installed" and value of {@code CI}. */
  static void requireInstalled(boolean installed, String ci) {
    if (installed) {
      return;
    }
    if ("true".equalsIgnoreCase(ci == null ? "" : ci.strip())) {
      org.junit.jupiter.api.Assertions.fail(MISSING + ", and CI=true: under CI a browser test fails rather than skip");
    }
    assumeTrue(false, MISSING + " (a developer's machine: skipped; under CI=true it fails)");
  }

  private static WebDriver start(int width, int height, boolean mobile) throws Exception {
    requireInstalled();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + Files.createTempDirectory("gp-chromium"));
    if (mobile) {
      options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics",
          java.util.Map.of("width", width, "height", height, "pixelRatio", 2.0, "touch", true)));
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  /**
   * Signs a seeded person in as a person does: password, then the current TOTP code (RFC 6238:
   * SHA-1, 6 digits, 30 s, by {@code clock}, the server's); waits for the home page.
   */
  public static void signIn(WebDriver driver, String baseUrl, SeededUser u, Clock clock) throws Exception {
    driver.get(baseUrl + "/login");
    driver.findElement(By.id("username")).sendKeys(u.username());
    driver.findElement(By.id("password")).sendKeys(u.password());
    driver.findElement(By.id("sign-in")).click();
    var wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    wait.until(ExpectedConditions.urlContains("/login/totp"));
    String code = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6)
        .generate(u.totpSecret(), clock.instant().getEpochSecond() / 30);
    driver.findElement(By.id("code")).sendKeys(code);
    driver.findElement(By.id("verify")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home")));
  }

  /**
   * Saves the whole page, not only the part in view, as target/screenshots/NAME.png (through the
   * DevTools protocol; what the browser shows when that is not available).
   */
  public static Path screenshot(WebDriver driver, String name) throws Exception {
    Path out = Path.of("target", "screenshots", name + ".png");
    Files.createDirectories(out.getParent());
    if (driver instanceof ChromeDriver chrome) {
      java.util.Map<String, Object> metrics = chrome.executeCdpCommand("Page.getLayoutMetrics", java.util.Map.of());
      java.util.Map<?, ?> size = (java.util.Map<?, ?>) metrics.get("cssContentSize");
      double width = ((Number) size.get("width")).doubleValue();
      double height = Math.min(((Number) size.get("height")).doubleValue(), 12_000);
      java.util.Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot", java.util.Map.of(
          "format", "png", "captureBeyondViewport", true,
          "clip", java.util.Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
      Files.write(out, java.util.Base64.getDecoder().decode((String) shot.get("data")));
      return out;
    }
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
    return out;
  }

  /**
   * Clicks a button that submits its form and waits for the page it leads to: the old document is
   * marked first, and the wait ends when the window holds a document without the mark. (Waiting for
   * an element of the old page to go stale can fail while Chromium swaps documents: "Node with given
   * id does not belong to the document".)
   */
  public static void submit(WebDriver driver, org.openqa.selenium.WebElement button) {
    org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) driver;
    js.executeScript("window.__glassplateOldPage = true;");
    button.click();
    new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.WebDriverException.class)
        .until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
            "return window.__glassplateOldPage === undefined && document.readyState === 'complete';")));
  }
}
