package org.glassplate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.core.Roles;
import org.glassplate.server.support.Chromium;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A refused form in a real browser (issue 13, "the field in error is marked and focused"): the
 * accounts form with a username that cannot be one, and the policy form with a duration that is not
 * one and with an expansion that names no governing-body approval. Each time the field concerned is
 * marked ({@code aria-invalid="true"}) and has the focus (autofocus), and what was typed is still there.
 */
class FormErrorsBrowserIT extends IntegrationTest {
  private static final AtomicInteger N = new AtomicInteger();

  @Autowired
  AccountSeeder seeder;

  private static WebElement focused(WebDriver driver) {
    return driver.switchTo().activeElement();
  }

  @Test
  void aRefusedAccountsFormMarksAndFocusesTheBadFieldAndKeepsWhatWasTyped() throws Exception {
    int n = N.incrementAndGet();
    AccountSeeder.SeededUser ada = seeder.seed(AccountSeeder.Spec.of("forms-ada-" + n, "Ada Forms", Roles.ADMINISTRATOR));
    WebDriver driver = Chromium.start(1280, 900);
    try {
      Chromium.signIn(driver, baseUrl(), ada, clock);
      driver.get(baseUrl() + "/admin/accounts");
      assertThat(driver.findElement(By.id("new-username")).getAttribute("aria-invalid")).isNull();
      driver.findElement(By.id("new-username")).sendKeys("x"); // one character: a username has 2 to 63
      driver.findElement(By.id("new-display-name")).sendKeys("Pat Typed");
      driver.findElement(By.id("new-password")).sendKeys("a long and uncommon passphrase " + n);
      driver.findElement(By.cssSelector("#create-form input[name=roles][value=OPERATOR]")).click();
      Chromium.submit(driver, driver.findElement(By.cssSelector("#create-form button[type=submit]")));

      assertThat(driver.findElement(By.id("refusal-field")).getText()).isEqualTo("username");
      WebElement username = driver.findElement(By.id("new-username"));
      assertThat(username.getAttribute("aria-invalid")).isEqualTo("true");
      assertThat(focused(driver).getAttribute("id")).as("the bad field has the focus").isEqualTo("new-username");
      assertThat(driver.findElement(By.id("new-display-name")).getAttribute("aria-invalid")).isNull();
      assertThat(username.getAttribute("value")).as("what was typed is kept").isEqualTo("x");
      assertThat(driver.findElement(By.id("new-display-name")).getAttribute("value")).isEqualTo("Pat Typed");
      assertThat(driver.findElement(By.cssSelector("#create-form input[name=roles][value=OPERATOR]")).isSelected())
          .isTrue();
      assertThat(driver.findElement(By.id("new-password")).getAttribute("value")).as("a password is never sent back")
          .isEmpty();
      Chromium.screenshot(driver, "accounts-refused-field-desktop");
    } finally {
      driver.quit();
    }
  }

  @Test
  void aRefusedPolicyFormMarksAndFocusesTheBadFieldAndKeepsTheDraft() throws Exception {
    int n = N.incrementAndGet();
    AccountSeeder.SeededUser ada = seeder.seed(AccountSeeder.Spec.of("forms-pol-" + n, "Ada Policy", Roles.ADMINISTRATOR));
    String document = get("/api/v1/policy", null).json().get("document").asString();
    assertThat(document).contains("nonHit: P30D");
    WebDriver driver = Chromium.start(1280, 900);
    try {
      Chromium.signIn(driver, baseUrl(), ada, clock);

      // a field inside the document that is wrong: the document is the field marked
      driver.get(baseUrl() + "/admin/policy");
      propose(driver, document.replace("nonHit: P30D", "nonHit: thirty days"), "");
      assertThat(driver.findElement(By.id("refusal-field")).getText()).startsWith("document");
      WebElement draft = driver.findElement(By.name("document"));
      assertThat(draft.getAttribute("aria-invalid")).isEqualTo("true");
      assertThat(focused(driver).getAttribute("name")).as("the bad field has the focus").isEqualTo("document");
      assertThat(draft.getAttribute("value")).as("the draft is kept").contains("nonHit: thirty days");
      assertThat(driver.findElement(By.name("governingBodyReference")).getAttribute("aria-invalid")).isNull();
      Chromium.screenshot(driver, "policy-refused-document-desktop");

      // longer retention without the governing body's approval: that field is marked
      driver.get(baseUrl() + "/admin/policy");
      propose(driver, document.replace("nonHit: P30D", "nonHit: P45D"), "");
      assertThat(driver.findElement(By.id("refusal-field")).getText()).isEqualTo("governingBodyReference");
      assertThat(driver.findElement(By.name("governingBodyReference")).getAttribute("aria-invalid")).isEqualTo("true");
      assertThat(focused(driver).getAttribute("name")).isEqualTo("governingBodyReference");
      assertThat(driver.findElement(By.name("document")).getAttribute("aria-invalid")).isNull();
      assertThat(driver.findElement(By.name("document")).getAttribute("value")).contains("nonHit: P45D");
    } finally {
      driver.quit();
    }
    assertThat(get("/api/v1/policy", null).json().get("document").asString()).as("nothing was proposed into force")
        .isEqualTo(document);
  }

  /** Types a draft (set at once: the document is long) and a governing-body reference, and proposes it. */
  private static void propose(WebDriver driver, String document, String reference) {
    WebElement area = driver.findElement(By.name("document"));
    ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", area, document);
    WebElement ref = driver.findElement(By.name("governingBodyReference"));
    ref.clear();
    ref.sendKeys(reference);
    Chromium.submit(driver, driver.findElement(By.xpath("//button[normalize-space()='Propose']")));
  }
}
