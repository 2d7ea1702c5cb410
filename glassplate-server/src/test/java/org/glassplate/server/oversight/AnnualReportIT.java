package org.glassplate.server.oversight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.audit.AuditLog;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Roles;
import org.glassplate.server.support.AuditEntries;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.PageClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The annual misuse report (R-GOV-4, issue 16 item 4): in a calendar year nobody else uses (the clock
 * moved years ahead), real searches raise findings, an investigation is closed with counseling and
 * another stays pending; the year's report counts them, its JSON and CSV agree with counts taken by
 * independent SQL over the audit log and the oversight tables, the printable page shows the figures,
 * and the public transparency page and JSON carry the same totals and no name or pseudonym. The next
 * year, the report of the year before counts the investigation still pending at its end as pending.
 */
class AnnualReportIT extends IntegrationTest {
  static final String GOOD = "armed robbery at 5th and Main, suspect vehicle seen leaving";

  @Autowired
  AccountSeeder seeder;

  @Autowired
  Findings findings;

  @Autowired
  Agency agency;

  @Autowired
  AuditLog auditLog;

  record Person(String pseudonym, String token) {
  }

  Person person(String name, String... roles) {
    AccountSeeder.SeededUser u = seeder.seed(AccountSeeder.Spec.of("report-" + UUID.randomUUID().toString()
        .substring(0, 8), name, roles));
    return new Person("user:" + u.id(), u.apiToken());
  }

  /** Moves the clock to noon (local) of the day. */
  void moveTo(LocalDate day) {
    Instant target = day.atTime(12, 0).atZone(agency.timeZone()).toInstant();
    clock.advance(Duration.between(clock.instant(), target));
  }

  Answer search(Person p, String plate, String caseNumber, String reason) {
    ObjectNode b = JSON.createObjectNode();
    b.put("plate", plate);
    b.put("from", clock.instant().minus(Duration.ofDays(1)).toString());
    b.put("to", clock.instant().plus(Duration.ofMinutes(1)).toString());
    b.put("caseNumber", caseNumber);
    b.put("offense", "ROBBERY");
    b.put("reason", reason);
    return post("/api/v1/searches", p.token(), b.toString());
  }

  /** Waits until the sequencer has signed everything recorded so far (searches are counted from the signed log). */
  void awaitSigned() throws InterruptedException {
    Instant until = Instant.now().plusSeconds(20);
    long total;
    do {
      Thread.sleep(200);
      total = jdbc.sql("SELECT count(*) FROM audit_pending").query(Long.class).single()
          + jdbc.sql("SELECT count(*) FROM audit_entry").query(Long.class).single();
    } while (auditLog.size() < total && Instant.now().isBefore(until));
  }

  /** The counts the report must show, taken by SQL of this test's own over the year [from, until). */
  Map<String, Long> counted(Instant from, Instant until, Instant asOf) {
    Map<String, Long> out = new TreeMap<>();
    String inYear = " AND (convert_from(entry, 'UTF8')::jsonb ->> 'time')::timestamptz >= :from"
        + " AND (convert_from(entry, 'UTF8')::jsonb ->> 'time')::timestamptz < :until";
    out.put("searches.performed", jdbc.sql("SELECT count(*) FROM audit_entry WHERE type_code = 501" + inYear)
        .param("from", ts(from)).param("until", ts(until)).query(Long.class).single());
    out.put("searches.refused", jdbc.sql("SELECT count(*) FROM audit_entry WHERE type_code = 502" + inYear)
        .param("from", ts(from)).param("until", ts(until)).query(Long.class).single());
    jdbc.sql("SELECT convert_from(entry, 'UTF8')::jsonb ->> 'reasonCode', count(*) FROM audit_entry"
            + " WHERE type_code = 502" + inYear + " GROUP BY 1")
        .param("from", ts(from)).param("until", ts(until))
        .query((rs, n) -> out.put("refused by reason." + rs.getString(1), rs.getLong(2))).list();
    out.put("findings.total", jdbc.sql("""
            SELECT count(*) FROM oversight_finding WHERE occurred_at >= :from AND occurred_at < :until""")
        .param("from", ts(from)).param("until", ts(until)).query(Long.class).single());
    jdbc.sql("""
            SELECT rule, count(*) FROM oversight_finding WHERE occurred_at >= :from AND occurred_at < :until
            GROUP BY rule""").param("from", ts(from)).param("until", ts(until))
        .query((rs, n) -> out.put("findings by rule." + rs.getString(1), rs.getLong(2))).list();
    out.put("investigations.opened", jdbc.sql("""
            SELECT count(*) FROM oversight_investigation WHERE opened_at >= :from AND opened_at < :until""")
        .param("from", ts(from)).param("until", ts(until)).query(Long.class).single());
    jdbc.sql("""
            SELECT CASE WHEN closed_at IS NULL OR closed_at >= :asOf THEN 'PENDING' ELSE outcome END, count(*)
            FROM oversight_investigation WHERE opened_at >= :from AND opened_at < :until GROUP BY 1""")
        .param("asOf", ts(asOf)).param("from", ts(from)).param("until", ts(until))
        .query((rs, n) -> out.put("investigations opened by outcome." + rs.getString(1), rs.getLong(2))).list();
    out.put("investigations.closed", jdbc.sql("""
            SELECT count(*) FROM oversight_investigation WHERE closed_at >= :from AND closed_at < :until""")
        .param("from", ts(from)).param("until", ts(until)).query(Long.class).single());
    jdbc.sql("""
            SELECT outcome, count(*) FROM oversight_investigation WHERE closed_at >= :from AND closed_at < :until
            GROUP BY 1""").param("from", ts(from)).param("until", ts(until))
        .query((rs, n) -> out.put("investigations closed by outcome." + rs.getString(1), rs.getLong(2))).list();
    out.put("investigations.pending", jdbc.sql("""
            SELECT count(*) FROM oversight_investigation WHERE opened_at < :asOf
            AND (closed_at IS NULL OR closed_at >= :asOf)""").param("asOf", ts(asOf)).query(Long.class).single());
    return out;
  }

  static java.sql.Timestamp ts(Instant t) {
    return java.sql.Timestamp.from(t);
  }

  /** The CSV's counts by "section.item", zero rows left out (as SQL has no row for them). */
  static Map<String, Long> csv(String body) {
    List<String> lines = body.lines().toList();
    assertEquals("section,item,count", lines.get(0));
    Map<String, Long> out = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      assertEquals(3, cells.length, line);
      long n = Long.parseLong(cells[2]);
      if (n != 0 && !cells[0].equals("year") && !cells[1].equals("overdue")) {
        out.put(cells[0] + "." + cells[1], n);
      }
    }
    return out;
  }

  /** The JSON's counts named as the CSV names them, zero ones left out. */
  static Map<String, Long> json(JsonNode r) {
    Map<String, Long> out = new TreeMap<>();
    put(out, "searches.performed", r.get("searches").asLong());
    put(out, "searches.refused", r.get("searchesRefused").asLong());
    r.get("refusedByReason").properties().forEach(e -> put(out, "refused by reason." + e.getKey(), e.getValue().asLong()));
    put(out, "findings.total", r.get("findings").asLong());
    r.get("findingsByRule").properties().forEach(e -> put(out, "findings by rule." + e.getKey(), e.getValue().asLong()));
    put(out, "investigations.opened", r.get("investigationsOpened").asLong());
    r.get("investigationsOpenedByOutcome").properties()
        .forEach(e -> put(out, "investigations opened by outcome." + e.getKey(), e.getValue().asLong()));
    put(out, "investigations.closed", r.get("investigationsClosed").asLong());
    r.get("investigationsClosedByOutcome").properties()
        .forEach(e -> put(out, "investigations closed by outcome." + e.getKey(), e.getValue().asLong()));
    put(out, "investigations.pending", r.get("investigationsPending").asLong());
    return out;
  }

  private static void put(Map<String, Long> m, String k, long n) {
    if (n != 0) {
      m.put(k, n);
    }
  }

  @Test
  void aYearsReportCountsItsSearchesFindingsAndInvestigationsAsTheDatabaseHasThem() throws Exception {
    ZoneId zone = agency.timeZone();
    int year = ZonedDateTime.now(zone).getYear() + 7; // a year no other test moves its clock to
    Instant from = LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant();
    Instant until = LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant();
    moveTo(LocalDate.of(year, 3, 10));
    Person ann = person("Ann Auditor", Roles.AUDITOR);
    Person ivo = person("Ivo Vestigator", Roles.INVESTIGATOR);
    assertEquals(200, search(ivo, "7YR0001", "24-009001", GOOD).status());
    assertEquals(200, search(ivo, "7YR0002", "n/a", GOOD).status());
    assertEquals(403, search(ivo, "7YR0003", "24-009003", "protest organizer at city hall").status());
    AuditEntries.awaitSequenced(jdbc);
    findings.catchUp();
    List<Finding> raised = findings.list(null, ivo.pseudonym(), null, Caller.system());
    Map<String, Long> rules = new TreeMap<>();
    raised.forEach(f -> rules.merge(f.rule(), 1L, Long::sum));
    assertEquals(Map.of("MISSING_CASE_NUMBER", 1L, "PROHIBITED_PURPOSE", 1L), rules);
    long missing = raised.stream().filter(f -> f.rule().equals("MISSING_CASE_NUMBER")).findFirst().orElseThrow().id();
    long prohibited = raised.stream().filter(f -> f.rule().equals("PROHIBITED_PURPOSE")).findFirst().orElseThrow().id();
    String api = "/api/v1/oversight/investigations";
    long counseled = post(api, ann.token(), "{\"findings\":[" + missing + "]}").json().get("id").asLong();
    Answer closed = post(api + "/" + counseled + "/outcome", ann.token(),
        "{\"outcome\":\"COUNSELING_OR_TRAINING\",\"note\":\"told to type the case number\"}");
    assertEquals(200, closed.status(), closed.body());
    clock.advance(Duration.ofMinutes(5));
    Answer pendingOne = post(api, ann.token(), "{\"findings\":[" + prohibited + "]}");
    assertEquals(201, pendingOne.status(), pendingOne.body());
    long pending = pendingOne.json().get("id").asLong();
    awaitSigned();

    Answer json = get("/oversight/reports/" + year + ".json", ann.token());
    assertEquals(200, json.status(), json.body());
    JsonNode r = json.json();
    assertEquals(year, r.get("year").asInt());
    assertEquals(from.toString(), r.get("from").asString());
    assertEquals(until.toString(), r.get("until").asString());
    assertEquals(2, r.get("searches").asLong());
    assertEquals(1, r.get("refusedByReason").get("PROHIBITED_PURPOSE").asLong());
    assertEquals(2, r.get("findings").asLong());
    assertEquals(1, r.get("findingsByRule").get("MISSING_CASE_NUMBER").asLong());
    assertEquals(0, r.get("findingsByRule").get("OFF_HOURS").asLong(), "every rule is listed, zero where none");
    assertEquals(2, r.get("investigationsOpened").asLong());
    assertEquals(1, r.get("investigationsOpenedByOutcome").get("COUNSELING_OR_TRAINING").asLong());
    assertEquals(1, r.get("investigationsOpenedByOutcome").get("PENDING").asLong());
    assertEquals(0, r.get("investigationsOpenedByOutcome").get("REFERRED_FELONY").asLong());
    assertEquals(1, r.get("investigationsClosed").asLong());
    assertEquals(1, r.get("investigationsClosedByOutcome").get("COUNSELING_OR_TRAINING").asLong());
    assertFalse(r.get("investigationsClosedByOutcome").has("PENDING"), "pending is no way to close");
    Instant asOf = Instant.parse(r.get("asOf").asString());
    Map<String, Long> db = counted(from, until, asOf);
    assertEquals(db, json(r), "the JSON, as the database has it");
    assertEquals(2L, db.get("searches.performed"));

    Answer csv = get("/oversight/reports/" + year + ".csv", ann.token());
    assertEquals(200, csv.status(), csv.body());
    assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
    assertEquals(db, csv(csv.body()), "the CSV, as the database has it");

    Answer page = new PageClient(baseUrl(), ann.token()).page("/oversight/reports/" + year);
    assertEquals(200, page.status(), page.body());
    for (String figure : List.of("searches\">2<", "findingsByRule.MISSING_CASE_NUMBER\">1<",
        "investigationsOpened\">2<", "investigationsClosedByOutcome.COUNSELING_OR_TRAINING\">1<",
        "investigationsOpenedByOutcome.PENDING\">1<")) {
      assertTrue(page.body().contains("data-figure=\"" + figure), figure + " in " + page.body());
    }
    assertTrue(page.body().contains("counseling or training"), "outcomes in words");

    clock.advance(Duration.ofSeconds(61)); // the public figures are at most a minute old
    JsonNode pub = get("/transparency.json", null).json().get("misuseReport");
    assertEquals(year, pub.get("currentYear").get("year").asInt());
    assertEquals(year - 1, pub.get("previousYear").get("year").asInt());
    for (String k : List.of("searches", "searchesRefused", "findings", "investigationsOpened", "investigationsClosed")) {
      assertEquals(r.get(k).asLong(), pub.get("currentYear").get(k).asLong(), k);
    }
    assertEquals(r.get("findingsByRule"), pub.get("currentYear").get("findingsByRule"));
    assertEquals(r.get("investigationsOpenedByOutcome"), pub.get("currentYear").get("investigationsOpenedByOutcome"));
    assertFalse(pub.toString().matches("(?s).*(user:\\d|Ivo|Ann|7YR000|24-0090|protest).*"), "no names: " + pub);
    String publicPage = get("/transparency", null).body();
    assertTrue(publicPage.contains("data-figure=\"misuseReport.currentYear.investigationsOpened\">2<"), publicPage);

    // the next year: the one still pending at the end of the year counts as pending in that year's report
    moveTo(LocalDate.of(year + 1, 1, 20));
    Person lou = person("Lou Auditor", Roles.AUDITOR);
    assertEquals(200, post(api + "/" + pending + "/outcome", lou.token(), "{\"outcome\":\"SUSPENSION\"}").status());
    Answer before = get("/oversight/reports/" + year + ".json", lou.token());
    assertEquals(until.toString(), before.json().get("asOf").asString());
    assertEquals(1, before.json().get("investigationsOpenedByOutcome").get("PENDING").asLong());
    assertEquals(1, before.json().get("investigationsClosed").asLong());
    assertEquals(counted(from, until, until), json(before.json()));
    Answer next = get("/oversight/reports/" + (year + 1) + ".json", lou.token());
    assertEquals(1, next.json().get("investigationsClosedByOutcome").get("SUSPENSION").asLong());
    assertEquals(0, next.json().get("investigationsOpened").asLong());
  }

  @Test
  void aYearThatIsNoneOrToComeIsA422NamingTheYear() {
    Person ann = person("Ann Auditor", Roles.AUDITOR);
    int next = ZonedDateTime.now(agency.timeZone()).getYear() + 1;
    for (String year : List.of("abc", "1999", Integer.toString(next), "20x6")) {
      Answer a = get("/oversight/reports/" + year + ".json", ann.token());
      assertEquals(422, a.status(), year + ": " + a.body());
      assertEquals("year", a.json().get("error").get("field").asString());
    }
    Answer page = new PageClient(baseUrl(), ann.token()).page("/oversight/reports/1999");
    assertEquals(422, page.status(), page.body());
    assertTrue(page.body().contains("id=\"refusal-field\">year<"), page.body());
    Answer current = new PageClient(baseUrl(), ann.token()).page("/oversight/reports");
    assertEquals(303, current.status());
    assertTrue(current.headers().firstValue("Location").orElseThrow().endsWith("/oversight/reports/" + (next - 1)));
  }
}
