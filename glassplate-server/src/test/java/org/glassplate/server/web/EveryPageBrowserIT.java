package org.glassplate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassplate.server.accounts.AccountSeeder;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every page, as each person sees it, in a real browser (issue 13): signed in as each role, the crawl
 * follows every link of the navigation bar (and opens a page the role may not), and on every page
 * checks what a person reads: no ISO-8601 duration ({@code PT720H}), no requirement id
 * ({@code R-SRCH-3}), no pseudonym ({@code user:4}); the navigation bar is there, with sign-out; the
 * page fits a phone's width. The policy document itself ({@code .verbatim}: its text and diffs, as
 * written and enforced) and the small muted line with a refusal's code are not read as prose.
 * Screenshots of every page at 1280 px and 390 px wide go to target/screenshots/.
 */
class EveryPageBrowserIT extends IntegrationTest {
  private static final AtomicInteger N = new AtomicInteger();
  /** What a person must not be shown: an ISO-8601 duration, a requirement id, a pseudonym. */
  static final Map<String, Pattern> CODES = Map.of(
      "an ISO-8601 duration", Pattern.compile("\\bP(?=\\d|T\\d)(?:\\d+[YMWD])*(?:T(?:\\d+(?:\\.\\d+)?[HMS])+)?\\b"),
      "a requirement id", Pattern.compile("\\bR-[A-Z]{2,5}-\\d+\\b"),
      "a pseudonym", Pattern.compile("\\buser:\\d+\\b"));
  /** The page's prose: its visible text without the verbatim policy document and a refusal's code line. */
  private static final String VISIBLE_TEXT = """
      var clone = document.body.cloneNode(true);
      clone.querySelectorAll('.verbatim, #refusal-code, .refusal .field, script, template, style').forEach(function (e) { e.remove(); });
      document.body.appendChild(clone);
      clone.style.position = 'absolute'; clone.style.left = '-99999px';
      var text = clone.innerText;
      clone.remove();
      return text;""";

  @Autowired
  AccountSeeder seeder;
  @Autowired
  Cameras cameras;

  /** What the crawl found wrong, page by page. */
  private final List<String> problems = new ArrayList<>();

  @Test
  void noPageShowsACodeToAPersonAndEveryPageHasTheNavigationBarAndFitsAPhone() throws Exception {
    int n = N.incrementAndGet();
    Map<String, AccountSeeder.SeededUser> people = new LinkedHashMap<>();
    for (String role : List.of(Roles.INVESTIGATOR, Roles.OPERATOR, Roles.SUPERVISOR, Roles.ADMINISTRATOR,
        Roles.AUDITOR)) {
      people.put(role, seeder.seed(AccountSeeder.Spec.of("crawl-" + role.toLowerCase() + "-" + n,
          "Crawl " + role.substring(0, 1) + role.substring(1).toLowerCase(), role)));
    }
    AccountSeeder.SeededUser admin2 = seeder.seed(AccountSeeder.Spec.of("crawl-admin2-" + n, "Crawl Second",
        Roles.ADMINISTRATOR));
    Camera.WithToken cam = cameras.register("Crawl cam " + n, 36.75, -119.77, 90);
    String plate = "CR" + (7000 + n) + "W";
    post("/api/v1/reads", cam.token(), """
        {"reads":[{"plate":"%s","state":"CA","capturedAt":"%s","vehicle":{"make":"Ford","color":"white","type":"pickup"}}]}"""
        .formatted(plate, clock.instant().minus(Duration.ofMinutes(20))));
    // a policy proposal waiting for approval (its diff and expansions on the policy page), and a privileged
    // account change waiting for a second administrator
    String document = get("/api/v1/policy", null).json().get("document").asString();
    Answer proposed = post("/api/v1/policy/proposals", admin2.apiToken(), JSON.writeValueAsString(Map.of(
        "document", document.replace("nonHit: P30D", "nonHit: P45D"),
        "governingBodyReference", "City council resolution 2026-" + n,
        "note", "Longer retention, as the council resolved")));
    assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
    Answer change = post("/api/v1/accounts", admin2.apiToken(), """
        {"username":"crawl-new-sup-%d","displayName":"Nora New","roles":["SUPERVISOR"]}""".formatted(n));
    assertThat(change.status()).as(change.body()).isEqualTo(202);

    Map<String, Set<String>> seen = new LinkedHashMap<>();
    WebDriver anonymous = Chromium.start(1280, 900);
    try {
      anonymous.get(baseUrl() + "/login");
      assertThat(anonymous.findElement(By.id("transparency-link")).getAttribute("href")).endsWith("/transparency");
      check(anonymous, "anonymous", "/login");
      anonymous.get(baseUrl() + "/transparency");
      check(anonymous, "anonymous", "/transparency");
    } finally {
      anonymous.quit();
    }

    for (Map.Entry<String, AccountSeeder.SeededUser> e : people.entrySet()) {
      String role = e.getKey().toLowerCase();
      WebDriver driver = Chromium.start(1280, 900);
      try {
        Chromium.signIn(driver, baseUrl(), e.getValue(), clock);
        Set<String> links = new LinkedHashSet<>();
        for (WebElement a : driver.findElements(By.cssSelector("nav#nav a"))) {
          links.add(a.getAttribute("href").substring(baseUrl().length()));
        }
        seen.put(role, links);
        for (String path : links) {
          driver.get(baseUrl() + path);
          if (path.startsWith("/operator")) {
            new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.attributeToBe(By.id("stream-status"), "data-state", "live"));
          }
          check(driver, role, path);
          if (path.equals("/search")) {
            search(driver, plate, "robbery on Blackstone, suspect pickup seen leaving", null);
            check(driver, role, "/search (results)");
            driver.get(baseUrl() + "/search");
            search(driver, plate, "ICE detainer", null);
            check(driver, role, "/search (refused, prohibited purpose)");
            driver.get(baseUrl() + "/search");
            search(driver, plate, "robbery on Blackstone, suspect pickup seen leaving", clock.instant().minus(Duration.ofDays(40)));
            assertThat(driver.findElement(By.id("refusal-message")).getText()).contains("retention period of 30 days");
            check(driver, role, "/search (refused, past retention)");
          }
        }
        // a page the role does not open: an HTML page with the navigation bar, never JSON
        String closed = role.equals("administrator") ? "/search" : "/admin/accounts";
        driver.get(baseUrl() + closed);
        assertThat(driver.findElement(By.id("refused")).getText()).isEqualTo("Not open to you");
        assertThat(driver.findElements(By.cssSelector("nav#nav a"))).isNotEmpty();
        check(driver, role, closed + " (refused)");
      } finally {
        driver.quit();
      }
    }
    assertThat(seen.get("investigator")).contains("/search", "/transparency", "/account").doesNotContain("/admin/accounts");
    assertThat(seen.get("operator")).contains("/operator").doesNotContain("/search");
    assertThat(seen.get("investigator")).contains("/holds/mine");
    assertThat(seen.get("supervisor")).contains("/holds", "/hotlists");
    assertThat(seen.get("administrator")).contains("/admin/accounts", "/admin/policy", "/hotlists/import");
    assertThat(seen.get("auditor")).contains("/holds").anyMatch(l -> l.contains("#audit-browser"));
    assertThat(problems).isEmpty();
  }

  /** A search from the form; {@code from}, when given, is typed past the field's own limits (as a script could). */
  private static void search(WebDriver driver, String plate, String reason, java.time.Instant from) {
    driver.findElement(By.name("caseNumber")).sendKeys("2026-009901");
    new Select(driver.findElement(By.name("offense"))).selectByValue("ROBBERY");
    driver.findElement(By.name("reason")).sendKeys(reason);
    driver.findElement(By.name("query")).sendKeys(plate);
    if (from != null) {
      ((JavascriptExecutor) driver).executeScript("var f = document.querySelector('input[name=from]');"
          + "f.removeAttribute('min'); f.value = arguments[0];",
          java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(from.atZone(java.time.ZoneId.of("America/Los_Angeles"))));
    }
    driver.findElement(By.id("search-button")).click();
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.or(
        ExpectedConditions.presenceOfElementLocated(By.id("results")), ExpectedConditions.presenceOfElementLocated(By.id("refusal"))));
  }

  /** Reads the page as a person does, at 1280 px and at 390 px wide, and notes what is wrong with it. */
  private void check(WebDriver driver, String who, String page) throws Exception {
    String name = "page-" + who + (page.equals("/") ? "-home" : page.replaceAll("[^a-z0-9]+", "-").replaceAll("-+$", ""));
    String text = (String) ((JavascriptExecutor) driver).executeScript(VISIBLE_TEXT);
    for (Map.Entry<String, Pattern> code : CODES.entrySet()) {
      Matcher m = code.getValue().matcher(text);
      while (m.find()) {
        int from = Math.max(0, m.start() - 50);
        problems.add(who + " " + page + " shows " + code.getKey() + " '" + m.group() + "': ..."
            + text.substring(from, Math.min(text.length(), m.end() + 50)).replace('\n', ' ') + "...");
      }
    }
    if (driver.findElements(By.cssSelector("nav#nav a")).isEmpty()) {
      problems.add(who + " " + page + " has no navigation bar");
    }
    if (!who.equals("anonymous") && driver.findElements(By.id("sign-out")).isEmpty()) {
      problems.add(who + " " + page + " offers no sign-out");
    }
    Chromium.screenshot(driver, name + "-desktop");
    ChromeDriver chrome = (ChromeDriver) driver;
    chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
    try {
      Object wide = ((JavascriptExecutor) driver).executeScript("""
          var w = document.documentElement.clientWidth, out = [];
          document.querySelectorAll('body *').forEach(function (e) {
            var r = e.getBoundingClientRect();
            var inside = e.parentElement && e.parentElement.closest('.table-scroll, table, pre, .diff, textarea');
            if (r.width > 0 && r.right > w + 1 && !inside) {
              out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + Math.round(r.right) + 'px');
            }
          });
          return out.slice(0, 5).join(', ');""");
      if (!"".equals(wide)) {
        problems.add(who + " " + page + " is wider than a phone (390 px): " + wide);
      }
      Chromium.screenshot(driver, name + "-phone");
    } finally {
      chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }
}
