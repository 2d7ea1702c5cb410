package org.glassplate.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
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
import org.openqa.selenium.Point;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The search page in a real browser (headless Chromium, issue 13): cameras 1, 3 and 5 ticked stay
 * ticked after the search and on every page, so that no later search quietly covers less; Previous
 * and Next run the same search again, each an audited search of its own; the vehicle column is
 * filled; the plot has one circle per camera that read the plate; an area is chosen by dragging a
 * box on the camera map, and a search in a box drawn round one camera finds that camera's reads only. Screenshots at 1280 px and 390 px wide.
 */
class SearchPageBrowserIT extends IntegrationTest {
  private static final AtomicInteger N = new AtomicInteger();

  @Autowired
  AccountSeeder seeder;
  @Autowired
  Cameras cameras;

  @Test
  void camerasChosenStayChosenAcrossSearchesAndPagesAndEveryPageIsAnAuditedSearch() throws Exception {
    int n = N.incrementAndGet();
    AccountSeeder.SeededUser ivy = seeder.seed(AccountSeeder.Spec.of("page-ivy-" + n, "Ivy Pages", Roles.INVESTIGATOR));
    List<Camera.WithToken> cams = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      cams.add(cameras.register("Paging cam " + n + "-" + i, 36.70 + i * 0.004, -119.78 + i * 0.003, 0));
    }
    String plate = "PG" + (5000 + n) + "Q";
    // 30 reads at each of cameras 1, 3 and 5 (90: two pages of 50), and 10 at cameras 2 and 4
    for (int i = 0; i < 5; i++) {
      int reads = i % 2 == 0 ? 30 : 10;
      StringBuilder batch = new StringBuilder();
      for (int k = 0; k < reads; k++) {
        batch.append(k == 0 ? "" : ",").append("""
            {"plate":"%s","state":"CA","capturedAt":"%s","vehicle":{"make":"Toyota","color":"silver","type":"sedan"}}"""
            .formatted(plate, clock.instant().minus(Duration.ofMinutes(5 + i * 30 + k))));
      }
      Answer a = post("/api/v1/reads", cams.get(i).token(), "{\"reads\":[" + batch + "]}");
      assertThat(a.json().path("accepted").intValue()).as(a.body()).isEqualTo(reads);
    }
    Set<String> chosen = Set.of(id(cams, 1), id(cams, 3), id(cams, 5));
    int searchesBefore = audited(AuditEventTypes.SEARCH_PERFORMED).size();

    WebDriver driver = Chromium.start(1280, 1000);
    try {
      Chromium.signIn(driver, baseUrl(), ivy, clock);
      driver.get(baseUrl() + "/search");
      assertThat(driver.findElement(By.id("pattern-rule")).getText())
          .as("the pattern rule is said before submitting").contains("two known characters at the start or at the end");
      driver.findElement(By.name("caseNumber")).sendKeys("2026-007731");
      new Select(driver.findElement(By.name("offense"))).selectByValue("ROBBERY");
      driver.findElement(By.name("reason")).sendKeys("armed robbery on Olive Ave, suspect car seen leaving");
      driver.findElement(By.name("query")).sendKeys(plate);
      for (String id : chosen) {
        driver.findElement(By.cssSelector("input[name=camera][value='" + id + "']")).click();
      }
      new Select(driver.findElement(By.name("pageSize"))).selectByVisibleText("50");
      Chromium.screenshot(driver, "search-form-desktop");
      driver.findElement(By.id("search-button")).click();

      waitForResults(driver);
      assertKept(driver, cams, chosen, plate);
      assertThat(driver.findElement(By.id("result-summary")).getText()).contains("Reads 1 to 50, page 1; there are more",
          "covered 3 cameras");
      assertRowsFrom(driver, chosen, 50);
      assertThat(driver.findElements(By.id("previous-page"))).isEmpty();
      // newest first: cameras 1 and 3 on this page, one circle each on the plot
      assertThat(driver.findElements(By.cssSelector("#plot circle.seen"))).hasSize(2);
      assertThat(driver.findElements(By.cssSelector("#plot circle.seen[data-camera='" + id(cams, 1) + "']"))).hasSize(1);
      assertThat(driver.findElement(By.cssSelector("#plot text.label[data-camera='" + id(cams, 1) + "']")).getText())
          .isEqualTo("Paging cam " + n + "-1 · 30 reads");
      assertThat(driver.findElement(By.cssSelector("#results-table tbody tr td:nth-child(6)")).getText())
          .isEqualTo("silver Toyota sedan");
      assertThat(lastSearch(searchesBefore + 1).path("page").intValue()).isEqualTo(1);
      Chromium.screenshot(driver, "search-results-desktop");

      clickAndWaitForNewResults(driver, By.id("next-page"));
      assertThat(driver.findElement(By.id("result-summary")).getText()).startsWith("Reads 51 to 90, page 2.");
      assertKept(driver, cams, chosen, plate);
      assertRowsFrom(driver, chosen, 40);
      assertThat(driver.findElements(By.id("next-page"))).isEmpty();
      JsonNode second = lastSearch(searchesBefore + 2);
      assertThat(second.path("page").intValue()).isEqualTo(2);
      assertThat(second.path("camerasCovered").intValue()).isEqualTo(3);
      assertThat(second.path("resultCount").intValue()).isEqualTo(40);
      Chromium.screenshot(driver, "search-page-2-desktop");

      clickAndWaitForNewResults(driver, By.id("previous-page"));
      assertThat(driver.findElement(By.id("result-summary")).getText()).startsWith("Reads 1 to 50, page 1; there are more");
      assertKept(driver, cams, chosen, plate);
      assertThat(lastSearch(searchesBefore + 3).path("page").intValue()).isEqualTo(1);

      // a second search from the kept form covers the same three cameras
      clickAndWaitForNewResults(driver, By.id("search-button"));
      assertKept(driver, cams, chosen, plate);
      assertThat(lastSearch(searchesBefore + 4).path("camerasCovered").intValue()).isEqualTo(3);
    } finally {
      driver.quit();
    }

    // another person on the phone: a TOTP code is good for one sign-in only
    AccountSeeder.SeededUser ian = seeder.seed(AccountSeeder.Spec.of("page-ian-" + n, "Ian Pages", Roles.INVESTIGATOR));
    WebDriver phone = Chromium.phone();
    try {
      Chromium.signIn(phone, baseUrl(), ian, clock);
      phone.get(baseUrl() + "/search");
      phone.findElement(By.name("caseNumber")).sendKeys("2026-007731");
      new Select(phone.findElement(By.name("offense"))).selectByValue("ROBBERY");
      phone.findElement(By.name("reason")).sendKeys("armed robbery on Olive Ave, suspect car seen leaving");
      phone.findElement(By.name("query")).sendKeys(plate);
      ((JavascriptExecutor) phone).executeScript("arguments[0].click()",
          phone.findElement(By.cssSelector("input[name=camera][value='" + id(cams, 3) + "']")));
      ((JavascriptExecutor) phone).executeScript("arguments[0].click()", phone.findElement(By.id("search-button")));
      waitForResults(phone);
      Chromium.screenshot(phone, "search-results-phone");
      Object wide = ((JavascriptExecutor) phone).executeScript("""
          var w = document.documentElement.clientWidth, out = [];
          document.querySelectorAll('body *').forEach(function (e) {
            var r = e.getBoundingClientRect();
            if (r.right > w + 1 && !e.closest('.table-scroll')) { out.push(e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(r.right)); }
          });
          return out.slice(0, 8).join(', ');""");
      assertThat(wide).as("the page fits the phone's width (wide tables scroll inside their box)").isEqualTo("");
    } finally {
      phone.quit();
    }
  }

  @Test
  void anAreaIsChosenByDraggingABoxOnTheCameraMap() throws Exception {
    int n = N.incrementAndGet();
    AccountSeeder.SeededUser ivy = seeder.seed(AccountSeeder.Spec.of("area-ivy-" + n, "Ivy Area", Roles.INVESTIGATOR));
    Camera.WithToken inside = cameras.register("Area cam " + n + "-1", 36.74, -119.77, 0);
    // the other camera far enough away to stay outside a box drawn round the first, whatever else is on the map
    Camera.WithToken outside = cameras.register("Area cam " + n + "-2", 38.58, -121.49, 0);
    String plate = "AR" + (5000 + n) + "Z";
    for (Camera.WithToken cam : List.of(inside, outside)) {
      StringBuilder batch = new StringBuilder();
      for (int k = 0; k < 3; k++) {
        batch.append(k == 0 ? "" : ",").append("""
            {"plate":"%s","state":"CA","capturedAt":"%s"}""".formatted(plate, clock.instant().minus(Duration.ofMinutes(10 + k))));
      }
      Answer a = post("/api/v1/reads", cam.token(), "{\"reads\":[" + batch + "]}");
      assertThat(a.json().path("accepted").intValue()).as(a.body()).isEqualTo(3);
    }
    WebDriver driver = Chromium.start(1280, 1000);
    try {
      Chromium.signIn(driver, baseUrl(), ivy, clock);
      driver.get(baseUrl() + "/search");
      WebElement map = driver.findElement(By.id("area-map"));
      ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block:'center'})", map);
      assertThat(driver.findElement(By.name("south")).getAttribute("value")).isEmpty();
      new Actions(driver).moveToElement(map, -100, -60).clickAndHold().moveByOffset(120, 40).moveByOffset(80, 40)
          .release().perform();
      double south = Double.parseDouble(driver.findElement(By.name("south")).getAttribute("value"));
      double north = Double.parseDouble(driver.findElement(By.name("north")).getAttribute("value"));
      double west = Double.parseDouble(driver.findElement(By.name("west")).getAttribute("value"));
      double east = Double.parseDouble(driver.findElement(By.name("east")).getAttribute("value"));
      assertThat(south).isLessThan(north);
      assertThat(west).isLessThan(east);
      assertThat(driver.findElement(By.id("area-box")).getAttribute("width")).isNotEqualTo("0");
      assertThat(driver.findElement(By.id("clear-area")).isDisplayed()).isTrue();
      Chromium.screenshot(driver, "search-area-drawn-desktop");
      driver.findElement(By.id("clear-area")).click();
      assertThat(driver.findElement(By.name("south")).getAttribute("value")).isEmpty();
      assertThat(driver.findElements(By.id("area-box"))).isEmpty();

      // a box round the first camera only; the search covers it alone
      String insideId = String.valueOf(inside.camera().id());
      Point at = circle(driver, map, inside);
      Point other = circle(driver, map, outside);
      assertThat(Math.hypot(at.x - other.x, at.y - other.y)).as("the two cameras are apart on the map")
          .isGreaterThan(24);
      int half = (int) Math.min(12, Math.hypot(at.x - other.x, at.y - other.y) / 2 - 2);
      new Actions(driver).moveToElement(map, at.x - half, at.y - half).clickAndHold().moveByOffset(half, half)
          .moveByOffset(half, half).release().perform();
      south = Double.parseDouble(driver.findElement(By.name("south")).getAttribute("value"));
      north = Double.parseDouble(driver.findElement(By.name("north")).getAttribute("value"));
      west = Double.parseDouble(driver.findElement(By.name("west")).getAttribute("value"));
      east = Double.parseDouble(driver.findElement(By.name("east")).getAttribute("value"));
      assertThat(36.74).as("the box holds the first camera").isBetween(south, north);
      assertThat(-119.77).isBetween(west, east);
      assertThat(38.58 >= south && 38.58 <= north && -121.49 >= west && -121.49 <= east)
          .as("the box leaves the second camera out").isFalse();
      driver.findElement(By.name("caseNumber")).sendKeys("2026-007732");
      new Select(driver.findElement(By.name("offense"))).selectByValue("ROBBERY");
      driver.findElement(By.name("reason")).sendKeys("armed robbery on Olive Ave, suspect car seen leaving");
      driver.findElement(By.name("query")).sendKeys(plate);
      driver.findElement(By.id("search-button")).click();
      waitForResults(driver);
      List<WebElement> rows = driver.findElements(By.cssSelector("#results-table tbody tr"));
      assertThat(rows).as("the first camera's three reads, not the other's").hasSize(3);
      assertThat(rows).allSatisfy(r -> assertThat(r.getAttribute("data-camera")).isEqualTo(insideId));
      assertThat(driver.findElement(By.id("area-box"))).as("the area stays drawn on the results").isNotNull();
      Chromium.screenshot(driver, "search-area-results-desktop");
    } finally {
      driver.quit();
    }
  }

  /** Where a camera's circle is on the area map, from the map's centre (as Actions offsets count), in CSS pixels. */
  private static Point circle(WebDriver driver, WebElement map, Camera.WithToken cam) {
    @SuppressWarnings("unchecked")
    List<Number> xy = (List<Number>) ((JavascriptExecutor) driver).executeScript("""
        var m = arguments[0].getBoundingClientRect();
        var c = arguments[0].querySelector('circle.camera[data-camera="' + arguments[1] + '"]').getBoundingClientRect();
        return [c.left + c.width / 2 - (m.left + m.width / 2), c.top + c.height / 2 - (m.top + m.height / 2)];""",
        map, String.valueOf(cam.camera().id()));
    return new Point((int) Math.round(xy.get(0).doubleValue()), (int) Math.round(xy.get(1).doubleValue()));
  }

  private static String id(List<Camera.WithToken> cams, int oneBased) {
    return String.valueOf(cams.get(oneBased - 1).camera().id());
  }

  /** Clicks and waits for the next page's results: the current page's go stale first (else they are read as new). */
  private static void clickAndWaitForNewResults(WebDriver driver, By button) {
    List<WebElement> old = driver.findElements(By.id("results"));
    driver.findElement(button).click();
    if (!old.isEmpty()) {
      new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(old.get(0)));
    }
    waitForResults(driver);
  }

  private static void waitForResults(WebDriver driver) {
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
  }

  /** Every field keeps what was chosen: the cameras ticked (and only those), the plate, the page size. */
  private static void assertKept(WebDriver driver, List<Camera.WithToken> cams, Set<String> chosen, String plate) {
    for (Camera.WithToken c : cams) {
      String id = String.valueOf(c.camera().id());
      assertThat(driver.findElement(By.cssSelector("input[name=camera][value='" + id + "']")).isSelected())
          .as("camera %s ticked", c.camera().name()).isEqualTo(chosen.contains(id));
    }
    assertThat(driver.findElement(By.name("query")).getAttribute("value")).isEqualTo(plate);
    assertThat(driver.findElement(By.name("caseNumber")).getAttribute("value")).isEqualTo("2026-007731");
    assertThat(new Select(driver.findElement(By.name("offense"))).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("ROBBERY");
    assertThat(new Select(driver.findElement(By.name("pageSize"))).getFirstSelectedOption().getText()).isEqualTo("50");
  }

  private static void assertRowsFrom(WebDriver driver, Set<String> chosen, int rows) {
    List<WebElement> found = driver.findElements(By.cssSelector("#results-table tbody tr"));
    assertThat(found).hasSize(rows);
    assertThat(found.stream().map(r -> r.getAttribute("data-camera")).collect(Collectors.toSet())).isSubsetOf(chosen);
  }

  /** The latest search's audit entry, once there are {@code count} of them. */
  private JsonNode lastSearch(int count) {
    List<JsonNode> all = audited(AuditEventTypes.SEARCH_PERFORMED);
    assertThat(all).as("one audited search per page").hasSize(count);
    return all.get(all.size() - 1);
  }
}
