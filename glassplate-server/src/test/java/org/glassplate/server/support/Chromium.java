package org.glassplate.server.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's real Chromium through its chromedriver (no driver or browser downloads). Tests that need
 * it are skipped only when it is not installed; CI installs it.
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

  private static WebDriver start(int width, int height, boolean mobile) throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
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

  /** Saves what the browser shows as target/screenshots/NAME.png. */
  public static Path screenshot(WebDriver driver, String name) throws Exception {
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Path out = Path.of("target", "screenshots", name + ".png");
    Files.createDirectories(out.getParent());
    Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
    return out;
  }
}
