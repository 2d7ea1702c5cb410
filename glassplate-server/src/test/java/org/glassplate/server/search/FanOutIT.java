package org.glassplate.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.glassplate.server.policy.PolicyProposals;
import org.glassplate.server.sharing.SharingAuditTypes;
import org.glassplate.server.support.AuditEntries;
import org.glassplate.server.support.PolicyChanges;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The requesting side of a fan-out (issue 14, item 4) against stand-in partner nodes on loopback (plain
 * HTTP servers that answer as a partner would, or too late): every partner that answers us is asked,
 * none is dropped, a silent one is TIMEOUT within the fan-out's bound, a pattern is refused, the entry
 * of the partners' answers fails closed, and the search page shows each partner's outcome in words. The
 * real partner node, its signature checks and its scope are in {@code TwoNodeFederationIT}.
 */
class FanOutIT extends SearchTestBase {
  static final String KEY = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

  @Autowired
  PolicyProposals proposals;

  @Autowired
  PartnerFanOut fanOut;

  HttpServer quick;
  HttpServer slow;
  final AtomicInteger askedQuick = new AtomicInteger();
  final AtomicInteger askedSlow = new AtomicInteger();

  @BeforeEach
  void startStandIns() throws Exception {
    quick = standIn("quick-pd", 0, askedQuick);
    slow = standIn("slow-pd", 4_000, askedSlow);
    ReflectionTestUtils.setField(fanOut, "overall", Duration.ofSeconds(1));
    PolicyChanges.apply(policies, proposals, doc -> doc.replace("\n  agreements: []\n", "\n  agreements:\n"
        + agreement("quick-pd", quick, "they-answer") + agreement("slow-pd", slow, "both")
        + agreement("asks-pd", quick, "we-answer")));
  }

  @AfterEach
  void stopStandIns() {
    ReflectionTestUtils.setField(fanOut, "overall", Duration.ofSeconds(10 + PartnerFanOut.GRACE_SECONDS));
    quick.stop(0);
    slow.stop(0);
  }

  /** A stand-in partner node: answers every query with one read of 7ABC123, after {@code delayMillis}. */
  HttpServer standIn(String agency, long delayMillis, AtomicInteger asked) throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.createContext("/api/v1/federation/searches", exchange -> {
      asked.incrementAndGet();
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] body = ("{\"agency\":\"" + agency + "\",\"auditIndex\":41,\"checkpointSize\":42,\"results\":["
          + "{\"readId\":7,\"plate\":\"7ABC123\",\"state\":\"CA\",\"capturedAt\":\"" + now.minus(Duration.ofHours(3))
          + "\",\"camera\":{\"id\":3,\"name\":\"Their cam 3\",\"lat\":37.5,\"lon\":-121.5},\"vehicle\":null}]}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    s.start();
    return s;
  }

  static String agreement(String id, HttpServer node, String direction) {
    return "    - id: " + id + "\n"
        + "      name: " + id.substring(0, 1).toUpperCase() + id.substring(1, id.indexOf('-')) + " Police Department\n"
        + "      state: CA\n"
        + "      kind: local\n"
        + "      url: http://127.0.0.1:" + node.getAddress().getPort() + "\n"
        + "      publicKey: " + KEY + "\n"
        + "      direction: " + direction + "\n"
        + "      scope:\n"
        + "        cameras: all\n"
        + "        reads: all\n"
        + "        lookback: P7D\n"
        + "        offenses: [ROBBERY]\n"
        + "      starts: 2020-01-01\n"
        + "      expires: 2099-01-01\n"
        + "      reference: MOU " + id + "\n";
  }

  ObjectNode withPartners(Object partners) {
    ObjectNode b = body();
    b.put("plate", "7ABC123");
    if (partners instanceof Boolean all) {
      b.put("partners", all);
    } else {
      var list = b.putArray("partners");
      ((List<?>) partners).forEach(id -> list.add((String) id));
    }
    return b;
  }

  static List<String> statuses(JsonNode answer) {
    List<String> out = new ArrayList<>();
    answer.get("partners").forEach(p -> out.add(p.get("agency").asString() + " " + p.get("status").asString()
        + (p.has("code") ? " " + p.get("code").asString() : "")));
    return out;
  }

  @Test
  void asksEveryPartnerThatAnswersUsAndNamesASilentOneTimedOut() {
    Answer a = search(withPartners(true));
    assertEquals(200, a.status(), a.body());
    JsonNode answer = a.json();
    assertEquals(List.of("quick-pd OK", "slow-pd TIMEOUT"), statuses(answer),
        "asks-pd has only us answer: it is not asked");
    JsonNode quickOne = answer.get("partners").get(0);
    assertEquals(41, quickOne.get("auditIndex").asLong());
    assertEquals(42, quickOne.get("checkpointSize").asLong());
    assertEquals(1, quickOne.get("count").asInt());
    assertEquals(0, answer.get("partners").get(1).get("count").asInt());
    assertNull(answer.get("partners").get(1).get("auditIndex"));
    assertEquals(1, askedQuick.get());
    assertEquals(1, askedSlow.get(), "the silent partner was asked all the same");

    List<String> agencies = new ArrayList<>();
    answer.get("results").forEach(r -> agencies.add(r.get("agency").asString()));
    assertEquals(List.of("demo-pd", "demo-pd", "quick-pd"), agencies, "ours, then the partner's");
    JsonNode theirs = answer.get("results").get(2);
    assertEquals("Their cam 3", theirs.get("camera").asString());
    assertEquals(37.5, theirs.get("lat").asDouble());

    JsonNode sent = AuditEntries.last(jdbc, SharingAuditTypes.PARTNER_SEARCH_SENT);
    assertEquals(answer.get("searchId").asString(), sent.get("searchId").asString());
    assertEquals(2, sent.get("partners").size());
    assertEquals(41, sent.get("partners").get(0).get("auditIndex").asLong());
    assertEquals("TIMEOUT", sent.get("partners").get(1).get("status").asString());
    assertEquals(1, sent.get("resultCount").asInt());
    assertFalse(sent.toString().contains("7ABC123") || sent.toString().contains("24-001187"), sent.toString());
    JsonNode performed = AuditEntries.last(jdbc, SearchAuditTypes.SEARCH_PERFORMED);
    assertEquals(2, performed.get("partnersAsked").size());
  }

  @Test
  void aListAsksOnlyThoseAndAnswersAnAgencyWithoutAgreementRefused() {
    JsonNode answer = search(withPartners(List.of("quick-pd", "asks-pd", "nowhere-pd"))).json();
    assertEquals(List.of("quick-pd OK", "asks-pd REFUSED NO_AGREEMENT", "nowhere-pd REFUSED NO_AGREEMENT"),
        statuses(answer));
    assertEquals(0, askedSlow.get());
    JsonNode none = search(withPartners(List.of())).json();
    assertEquals(0, none.get("partners").size(), "an empty list asks nobody, and says so");
    JsonNode notAsked = search(withPartners(false)).json();
    assertFalse(notAsked.has("partners"));
    assertFalse(notAsked.has("partnersAuditIndex"));
    assertEquals("demo-pd", notAsked.get("results").get(0).get("agency").asString());
  }

  @Test
  void refusesAPatternWithPartnersAndABadPartnersValue() {
    ObjectNode b = withPartners(true);
    b.remove("plate");
    b.put("pattern", "7ABC*");
    assertRefused(search(b), 422, "INVALID_FIELD", "partners", "PARTNERS_NEED_PLATE");
    assertEquals(0, askedQuick.get());
    ObjectNode bad = body();
    bad.put("plate", "7ABC123");
    bad.put("partners", 3);
    assertEquals(400, search(bad).status());
  }

  @Test
  void returnsNothingWhenThePartnersAnswersCannotBeRecorded() {
    jdbc.sql("""
        CREATE FUNCTION test_fan_out_unwritable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit storage is unwritable (test)'; END $$""").update();
    jdbc.sql("""
        CREATE TRIGGER test_fan_out_unwritable BEFORE INSERT ON audit_pending
        FOR EACH ROW WHEN (NEW.type_code = 803) EXECUTE FUNCTION test_fan_out_unwritable()""").update();
    try {
      Answer a = search(withPartners(List.of("quick-pd")));
      assertEquals(503, a.status(), a.body());
      assertEquals("AUDIT_UNAVAILABLE", a.json().get("error").get("code").asString());
      assertFalse(a.body().contains("7ABC123"), "no read, ours or the partner's, without the entry");
      assertEquals(1, askedQuick.get());
    } finally {
      jdbc.sql("DROP TRIGGER test_fan_out_unwritable ON audit_pending").update();
      jdbc.sql("DROP FUNCTION test_fan_out_unwritable()").update();
    }
  }

  @Test
  void theSearchPageOffersToAskPartnersAndShowsEachOutcomeInWords() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String html = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/search"))
        .header("Authorization", "Bearer " + fixture.investigator()).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(html.contains("Also ask partner agencies (Quick Police Department, Slow Police Department)"), html);
    Matcher csrf = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">").matcher(html);
    assertTrue(csrf.find());
    Map<String, String> f = new LinkedHashMap<>();
    f.put(csrf.group(1), csrf.group(2));
    f.put("caseNumber", "24-001187");
    f.put("offense", "ROBBERY");
    f.put("reason", "armed robbery at 5th and Main, suspect vehicle seen leaving");
    f.put("query", "7ABC123");
    f.put("fromIso", now.minus(Duration.ofDays(2)).toString());
    f.put("toIso", now.plus(Duration.ofMinutes(2)).toString());
    f.put("partners", "on");
    String form = f.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/search"))
        .header("Authorization", "Bearer " + fixture.investigator())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode(), page.body());
    String results = page.body();
    assertTrue(results.contains("<strong>Quick Police Department</strong>: answered: 1 read, recorded in its audit log"
        + " at index <span class=\"partner-audit-index\">41</span>."), results);
    assertTrue(results.contains("<strong>Slow Police Department</strong>: did not answer in time"), results);
    assertTrue(results.contains("<th>Agency</th>"));
    assertTrue(results.contains("<td>Quick Police Department</td>") && results.contains("Their cam 3"));
    assertTrue(results.contains("id=\"partners-audit-index\""));
    assertEquals(SharingAuditTypes.PARTNER_SEARCH_SENT.name(),
        AuditEntries.last(jdbc, SharingAuditTypes.PARTNER_SEARCH_SENT).get("type").asString());
  }
}
