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
 * checks what a person reads ({@link PageText}): no ISO-8601 duration ({@code PT720H}), no requirement
 * id ({@code R-SRCH-3}), no pseudonym ({@code user:4}), no machine code ({@code INVALID_FIELD}); every
 * shown time has its UTC on hover and is not an ISO instant; the navigation bar is there, with
 * sign-out; the page fits a phone's width. The pages are filled first: a pending hot-list entry, a
 * pending import, an alert verified as a misread with a note, a legal hold on a search (whose own page
 * is opened too), an approved policy proposal and a pending one, a privileged account change waiting.
 * The policy document itself ({@code .verbatim}: its text and diffs, as written and enforced), the small
 * muted line with a refusal's code, and a code kept for the record beside its words ({@code .code}) are
 * not read as prose. Screenshots of every page at 1280 px and 390 px wide go to target/screenshots/.
 */
class EveryPageBrowserIT extends IntegrationTest {
  private static final AtomicInteger N = new AtomicInteger();
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
    long hold = fill(n, people, admin2, cam, plate);
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
          if (path.equals("/holds")) {
            // the hold's own page, with the reads it keeps, from its row
            driver.findElement(By.id("reads-" + hold)).click();
            new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("held-reads")));
            assertThat(driver.findElement(By.id("held-reads")).getText()).contains(plate);
            check(driver, role, "/holds/" + hold);
            opened.add(role + " /holds/" + hold);
          }
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
    assertThat(opened).as("a hold's own page was read by those who decide and audit holds")
        .contains("supervisor /holds/" + hold, "auditor /holds/" + hold);
    assertThat(filled).as("the pages were read filled").containsKeys("supervisor /hotlists", "operator /operator");
    assertThat(filled.get("supervisor /hotlists")).as("the supervisors' page with a pending entry and import")
        .contains("Crawl list " + n, "Crawl state extract " + n)
        .doesNotContain("No entry is waiting for approval", "No import is waiting for approval");
    assertThat(filled.get("operator /operator")).as("the alerts page with a verified misread and its note")
        .contains(alertPlate, "the 8 was a B on the photo", "Crawl Operator");
    assertThat(filled.get("investigator /holds/mine")).as("the investigator's own hold").contains("search ");
    assertThat(filled.get("administrator /admin/policy")).as("the approved proposal and its note")
        .contains("approved", "Crawl Administrator", "comment only, reviewed");
    assertThat(problems).isEmpty();
  }

  private String alertPlate;
  /** Which pages were opened beyond the navigation bar's, as "role path". */
  private final List<String> opened = new ArrayList<>();
  /** The visible text of each page read, by "role path" (the first time it was read). */
  private final Map<String, String> filled = new LinkedHashMap<>();

  /**
   * Fills the pages before the crawl reads them: a hot list with an entry waiting for a supervisor, an
   * import into the state list waiting for a second person, an alert an operator verified as a misread
   * with a note, the investigator's search of {@code plate} with a legal hold on it (pending), and a
   * policy proposal a second administrator approved with a note (a comment only: nothing enforced changes).
   * Returns the hold's id.
   */
  private long fill(int n, Map<String, AccountSeeder.SeededUser> people, AccountSeeder.SeededUser admin2,
      Camera.WithToken cam, String plate) throws Exception {
    String supervisor = people.get(Roles.SUPERVISOR).apiToken();
    String operator = people.get(Roles.OPERATOR).apiToken();
    String investigator = people.get(Roles.INVESTIGATOR).apiToken();
    String administrator = people.get(Roles.ADMINISTRATOR).apiToken();
    Answer list = post("/api/v1/hotlists", supervisor, "{\"name\":\"Crawl list %d\",\"source\":\"local\"}".formatted(n));
    assertThat(list.status()).as(list.body()).isEqualTo(201);
    long listId = list.json().path("id").longValue();
    String expires = clock.instant().plus(Duration.ofDays(3)).toString();
    alertPlate = "CA" + (8000 + n) + "M";
    String pendingPlate = "CP" + (8000 + n) + "N";
    Answer entry = post("/api/v1/hotlists/" + listId + "/entries", operator, """
        {"plate":"%s","state":"CA","reason":"stolen_vehicle","expiresAt":"%s"}""".formatted(alertPlate, expires));
    assertThat(entry.status()).as(entry.body()).isEqualTo(201);
    Answer approved = post("/api/v1/hotlists/" + listId + "/entries/" + entry.json().path("id").longValue()
        + "/approval", supervisor, "{}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    Answer pending = post("/api/v1/hotlists/" + listId + "/entries", operator, """
        {"plate":"%s","state":"CA","reason":"stolen_plate","expiresAt":"%s"}""".formatted(pendingPlate, expires));
    assertThat(pending.status()).as(pending.body()).isEqualTo(201);
    assertThat(pending.json().path("status").stringValue()).isEqualTo("PENDING_APPROVAL");

    Answer hit = post("/api/v1/reads", cam.token(), """
        {"reads":[{"plate":"%s","state":"CA","capturedAt":"%s"}]}""".formatted(alertPlate,
        clock.instant().minus(Duration.ofMinutes(3))));
    assertThat(hit.json().path("alerts")).as(hit.body()).hasSize(1);
    long alert = hit.json().path("alerts").get(0).path("alertId").longValue();
    Answer verified = post("/api/v1/alerts/" + alert + "/verification", operator,
        "{\"outcome\":\"misread\",\"note\":\"the 8 was a B on the photo\"}");
    assertThat(verified.status()).as(verified.body()).isEqualTo(200);

    Answer stateList = post("/api/v1/hotlists", supervisor,
        "{\"name\":\"Crawl state extract %d\",\"source\":\"state\"}".formatted(n));
    assertThat(stateList.status()).as(stateList.body()).isEqualTo(201);
    Answer started = post("/api/v1/hotlists/" + stateList.json().path("id").longValue() + "/imports", supervisor,
        "{\"mode\":\"append\"}");
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String base = "/api/v1/hotlists/" + stateList.json().path("id").longValue() + "/imports/"
        + started.json().path("id").longValue();
    Answer part = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + base + "/parts"))
        .header("Content-Type", "text/csv").header("Authorization", "Bearer " + supervisor)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("plate,reason,expiresAt\nCS" + (8000 + n)
            + "T,stolen_vehicle,2099-01-01\nCS" + (8000 + n) + "U,stolen_plate,2099-01-01\n")).build());
    assertThat(part.status()).as(part.body()).isEqualTo(200);
    Answer done = post(base + "/completion", supervisor, "{}");
    assertThat(done.status()).as(done.body()).isEqualTo(202);
    assertThat(done.json().path("status").stringValue()).isEqualTo("AWAITING_APPROVAL");

    Answer search = post("/api/v1/searches", investigator, """
        {"plate":"%s","from":"%s","to":"%s","caseNumber":"2026-009902","offense":"ROBBERY",
         "reason":"robbery on Blackstone, suspect pickup seen leaving"}"""
        .formatted(plate, clock.instant().minus(Duration.ofHours(2)), clock.instant().plus(Duration.ofMinutes(1))));
    assertThat(search.status()).as(search.body()).isEqualTo(200);
    Answer hold = post("/api/v1/legal-holds", investigator, """
        {"reason":"robbery: keep the sightings for trial","endsAt":"%s","searchId":"%s"}"""
        .formatted(clock.instant().plus(Duration.ofDays(30)), search.json().path("searchId").stringValue()));
    assertThat(hold.status()).as(hold.body()).isEqualTo(201);

    String document = get("/api/v1/policy", null).json().get("document").asString();
    Answer proposal = post("/api/v1/policy/proposals", admin2.apiToken(), JSON.writeValueAsString(Map.of(
        "document", document + "\n# reviewed by the page crawl " + n + "\n",
        "note", "A comment only: nothing enforced changes")));
    assertThat(proposal.status()).as(proposal.body()).isEqualTo(201);
    Answer approval = post("/api/v1/policy/proposals/" + proposal.json().path("id").longValue() + "/approvals",
        administrator, "{\"note\":\"comment only, reviewed\"}");
    assertThat(approval.status()).as(approval.body()).isBetween(200, 201);
    return hold.json().path("id").longValue();
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
    String text = (String) ((JavascriptExecutor) driver).executeScript(PageText.VISIBLE_TEXT_SCRIPT);
    filled.putIfAbsent(who + " " + page, text);
    for (String code : PageText.codesIn(text)) {
      problems.add(who + " " + page + " shows " + code);
    }
    for (WebElement time : driver.findElements(By.cssSelector("time[title]"))) {
      String problem = PageText.timeProblem(time.getAttribute("title"), time.getAttribute("textContent"));
      if (problem != null) {
        problems.add(who + " " + page + " shows " + problem);
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
