package org.glassplate.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.support.AuditEntries;
import org.junit.jupiter.api.Test;

/** The investigators' search page: form, results table, plot, refusal message. Same fixture as {@link SearchIT}. */
class SearchPageIT extends SearchTestBase {
  static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);

  final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

  String getPage() throws Exception {
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/search"))
        .header("Authorization", "Bearer " + fixture.investigator()).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode(), page.body());
    return page.body();
  }

  HttpResponse<String> submit(Map<String, String> fields) throws Exception {
    String html = getPage();
    Matcher csrf = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">").matcher(html);
    assertTrue(csrf.find(), "the form carries a CSRF token");
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put(csrf.group(1), csrf.group(2));
    String form = all.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/search"))
        .header("Authorization", "Bearer " + fixture.investigator())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  Map<String, String> form(String query, String reason) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("caseNumber", "24-001187");
    f.put("offense", "ROBBERY");
    f.put("reason", reason);
    f.put("query", query);
    f.put("from", LOCAL.format(now.minus(Duration.ofDays(2))));
    f.put("to", LOCAL.format(now.plus(Duration.ofMinutes(2))));
    f.put("pageSize", "100");
    f.put("page", "1");
    return f;
  }

  @Test
  void thePageOffersTheFormWithThePolicysOffenses() throws Exception {
    String html = getPage();
    assertTrue(html.contains("<form method=\"post\" action=\"/search\""));
    assertTrue(html.contains("<option value=\"STOLEN_VEHICLE\">"), "offenses come from the policy in force");
    assertTrue(html.contains("name=\"caseNumber\"") && html.contains("name=\"reason\"") && html.contains("name=\"query\""));
    assertTrue(html.contains("<script src=\"/search/search.js\""));
    assertTrue(!html.contains("http://") || html.indexOf("http://") == html.indexOf("http://www.w3.org"),
        "no outside resources");
    HttpResponse<String> js = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/search/search.js")).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, js.statusCode());
    assertTrue(js.body().contains("toISOString"));
  }

  @Test
  void showsResultsAsATableWithAPlotOfWhereThePlateWasSeen() throws Exception {
    HttpResponse<String> page = submit(form("7ABC123", "armed robbery, suspect vehicle seen on Main"));
    assertEquals(200, page.statusCode(), page.body());
    String html = page.body();
    assertTrue(html.contains("<table id=\"results-table\">"));
    assertEquals(2, count(html, "<td class=\"plate\">7ABC123</td>"));
    assertTrue(html.contains("Search cam A") && html.contains("Search cam B"));
    assertTrue(html.contains("<svg id=\"plot\""));
    assertEquals(2, count(html, "<circle class=\"seen\""), "one circle per place seen");
    assertTrue(html.contains("<form method=\"post\" action=\"/holds\" id=\"hold-form\">")
        && html.contains("Ask for a legal hold on these 2 reads") && html.contains("name=\"searchId\" value=\""),
        "the results offer a legal hold request on them");
    Matcher index = Pattern.compile("id=\"audit-index\" href=\"[^\"]+\">(\\d+)<").matcher(html);
    assertTrue(index.find());
    assertEquals(AuditEventTypes.SEARCH_PERFORMED.name(), AuditEntries.last(jdbc, AuditEventTypes.SEARCH_PERFORMED).get("type").asString());
  }

  @Test
  void showsTheRefusalMessageWhenRefused() throws Exception {
    HttpResponse<String> page = submit(form("7ABC123", "ICE detainer"));
    assertEquals(403, page.statusCode());
    String html = page.body();
    assertTrue(html.contains("<strong id=\"refusal-code\">PROHIBITED_PURPOSE</strong>"), html);
    assertTrue(html.contains("Immigration enforcement"));
    assertTrue(!html.contains("results-table"));
    assertEquals("PROHIBITED_PURPOSE", AuditEntries.last(jdbc, AuditEventTypes.SEARCH_DENIED).get("reasonCode").asString());
  }

  /** Issue 13: a window wholly in the future is refused on the page too, with the field marked and focused, in words. */
  @Test
  void refusesAWindowWhollyInTheFutureMarkingTheField() throws Exception {
    Map<String, String> f = form("7ABC123", "armed robbery, suspect vehicle seen on Main");
    f.put("from", LOCAL.format(now.plus(Duration.ofDays(3))));
    f.put("to", LOCAL.format(now.plus(Duration.ofDays(4))));
    HttpResponse<String> page = submit(f);
    assertEquals(422, page.statusCode());
    String html = page.body();
    assertTrue(html.contains("the window is wholly in the future"), html);
    assertTrue(Pattern.compile("<input type=\"datetime-local\" name=\"from\"[^>]* aria-invalid=\"true\" autofocus>")
        .matcher(html).find(), "the field in error is marked and focused");
    assertTrue(!html.contains("results-table"));
    assertEquals("WINDOW_IN_FUTURE", AuditEntries.last(jdbc, AuditEventTypes.SEARCH_DENIED).get("reasonCode").asString());
  }

  /** Issue 13: the form keeps every camera ticked, and the results offer the next page with the same criteria. */
  @Test
  void keepsEveryTickedCameraAndOffersTheNextPageWithTheSameCriteria() throws Exception {
    Map<String, String> f = form("*", "armed robbery, suspect vehicle seen on Main");
    f.put("pageSize", "5");
    String html = submitWithCameras(f, fixture.cameraA(), fixture.cameraB()).body();
    for (long id : new long[] {fixture.cameraA(), fixture.cameraB()}) {
      assertTrue(html.contains("name=\"camera\" value=\"" + id + "\" checked>"), "camera " + id + " stays ticked");
      assertTrue(html.contains("<input type=\"hidden\" name=\"camera\" value=\"" + id + "\">"),
          "camera " + id + " is carried to the other pages");
    }
    assertTrue(html.contains("<input type=\"hidden\" name=\"caseNumber\" value=\"24-001187\">"));
    assertTrue(html.contains("id=\"next-page\"") && !html.contains("id=\"previous-page\""),
        "15 reads: the first page of 5 offers only the next");
    assertTrue(html.contains("<input type=\"hidden\" name=\"pageSize\" value=\"5\">"));
  }

  HttpResponse<String> submitWithCameras(Map<String, String> fields, long... cameras) throws Exception {
    String html = getPage();
    Matcher csrf = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">").matcher(html);
    assertTrue(csrf.find(), "the form carries a CSRF token");
    StringBuilder form = new StringBuilder(URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(csrf.group(2), StandardCharsets.UTF_8));
    fields.forEach((k, v) -> form.append('&').append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    for (long c : cameras) {
      form.append("&camera=").append(c);
    }
    return browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/search"))
        .header("Authorization", "Bearer " + fixture.investigator())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
  }

  static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
