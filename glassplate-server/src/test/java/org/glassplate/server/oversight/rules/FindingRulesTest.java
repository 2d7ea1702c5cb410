package org.glassplate.server.oversight.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Agency;
import org.glassplate.server.oversight.Finding;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.LegalFloor;
import org.glassplate.server.policy.ParsedPolicies;
import org.glassplate.server.policy.PolicyContent;
import org.glassplate.server.policy.PurposeScreen;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each misuse rule (R-GOV-4, docs/FINDINGS.md) over synthetic audit entries, run in order as the engine
 * runs them: every rule raises on its positive case and stays silent on its negative one.
 */
class FindingRulesTest {
  static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
  static final Agency AGENCY = new Agency("test-pd", "Test Police Department", "CA", ZONE);
  static final Instant NOON = ZonedDateTime.of(2025, 3, 4, 12, 0, 0, 0, ZONE).toInstant();
  static final String GOOD_REASON = "armed robbery at 5th and Main, suspect vehicle seen leaving";
  static final JsonMapper JSON = JsonMapper.builder().build();

  static final List<FindingRule> RULES = List.of(new MissingCaseNumber(), new VagueReason(), new NonPurposeReason(),
      new ProhibitedPurpose(), new FederalOrOutOfState(), new RepeatedPlate(), new RefusedThenRetried(),
      new OffHours(), new HighVolume(), new BroadSearch(), new DormantAccountUse(), new SamePerson(),
      new WitnessedLogFork(), new SelfAuditDrift());

  /** An audit entry being written: public and private fields. */
  static final class Entry {
    final String type;
    final String actor;
    final Instant time;
    String outcome = "SUCCESS";
    String reasonCode;
    final Map<String, Object> pub = new TreeMap<>();
    final Map<String, String> priv = new TreeMap<>();

    Entry(String type, String actor, Instant time) {
      this.type = type;
      this.actor = actor;
      this.time = time;
    }

    Entry pub(String k, Object v) {
      pub.put(k, v);
      return this;
    }

    Entry secret(String k, String v) {
      priv.put(k, v);
      return this;
    }

    Entry denied(String code) {
      outcome = "DENIED";
      reasonCode = code;
      return this;
    }

    AuditRecord at(long index) {
      ObjectNode n = JSON.valueToTree(pub);
      n.put("type", type);
      n.put("time", time.toString());
      n.put("actor", actor);
      n.put("outcome", outcome);
      if (reasonCode != null) {
        n.put("reasonCode", reasonCode);
      }
      return new AuditRecord(index, type, time, actor, outcome, reasonCode, n, priv);
    }
  }

  /** A search that ran: one plate, a real case number and reason, two days back, by day. */
  static Entry search(String actor, Instant at) {
    return new Entry(AuditEventTypes.SEARCH_PERFORMED.name(), actor, at).pub("searchKind", "PLATE").pub("page", 1)
        .pub("reasonCategory", "STATED").pub("caseNumberPresent", true)
        .secret("plate", "7ABC123").secret("caseNumber", "24-001187").secret("reason", GOOD_REASON)
        .secret("from", at.minus(Duration.ofDays(2)).toString()).secret("to", at.toString());
  }

  /** A search refused with {@code code}. */
  static Entry refused(String actor, Instant at, String code) {
    return new Entry(AuditEventTypes.SEARCH_DENIED.name(), actor, at).denied(code)
        .secret("plate", "7ABC123").secret("caseNumber", "24-001187").secret("reason", GOOD_REASON);
  }

  /** Runs every rule over the entries in order, as the engine does; returns what each rule raised. */
  static List<Raised> run(EffectivePolicy policy, Entry... entries) {
    History history = new History(0, Map.of());
    RuleContext c = new RuleContext(policy.content().oversight(), PurposeScreen.of(policy), policy.sharing(),
        policy.nonHitRetention(), new LegalFloor(AGENCY), AGENCY.state(), ZONE, history);
    List<Raised> out = new ArrayList<>();
    for (int i = 0; i < entries.length; i++) {
      AuditRecord r = entries[i].at(100 + i);
      for (FindingRule rule : RULES) {
        out.addAll(rule.examine(r, c));
      }
      history.add(r, c.lookback());
    }
    return out;
  }

  static List<Raised> run(Entry... entries) {
    return run(ParsedPolicies.shippedDefault(), entries);
  }

  /** The raised findings of one rule. */
  static List<Raised> of(String rule, List<Raised> raised) {
    return raised.stream().filter(r -> r.rule().equals(rule)).toList();
  }

  /** How many findings each rule raised. */
  static Map<String, Integer> counts(List<Raised> raised) {
    Map<String, Integer> out = new TreeMap<>();
    raised.forEach(r -> out.merge(r.rule(), 1, Integer::sum));
    return out;
  }

  @Test
  void anInnocentSearchRaisesNothing() {
    assertEquals(Map.of(), counts(run(search("user:1", NOON))));
  }

  @Test
  void missingCaseNumberForAPlaceholder() {
    for (String placeholder : List.of("n/a", "N/A", "none", "000", "0000000", "TBD", " - ", "unknown")) {
      List<Raised> r = of("MISSING_CASE_NUMBER", run(search("user:1", NOON).secret("caseNumber", placeholder)));
      assertEquals(1, r.size(), placeholder);
      assertEquals(List.of(100L), r.get(0).evidence());
      assertEquals(Finding.Severity.WARNING, r.get(0).severity());
    }
    for (String real : List.of("24-001187", "2025-0042", "CR 10-77", "100")) {
      assertEquals(List.of(), of("MISSING_CASE_NUMBER", run(search("user:1", NOON).secret("caseNumber", real))), real);
    }
  }

  @Test
  void vagueReasonForWordsThatSayNothing() {
    for (String vague : List.of("investigation", "inv", "check", "test", "Law Enforcement", "law enforcement purposes",
        "Invetigation")) {
      assertEquals(1, of("VAGUE_REASON", run(search("user:1", NOON).secret("reason", vague))).size(), vague);
    }
    assertEquals(List.of(), of("VAGUE_REASON", run(search("user:1", NOON))));
    assertEquals(List.of(), of("VAGUE_REASON", run(search("user:1", NOON)
        .secret("reason", "law enforcement officer assaulted at traffic stop, suspect fled in this vehicle"))));
  }

  @Test
  void nonPurposeReasonForALabelTypedAsTheReason() {
    for (String label : List.of("All Cameras", "Plate Search", "Vehicle Search", "Audit", "Search", "search.",
        "Daytime search for best result")) {
      List<Raised> raised = run(search("user:1", NOON).secret("reason", label));
      assertEquals(1, of("NON_PURPOSE_REASON", raised).size(), label);
      assertEquals(List.of(), of("VAGUE_REASON", raised), label + " is a label, not also a vague reason");
    }
    assertEquals(List.of(), of("NON_PURPOSE_REASON", run(search("user:1", NOON)
        .secret("reason", "search for the vehicle seen at the bank robbery on all cameras near the bank"))));
  }

  @Test
  void prohibitedPurposeRefusedOrLetThrough() {
    Entry refused = refused("user:1", NOON, "PROHIBITED_PURPOSE").pub("reasonCategory", "FIRST_AMENDMENT");
    List<Raised> r = of("PROHIBITED_PURPOSE", run(refused));
    assertEquals(1, r.size());
    assertEquals(Finding.Severity.CRITICAL, r.get(0).severity());
    assertTrue(r.get(0).summary().contains("(first amendment)"), r.get(0).summary());
    // a search that ran, whose reason the screen in force calls prohibited (a term added since)
    EffectivePolicy stricter = ParsedPolicies.shippedDefault(d -> d.replace("terms: [harass*, intimidat*]",
        "terms: [harass*, intimidat*, neighbor dispute]"));
    assertEquals(1, of("PROHIBITED_PURPOSE", run(stricter, search("user:1", NOON)
        .secret("reason", "neighbor dispute about parking"))).size());
    assertEquals(List.of(), of("PROHIBITED_PURPOSE", run(search("user:1", NOON)
        .secret("reason", "neighbor dispute about parking"))));
    assertEquals(List.of(), of("PROHIBITED_PURPOSE", run(refused("user:1", NOON, "MISSING_REASON"))));
  }

  @Test
  void federalOrOutOfStateRequesterOrOnBehalfOf() {
    assertEquals(1, of("FEDERAL_OR_OUT_OF_STATE", run(refused("user:1", NOON, "LEGAL_FLOOR")
        .pub("onBehalfOfKind", "FEDERAL").secret("onBehalfOf", "FBI field office"))).size());
    assertEquals(1, of("FEDERAL_OR_OUT_OF_STATE", run(refused("user:1", NOON, "LEGAL_FLOOR")
        .pub("onBehalfOfKind", "OUT_OF_STATE").secret("onBehalfOf", "Texas Department of Public Safety"))).size());
    assertEquals(1, of("FEDERAL_OR_OUT_OF_STATE", run(search("user:1", NOON)
        .secret("reason", "assist the FBI task force with the bank robbery suspect"))).size());
    // a private recipient is refused by the floor too, but it is not this rule's
    assertEquals(List.of(), of("FEDERAL_OR_OUT_OF_STATE", run(refused("user:1", NOON, "LEGAL_FLOOR")
        .pub("onBehalfOfKind", "PRIVATE").secret("onBehalfOf", "Acme Recovery LLC"))));
    assertEquals(List.of(), of("FEDERAL_OR_OUT_OF_STATE", run(search("user:1", NOON)
        .secret("reason", "vehicle stolen in Nevada county, the owner called us"))));
  }

  @Test
  void repeatedPlateOnThreeDaysWithinTwoWeeks() {
    List<Raised> r = of("REPEATED_PLATE", run(search("user:1", NOON), search("user:1", NOON.plus(Duration.ofHours(1))),
        search("user:1", NOON.plus(Duration.ofDays(1))), search("user:1", NOON.plus(Duration.ofDays(2))),
        search("user:1", NOON.plus(Duration.ofDays(5)))));
    assertEquals(1, r.size(), "raised once, on the third day; the fourth day is the same pattern");
    assertEquals(List.of(100L, 101L, 102L, 103L), r.get(0).evidence());
    // three searches on one day, three plates on three days, three days a month apart: none
    assertEquals(List.of(), of("REPEATED_PLATE", run(search("user:1", NOON), search("user:1", NOON.plusSeconds(60)),
        search("user:1", NOON.plusSeconds(120)))));
    assertEquals(List.of(), of("REPEATED_PLATE", run(search("user:1", NOON),
        search("user:1", NOON.plus(Duration.ofDays(1))).secret("plate", "8XYZ001"),
        search("user:1", NOON.plus(Duration.ofDays(2))).secret("plate", "9QQQ002"))));
    assertEquals(List.of(), of("REPEATED_PLATE", run(search("user:1", NOON),
        search("user:1", NOON.plus(Duration.ofDays(10))), search("user:1", NOON.plus(Duration.ofDays(20))))));
    // two people, one plate: each only twice
    assertEquals(List.of(), of("REPEATED_PLATE", run(search("user:1", NOON),
        search("user:2", NOON.plus(Duration.ofDays(1))), search("user:1", NOON.plus(Duration.ofDays(2))))));
  }

  @Test
  void repeatedPlateCountsADayOnceHoweverOftenThePlateIsSearchedThatDay() {
    Instant day0 = NOON;
    Instant day1 = NOON.plus(Duration.ofDays(1));
    Instant day2 = NOON.plus(Duration.ofDays(2));
    // day 0, day 1, day 1 again: three searches, but on two days, and it takes three
    assertEquals(Map.of(), counts(run(search("user:1", day0), search("user:1", day1),
        search("user:1", day1.plus(Duration.ofHours(3))))));
    // then day 2: the third day raises, once, on all four searches
    List<Raised> raised = run(search("user:1", day0), search("user:1", day1),
        search("user:1", day1.plus(Duration.ofHours(3))), search("user:1", day2));
    assertEquals(Map.of("REPEATED_PLATE", 1), counts(raised));
    Raised r = raised.get(0);
    assertEquals("user:1", r.person());
    assertEquals(List.of(100L, 101L, 102L, 103L), r.evidence());
    assertEquals(day2, r.occurredAt());
    assertEquals(Finding.Severity.WARNING, r.severity());
    assertTrue(r.summary().startsWith("One plate searched by the same person on 3 different days within 14 days"),
        r.summary());
    assertTrue(r.summary().contains("(4 searches)"), r.summary());
    // day 2 again: the same three days, nothing new
    assertEquals(Map.of("REPEATED_PLATE", 1), counts(run(search("user:1", day0), search("user:1", day1),
        search("user:1", day1.plus(Duration.ofHours(3))), search("user:1", day2),
        search("user:1", day2.plus(Duration.ofHours(2))))));
  }

  /**
   * REPEATED_PLATE over many random search histories gives exactly what its definition in docs/FINDINGS.md
   * gives, worked out the plain way below: for each search that ran (first page) of one full plate, the local
   * days of the same person's earlier searches that ran of that plate within {@code repeatedPlate.within}; it
   * raises when its own day is not among them and they are one fewer than {@code repeatedPlate.days}, on every
   * one of those searches and itself. The histories mix people, plates (one typed two ways), refusals, later
   * pages, pattern searches and other entries, searches at the same instant and days apart, across the change
   * to daylight saving time, under several thresholds.
   */
  @Test
  void repeatedPlateRaisesWhatItsDefinitionSaysOverRandomHistories() {
    List<EffectivePolicy> policies = new ArrayList<>();
    for (String[] t : new String[][] {{"3", "P14D"}, {"2", "P3D"}, {"5", "P7D"}, {"6", "P10D"}}) {
      policies.add(ParsedPolicies.shippedDefault(d -> d.replace("days: 3\n    within: P14D",
          "days: " + t[0] + "\n    within: " + t[1])));
    }
    List<PurposeScreen> screens = policies.stream().map(PurposeScreen::of).toList();
    for (int p = 0; p < policies.size(); p++) {
      assertEquals(policies.get(p).content().oversight().repeatedPlateDays(), List.of(3, 2, 5, 6).get(p));
    }
    List<String> people = List.of("user:1", "user:2");
    List<String> plates = List.of("7ABC123", "7abc 123", "8XYZ001", "9QQQ002");
    Random random = new Random(50);
    int raisedInAll = 0;
    for (int round = 0; round < 1500; round++) {
      int p = round % policies.size();
      EffectivePolicy policy = policies.get(p);
      Instant t = ZonedDateTime.of(2025, 3, 1, 0, 0, 0, 0, ZONE).toInstant().plusSeconds(random.nextInt(86_400 * 10));
      List<Entry> entries = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        t = t.plusSeconds(switch (random.nextInt(5)) {
          case 0 -> 0;
          case 1 -> random.nextInt(3 * 3600);
          case 2 -> random.nextInt(30 * 3600);
          default -> random.nextInt(4 * 86_400);
        });
        String person = people.get(random.nextInt(people.size()));
        String plate = plates.get(random.nextInt(plates.size()));
        int kind = random.nextInt(100);
        Entry e;
        if (kind < 70) {
          e = search(person, t).secret("plate", plate);
        } else if (kind < 78) {
          e = refused(person, t, "PROHIBITED_PURPOSE").secret("plate", plate);
        } else if (kind < 85) {
          e = search(person, t).secret("plate", plate).pub("page", 2);
        } else if (kind < 92) {
          e = search(person, t).pub("searchKind", "PATTERN");
          e.priv.remove("plate");
          e.secret("pattern", plate.substring(0, 4) + "*");
        } else {
          e = new Entry(AuditEventTypes.HOTLIST_ENTRY_ADDED.name(), person, t);
        }
        entries.add(e);
      }
      List<String> got = described(repeatedPlate(policy, screens.get(p), entries));
      List<String> want = described(repeatedPlateByDefinition(policy.content().oversight(), entries));
      assertEquals(want, got, "round " + round);
      raisedInAll += want.size();
    }
    assertTrue(raisedInAll > 300, "the histories raise it often enough to say something: " + raisedInAll);
  }

  /** Runs REPEATED_PLATE alone over the entries in order, as the engine does (the first at index 100). */
  private static List<Raised> repeatedPlate(EffectivePolicy policy, PurposeScreen screen, List<Entry> entries) {
    History history = new History(0, Map.of());
    RuleContext c = new RuleContext(policy.content().oversight(), screen, policy.sharing(), policy.nonHitRetention(),
        new LegalFloor(AGENCY), AGENCY.state(), ZONE, history);
    RepeatedPlate rule = new RepeatedPlate();
    List<Raised> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      AuditRecord r = entries.get(i).at(100 + i);
      out.addAll(rule.examine(r, c));
      history.add(r, c.lookback());
    }
    return out;
  }

  /** REPEATED_PLATE as docs/FINDINGS.md defines it, the plain way: every earlier entry looked at again. */
  private static List<Raised> repeatedPlateByDefinition(PolicyContent.Oversight t, List<Entry> entries) {
    List<Raised> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (!ranOnOnePlate(e)) {
        continue;
      }
      String plate = Words.plateKey(e.priv.get("plate"));
      Instant since = e.time.minus(t.repeatedPlateWithin());
      Set<LocalDate> earlierDays = new HashSet<>();
      List<Long> evidence = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        Entry s = entries.get(j);
        if (ranOnOnePlate(s) && s.actor.equals(e.actor) && Words.plateKey(s.priv.get("plate")).equals(plate)
            && !s.time.isBefore(since) && !s.time.isAfter(e.time)) {
          earlierDays.add(LocalDate.ofInstant(s.time, ZONE));
          evidence.add(100L + j);
        }
      }
      if (!earlierDays.contains(LocalDate.ofInstant(e.time, ZONE))
          && earlierDays.size() + 1 == t.repeatedPlateDays()) {
        evidence.add(100L + i);
        out.add(new Raised("REPEATED_PLATE", Finding.Severity.WARNING, e.actor, evidence, e.time,
            "on " + t.repeatedPlateDays() + " different days"));
      }
    }
    return out;
  }

  /** A search that ran, as asked (its first page), of one full plate. */
  private static boolean ranOnOnePlate(Entry e) {
    return e.type.equals(AuditEventTypes.SEARCH_PERFORMED.name()) && Integer.valueOf(1).equals(e.pub.get("page"))
        && e.priv.get("plate") != null;
  }

  private static final Pattern DAYS = Pattern.compile("on (\\d+) different days");

  /** What a finding is about, and the days its summary counts. */
  private static List<String> described(List<Raised> raised) {
    return raised.stream().map(r -> {
      Matcher m = DAYS.matcher(r.summary());
      return r.rule() + " " + r.severity() + " " + r.person() + " " + r.evidence() + " at " + r.occurredAt() + ", "
          + (m.find() ? m.group(1) : "?") + " days";
    }).toList();
  }

  @Test
  void refusedThenRetriedWithAnotherReasonSoonAfter() {
    Entry refusal = refused("user:1", NOON, "PROHIBITED_PURPOSE").secret("reason", "protest organizer");
    List<Raised> r = of("REFUSED_THEN_RETRIED", run(refusal,
        search("user:1", NOON.plus(Duration.ofMinutes(4)))));
    assertEquals(1, r.size());
    assertEquals(List.of(100L, 101L), r.get(0).evidence());
    assertTrue(r.get(0).summary().contains("4 minutes"), r.get(0).summary());
    // too late, another plate, another person, or a refusal for a typing mistake: none
    assertEquals(List.of(), of("REFUSED_THEN_RETRIED", run(
        refused("user:1", NOON, "PROHIBITED_PURPOSE").secret("reason", "protest organizer"),
        search("user:1", NOON.plus(Duration.ofMinutes(45))))));
    assertEquals(List.of(), of("REFUSED_THEN_RETRIED", run(
        refused("user:1", NOON, "PROHIBITED_PURPOSE").secret("reason", "protest organizer"),
        search("user:1", NOON.plus(Duration.ofMinutes(4))).secret("plate", "8XYZ001"))));
    assertEquals(List.of(), of("REFUSED_THEN_RETRIED", run(
        refused("user:1", NOON, "PROHIBITED_PURPOSE").secret("reason", "protest organizer"),
        search("user:2", NOON.plus(Duration.ofMinutes(4))))));
    assertEquals(List.of(), of("REFUSED_THEN_RETRIED", run(
        refused("user:1", NOON, "MISSING_CASE_NUMBER").secret("reason", "robbery"),
        search("user:1", NOON.plus(Duration.ofMinutes(1))))));
  }

  @Test
  void offHoursOutsideWorkingHoursInTheAgencysZone() {
    Instant twoAm = ZonedDateTime.of(2025, 3, 5, 2, 13, 0, 0, ZONE).toInstant();
    List<Raised> r = of("OFF_HOURS", run(search("user:1", twoAm)));
    assertEquals(1, r.size());
    assertTrue(r.get(0).summary().contains("02:13"), r.get(0).summary());
    assertEquals(List.of(), of("OFF_HOURS", run(search("user:1", NOON))));
    assertEquals(List.of(), of("OFF_HOURS", run(search("user:1",
        ZonedDateTime.of(2025, 3, 5, 21, 59, 0, 0, ZONE).toInstant()))));
    // hours across midnight: a night shift's agency
    EffectivePolicy nights = ParsedPolicies.shippedDefault(d -> d.replace("from: \"06:00\"", "from: \"18:00\"")
        .replace("to: \"22:00\"", "to: \"08:00\""));
    assertEquals(List.of(), of("OFF_HOURS", run(nights, search("user:1", twoAm))));
    assertEquals(1, of("OFF_HOURS", run(nights, search("user:1", NOON))).size());
  }

  @Test
  void highVolumeFarAbovePeers() {
    List<Entry> entries = new ArrayList<>();
    for (int peer = 2; peer <= 4; peer++) {
      entries.add(search("user:" + peer, NOON.minus(Duration.ofHours(peer))));
      entries.add(search("user:" + peer, NOON.minus(Duration.ofHours(peer)).plusSeconds(60)));
    }
    for (int i = 0; i < 30; i++) {
      entries.add(search("user:1", NOON.plusSeconds(60L * i)).secret("plate", "7ABC" + (100 + i)));
    }
    List<Raised> r = of("HIGH_VOLUME", run(entries.toArray(Entry[]::new)));
    assertEquals(1, r.size(), "raised once, when the 25th search crosses the line");
    assertEquals(25, r.get(0).evidence().size());
    assertEquals("user:1", r.get(0).person());
    // the same 30 searches among peers who search as much, or with no peer at all: none
    List<Entry> busy = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      busy.add(search("user:2", NOON.minusSeconds(3600 + 60L * i)).secret("plate", "8ABC" + (100 + i)));
      busy.add(search("user:1", NOON.plusSeconds(60L * i)).secret("plate", "7ABC" + (100 + i)));
    }
    assertEquals(List.of(), of("HIGH_VOLUME", run(busy.toArray(Entry[]::new))));
    List<Entry> alone = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      alone.add(search("user:1", NOON.plusSeconds(60L * i)).secret("plate", "7ABC" + (100 + i)));
    }
    assertEquals(List.of(), of("HIGH_VOLUME", run(alone.toArray(Entry[]::new))));
  }

  @Test
  void broadSearchOfAnAreaAWidePatternOrALongLookback() {
    Entry area = search("user:1", NOON).pub("searchKind", "AREA");
    area.priv.remove("plate");
    area.secret("pattern", "*");
    assertEquals(1, of("BROAD_SEARCH", run(area)).size());
    Entry wild = search("user:1", NOON).pub("searchKind", "PATTERN");
    wild.priv.remove("plate");
    wild.secret("pattern", "*7?B*");
    assertEquals(1, of("BROAD_SEARCH", run(wild)).size());
    Entry narrow = search("user:1", NOON).pub("searchKind", "PATTERN");
    narrow.priv.remove("plate");
    narrow.secret("pattern", "7ABC*");
    assertEquals(List.of(), of("BROAD_SEARCH", run(narrow)));
    assertEquals(1, of("BROAD_SEARCH", run(search("user:1", NOON)
        .secret("from", NOON.minus(Duration.ofDays(28)).toString()))).size());
    assertEquals(List.of(), of("BROAD_SEARCH", run(search("user:1", NOON))));
  }

  @Test
  void dormantAccountUseAfterALongSilence() {
    Entry earlier = new Entry(AuditEventTypes.HOTLIST_ENTRY_ADDED.name(), "user:1", NOON);
    List<Raised> r = of("DORMANT_ACCOUNT_USE", run(earlier,
        new Entry(AuditEventTypes.SIGN_IN_SUCCEEDED.name(), "user:1", NOON.plus(Duration.ofDays(40))),
        search("user:1", NOON.plus(Duration.ofDays(40)).plusSeconds(30))));
    assertEquals(1, r.size(), "signing in is no use of the account");
    assertTrue(r.get(0).summary().contains("40 days"), r.get(0).summary());
    assertEquals(List.of(), of("DORMANT_ACCOUNT_USE", run(earlier, search("user:1", NOON.plus(Duration.ofDays(10))))));
    assertEquals(List.of(), of("DORMANT_ACCOUNT_USE", run(search("user:1", NOON))), "a first use is no finding");
  }

  @Test
  void samePersonRefusals() {
    Entry self = new Entry(AuditEventTypes.HOTLIST_ENTRY_APPROVED.name(), "user:5", NOON).denied("SAME_PERSON");
    List<Raised> r = of("SAME_PERSON", run(self));
    assertEquals(1, r.size());
    assertEquals("user:5", r.get(0).person());
    assertEquals(List.of(), of("SAME_PERSON", run(new Entry(AuditEventTypes.HOTLIST_ENTRY_APPROVED.name(), "user:5",
        NOON).denied("NOT_SUPERVISOR"))));
  }

  @Test
  void witnessedLogFork() {
    List<Raised> r = of("WITNESSED_LOG_FORK", run(new Entry(AuditEventTypes.WITNESSED_LOG_FORKED.name(), "system",
        NOON)));
    assertEquals(1, r.size());
    assertEquals(Finding.Severity.CRITICAL, r.get(0).severity());
    assertEquals(List.of(), of("WITNESSED_LOG_FORK", run(new Entry(AuditEventTypes.WITNESSED_LOG_BAD_PROOF.name(),
        "system", NOON))));
  }

  @Test
  void selfAuditDrift() {
    List<Raised> r = of("SELF_AUDIT_DRIFT", run(new Entry(AuditEventTypes.SELF_AUDIT_DRIFT.name(), "system", NOON)));
    assertEquals(1, r.size());
    assertEquals(Finding.Severity.CRITICAL, r.get(0).severity());
    assertEquals(List.of(), of("SELF_AUDIT_DRIFT", run(new Entry(AuditEventTypes.SELF_AUDIT_PASSED.name(),
        "system", NOON))));
  }

  @Test
  void laterPagesOfOneSearchAreNotExaminedAgain() {
    Entry page2 = search("user:1", NOON).pub("page", 2).secret("caseNumber", "n/a").secret("reason", "inv");
    assertEquals(Map.of(), counts(run(page2)));
  }

  @Test
  void noSummaryCarriesAPlateACaseNumberOrAReason() {
    List<Raised> raised = run(search("user:1", NOON).secret("caseNumber", "n/a").secret("reason", "All Cameras")
            .secret("plate", "7SECRET"),
        refused("user:1", NOON.plusSeconds(60), "PROHIBITED_PURPOSE").secret("plate", "7SECRET")
            .secret("reason", "protest organizer"),
        search("user:1", NOON.plusSeconds(120)).secret("plate", "7SECRET").secret("reason", "robbery follow up 77"));
    assertTrue(raised.size() >= 4, raised.toString());
    for (Raised r : raised) {
      for (String secret : List.of("7SECRET", "n/a", "All Cameras", "protest", "robbery follow up")) {
        assertTrue(!r.summary().contains(secret), r.summary());
      }
    }
  }

  @Test
  void everyRuleHasAUniqueUpperCaseId() {
    Map<String, FindingRule> byId = new HashMap<>();
    for (FindingRule r : RULES) {
      assertTrue(r.id().matches("[A-Z][A-Z_]+"), r.id());
      assertEquals(null, byId.put(r.id(), r), r.id());
    }
    assertEquals(14, byId.size());
  }

  @Test
  void workingHoursAcrossMidnight() {
    var t = ParsedPolicies.shippedDefault().content().oversight();
    assertTrue(t.offHours(LocalTime.of(5, 59)));
    assertTrue(!t.offHours(LocalTime.of(6, 0)));
    assertTrue(t.offHours(LocalTime.of(22, 0)));
    assertEquals(LocalDate.of(2025, 3, 4), LocalDate.ofInstant(NOON, ZONE));
  }

  @Test
  void readsEntryTimesAsInstantParseDoes() {
    java.util.Random random = new java.util.Random(16);
    for (int i = 0; i < 100_000; i++) {
      int nanos = switch (random.nextInt(4)) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        default -> random.nextInt(1_000_000_000);
      };
      String s = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), nanos).toString();
      assertEquals(Instant.parse(s), AuditRecord.instant(s), s);
    }
    for (String s : List.of("2024-02-29T23:59:59Z", "2000-02-29T00:00:00Z", "2026-12-31T23:59:59.999Z",
        "2026-04-30T12:00:00Z", "2026-12-01T03:04:54.5Z", "2026-01-01T24:00:00Z",
        "0999-01-01T00:00:00Z", "+12026-01-01T00:00:00Z")) {
      assertEquals(Instant.parse(s), AuditRecord.instant(s), s);
    }
    for (String s : List.of("2026-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
        "2026-06-32T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T0a:00:00Z",
        "2026-01-01T00:00:00.1234567890Z", "2026-01-01 00:00:00Z", "")) {
      org.junit.jupiter.api.Assertions.assertThrows(java.time.format.DateTimeParseException.class,
          () -> AuditRecord.instant(s), s);
    }
  }
}
