package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.core.Roles;
import org.glassplate.server.support.Chromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator page in a real browser when the operator's access is withdrawn (issue 12 item 4): the
 * live stream ends and the page says why instead of reconnecting. Skipped where Chromium is not
 * installed on a developer's machine; fails under CI=true (Chromium.requireInstalled).
 */
class OperatorPageRevocationBrowserIT extends HotlistTestSupport {
  @org.springframework.beans.factory.annotation.Autowired
  AlertStream alertStream;

  @Test
  void theAlertPageOfADisabledOperatorStopsAndSaysWhy() throws Exception {
    AccountSeeder.SeededUser op = seeder.seed(AccountSeeder.Spec.of("hl-browser-rev-" + PEOPLE.incrementAndGet(),
        "Dee Disabled", Roles.OPERATOR));
    WebDriver driver = Chromium.start(1200, 900);
    try {
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
      Chromium.signIn(driver, baseUrl(), op, clock);
      driver.get(baseUrl() + "/operator/alerts");
      wait.until(ExpectedConditions.attributeToBe(By.id("stream-status"), "data-state", "live"));

      Answer disabled = post("/api/v1/accounts/" + op.id() + "/enabled", admin, "{\"enabled\":false}");
      assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);

      wait.until(ExpectedConditions.attributeToBe(By.id("stream-status"), "data-state", "ended"));
      assertThat(driver.findElement(By.id("stream-status")).getAttribute("data-reason")).isEqualTo("ACCOUNT_DISABLED");
      assertThat(driver.findElement(By.id("stream-status")).getText()).startsWith("Live alerts ended");
      Chromium.screenshot(driver, "operator-alerts-access-ended");
      assertThat(alertStream.openStreams(op.id())).as("the page did not reconnect").isZero();
    } finally {
      driver.quit();
    }
  }
}
