package org.glassplate.server.demo;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.ReplayClock;
import org.glassplate.server.core.Roles;
import org.glassplate.server.demo.internal.SeedMarks;
import org.glassplate.server.hotlist.AlertSummary;
import org.glassplate.server.hotlist.Alerts;
import org.glassplate.server.hotlist.MatchKind;
import org.glassplate.server.hotlist.VerificationOutcome;
import org.glassplate.server.oversight.Findings;
import org.glassplate.server.oversight.Investigations;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.reads.IngestResult;
import org.glassplate.server.reads.PlateRead;
import org.glassplate.server.reads.ReadIngest;
import org.glassplate.server.reads.ReadSubmission;
import org.glassplate.server.search.SearchRequest;
import org.glassplate.server.search.Searches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo agency's past, seeded once (issue 16 item 6), so that the public page's 30-day charts, the
 * misuse findings and the transparency figures show a true history on the demo's first start: the
 * traffic profile's reads through the real ingest (the same rows, audit entries and hits as a camera's
 * batches), the hits verified by the operator (a look-alike one as a misread), and searches by five
 * investigators through the real {@link Searches} facade. Each step runs at the moment it stands for,
 * on this thread's {@link ReplayClock}, in time order; so every search and refusal is a real entry of
 * the signed log whose {@code time} is that moment, while its log index and checkpoint are of today.
 *
 * <p>The story (docs/FINDINGS.md): Dana and Ngozi search with specific reasons in working hours, and
 * raise no finding; Luis gives three vague reasons ({@code VAGUE_REASON}); Kurt is refused for a
 * prohibited purpose and runs the search again twelve minutes later with other words
 * ({@code PROHIBITED_PURPOSE}, {@code REFUSED_THEN_RETRIED}); Wade searches one plate late at night on
 * five days ({@code OFF_HOURS} each time, {@code REPEATED_PLATE} once), and an auditor investigates him and
 * closes the investigation with counseling.
 */
@Component
class DemoHistory {
  private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
  /** Reads of the profile's week kept in the demo's history: half, about 6,700 a day. */
  static final double READ_SHARE = 0.5;
  /** Each camera sends what it read in this many hours as one batch (the ingest's limit splits bigger ones). */
  static final int BLOCK_HOURS = 3;
  /** The profile's plate Wade searches at night: a regular of the traffic, on no hot list. */
  static final int NIGHT_PLATE = 40;
  /** Ordinary searches are for plates of the profile's population below this (the hot-listed ones excluded). */
  private static final int PLATES_SEARCHED = 3000;

  /** What each person of the story does, and so which findings they raise. */
  enum Part {
    /** specific reasons in working hours: no finding */
    INNOCENT,
    /** three vague reasons: VAGUE_REASON three times */
    VAGUE,
    /** refused for a prohibited purpose, then reworded: PROHIBITED_PURPOSE, REFUSED_THEN_RETRIED */
    RETRIED,
    /** one plate at night on five days: OFF_HOURS five times, REPEATED_PLATE once */
    NIGHT
  }

  /** A person of the story; the demo's own investigator is Dana. */
  record Person(String username, String name, Part part) {
  }

  static final List<Person> PEOPLE = List.of(
      new Person("investigator", "Dana Investigator", Part.INNOCENT),
      new Person("nokafor", "Ngozi Okafor", Part.INNOCENT),
      new Person("lreyes", "Luis Reyes", Part.VAGUE),
      new Person("kbrandt", "Kurt Brandt", Part.RETRIED),
      new Person("whollis", "Wade Hollis", Part.NIGHT));

  /**
   * Who plays the story.
   *
   * @param key the history's run-once key
   * @param suffix added to the usernames of the people it creates ("" in the demo)
   * @param operator who verifies the hits, or null to create one
   * @param investigator who plays Dana, or null to create her
   * @param auditor who investigates Wade, or null to create one
   */
  record Cast(String key, String suffix, Caller operator, Caller investigator, Caller auditor) {
  }

  /**
   * What was seeded.
   *
   * @param people each person's audit pseudonym, by part, in the order of {@link #PEOPLE}
   * @param investigation the investigation of Wade's searches, closed with counseling, if the history reached it
   */
  record Seeded(List<Map.Entry<Part, String>> people, long reads, int hits, int verified, int searches,
      int refused, Optional<Long> investigation) {
  }

  /** A case, its offense and the investigator's words for it. */
  private record Case(String offense, String reason) {
  }

  private static final List<Case> CASES = List.of(
      new Case("ROBBERY", "Armed robbery of the gas station on Shaw Ave; the getaway car is on the store's video"),
      new Case("BURGLARY", "Residential burglary on N Palm Ave; a neighbour's doorbell camera recorded the plate"),
      new Case("STOLEN_VEHICLE", "Car reported stolen from the Fashion Fair lot on Monday; tracing its route since"),
      new Case("HIT_AND_RUN", "Hit and run with injury at Blackstone and McKinley; a witness wrote down the plate"),
      new Case("GRAND_THEFT", "Catalytic converters cut from six cars at the Cedar Ave dealership; pickup seen leaving"),
      new Case("MISSING_PERSON", "Silver alert: a man with dementia drove away from home in this car on Tuesday"),
      new Case("ASSAULT_WEAPON", "Stabbing outside the Tower Theatre; the victim named the attacker's car"),
      new Case("FELONY_WARRANT", "Locate the registered owner, named in the felony warrant for the Belmont Ave shooting"));

  private static final List<String> VAGUE_REASONS = List.of("investigation", "follow up", "info");

  private final ReplayClock clock;
  private final SeedMarks marks;
  private final AccountSeeder accounts;
  private final ReadIngest ingest;
  private final Cameras cameras;
  private final Alerts alerts;
  private final Searches searches;
  private final Findings findings;
  private final Investigations investigations;
  private final ZoneId zone;

  DemoHistory(Clock clock, SeedMarks marks, AccountSeeder accounts, ReadIngest ingest, Cameras cameras, Alerts alerts,
      Searches searches, Findings findings, Investigations investigations, Agency agency) {
    // fail closed: on a clock that cannot be replayed, the history would be recorded as of today
    this.clock = clock instanceof ReplayClock r ? r : null;
    this.marks = marks;
    this.accounts = accounts;
    this.ingest = ingest;
    this.cameras = cameras;
    this.alerts = alerts;
    this.searches = searches;
    this.findings = findings;
    this.investigations = investigations;
    this.zone = agency.timeZone();
  }

  /** Whether the application's clock can replay the past (it always can, but a test may give another). */
  boolean replayable() {
    return clock != null;
  }

  /** The clock to run the agency's own seeding on, before its history begins. */
  ReplayClock clock() {
    if (clock == null) {
      throw new IllegalStateException("the demo history needs the application's replayable clock");
    }
    return clock;
  }

  /**
   * Seeds {@code days} days up to now with {@code cast}, once per cast key.
   *
   * @param cameraIds the demo's cameras, which send the reads
   * @param readShare the share of the traffic profile's reads to ingest (0 to 1)
   * @return what was seeded, or empty if this cast's history was claimed before
   */
  Optional<Seeded> seedOnce(Cast cast, List<Long> cameraIds, int days, double readShare, long seed) {
    Instant end = clock().instant();
    Instant start = end.minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.HOURS);
    if (!marks.claimHistory(cast.key(), end)) {
      return Optional.empty();
    }
    // claimed first and in its own transaction: a history cut short by a crash stays as it is, never doubled
    long t0 = System.nanoTime();
    Run run = clock.at(start, () -> new Run(cast, cameraIds, start, end, readShare, new Random(seed)));
    run.play();
    log.info("demo history: {} days seeded in {} s: {} reads, {} hits ({} verified), {} searches, {} refused",
        days, (System.nanoTime() - t0) / 1_000_000_000L, run.reads, run.hits, run.verified, run.ran, run.refused);
    return Optional.of(new Seeded(run.people, run.reads, run.hits, run.verified, run.ran, run.refused,
        Optional.ofNullable(run.investigation)));
  }

  /** One seeding: its people, its queue of steps in time order, and what it did. */
  private final class Run {
    private record Step(Instant at, long seq, Runnable work) {
    }

    private record Station(Camera camera, boolean patrol, double phase) {
    }

    private final Instant start;
    private final Instant end;
    private final double readShare;
    private final Random random;
    private final Caller operator;
    private final Caller auditor;
    private final List<Caller> callers = new ArrayList<>();
    private final List<Map.Entry<Part, String>> people = new ArrayList<>();
    private final List<Station> stations = new ArrayList<>();
    private final TrafficReplay replay;
    private final PriorityQueue<Step> queue = new PriorityQueue<>((a, b) -> a.at().equals(b.at())
        ? Long.compare(a.seq(), b.seq()) : a.at().compareTo(b.at()));
    private TrafficReplay.SimulatedRead held;
    private long seq;
    private long reads;
    private int hits;
    private int verified;
    private int ran;
    private int refused;
    private Long investigation;

    /** Creates the people (at the history's start) and plans every step. */
    Run(Cast cast, List<Long> cameraIds, Instant start, Instant end, double readShare, Random random) {
      this.start = start;
      this.end = end;
      this.readShare = readShare;
      this.random = random;
      this.operator = cast.operator() != null ? cast.operator()
          : caller(accounts.seed(AccountSeeder.Spec.of("operator" + cast.suffix(), "Omar Operator", Roles.OPERATOR)
              .withTokenDays(0)));
      this.auditor = cast.auditor() != null ? cast.auditor()
          : caller(accounts.seed(AccountSeeder.Spec.of("auditor" + cast.suffix(), "Alma Auditor", Roles.AUDITOR)
              .withTokenDays(0)));
      for (Person p : PEOPLE) {
        Caller c = p.part() == Part.INNOCENT && p.username().equals("investigator") && cast.investigator() != null
            ? cast.investigator()
            : caller(accounts.seed(AccountSeeder.Spec.of(p.username() + cast.suffix(), p.name(), Roles.INVESTIGATOR)
                .withTokenDays(0)));
        callers.add(c);
        people.add(Map.entry(p.part(), c.pseudonym()));
      }
      for (int i = 0; i < cameraIds.size(); i++) {
        Camera c = cameras.find(cameraIds.get(i)).orElseThrow();
        stations.add(new Station(c, DemoCity.patrol(c.name()), i * 1_300.0));
      }
      TrafficProfile profile = TrafficProfile.shipped();
      ZonedDateTime first = ZonedDateTime.ofInstant(start, TrafficSimulator.CITY_ZONE);
      replay = new TrafficReplay(profile, TrafficProfile.hourOfWeek(first.getDayOfWeek(), first.getHour()),
          random.nextLong());
      planIngest();
      planSearches();
    }

    void play() {
      int lastDay = -1;
      while (!queue.isEmpty()) {
        Step s = queue.poll();
        int day = (int) Duration.between(start, s.at()).toDays();
        if (day != lastDay && day % 5 == 0) {
          log.info("demo history: day {} of {}: {} reads, {} hits, {} searches so far",
              Math.min(day + 1, Duration.between(start, end).toDays()), Duration.between(start, end).toDays(), reads,
              hits, ran);
        }
        lastDay = day;
        clock.at(s.at(), s.work());
      }
    }

    private void at(Instant t, Runnable work) {
      if (!t.isBefore(start) && !t.isAfter(end)) {
        queue.add(new Step(t, seq++, work));
      }
    }

    // ---- reads and hits ----

    private void planIngest() {
      for (Instant b = start; b.isBefore(end); b = b.plus(Duration.ofHours(BLOCK_HOURS))) {
        Instant from = b;
        Instant to = b.plus(Duration.ofHours(BLOCK_HOURS)).isAfter(end) ? end : b.plus(Duration.ofHours(BLOCK_HOURS));
        at(to, () -> ingestBlock(from, to));
      }
    }

    /** The reads of {@code [from, to)}, hour by hour as the profile has them, sent by their cameras at {@code to}. */
    private void ingestBlock(Instant from, Instant to) {
      Map<Integer, List<ReadSubmission>> byCamera = new LinkedHashMap<>();
      for (Instant h = from; h.isBefore(to); h = h.plus(Duration.ofHours(1))) {
        ZonedDateTime local = ZonedDateTime.ofInstant(h, TrafficSimulator.CITY_ZONE);
        int hourOfWeek = TrafficProfile.hourOfWeek(local.getDayOfWeek(), local.getHour());
        long span = Math.min(3600, Duration.between(h, to).getSeconds());
        while (true) {
          TrafficReplay.SimulatedRead r = held != null ? held : replay.next();
          held = null;
          if (r.hourOfWeek() != hourOfWeek) {
            held = r; // the next hour's (an hour the profile has no reads in is skipped)
            break;
          }
          if (random.nextDouble() >= readShare) {
            continue;
          }
          int cam = DemoCity.cameraFor(r.device(), stations.size(), random);
          Instant captured = h.plusMillis((long) (random.nextDouble() * span * 1000));
          List<ReadSubmission> batch = byCamera.computeIfAbsent(cam, k -> new ArrayList<>());
          batch.add(submission(batch.size(), r, stations.get(cam), captured));
        }
      }
      for (Map.Entry<Integer, List<ReadSubmission>> e : byCamera.entrySet()) {
        Station s = stations.get(e.getKey());
        Caller camera = new Caller(Caller.Kind.CAMERA, s.camera().id(), "camera:" + s.camera().id(),
            Set.of(Roles.CAMERA), null);
        List<ReadSubmission> all = e.getValue();
        for (int i = 0; i < all.size(); i += ReadIngest.MAX_BATCH) {
          List<ReadSubmission> part = renumber(all.subList(i, Math.min(all.size(), i + ReadIngest.MAX_BATCH)));
          IngestResult result = ingest.ingest(s.camera(), camera, part, List.of(), "glassplate");
          reads += result.accepted();
          for (Object o : result.alerts()) {
            if (o instanceof AlertSummary a) {
              hits++;
              planVerification(a, to);
            }
          }
        }
      }
    }

    private List<ReadSubmission> renumber(List<ReadSubmission> part) {
      List<ReadSubmission> out = new ArrayList<>(part.size());
      for (int i = 0; i < part.size(); i++) {
        ReadSubmission s = part.get(i);
        out.add(new ReadSubmission(i, s.plate(), s.state(), s.capturedAt(), s.lat(), s.lon(), s.confidence(),
            s.vehicle(), null, ReadSubmission.FieldNames.GLASSPLATE));
      }
      return out;
    }

    private ReadSubmission submission(int index, TrafficReplay.SimulatedRead r, Station at, Instant captured) {
      SyntheticPlates.Synthetic p = TrafficReplay.plate(r.plate());
      double[] pos = DemoCity.readPosition(at.patrol(), at.camera().lat(), at.camera().lon(), captured, at.phase(),
          random);
      SyntheticPlates.Vehicle v = SyntheticPlates.vehicle(p.plate());
      return new ReadSubmission(index, p.plate(), p.state(), captured, pos[0], pos[1], 80.0 + random.nextInt(20),
          new PlateRead.Vehicle(v.make(), v.color(), v.type()), null, ReadSubmission.FieldNames.GLASSPLATE);
    }

    /** Most hits are verified within the hour: a look-alike one as a misread, now and then a stale entry. */
    private void planVerification(AlertSummary a, Instant raised) {
      if (random.nextInt(10) == 0) {
        return; // some hits are still waiting for an operator
      }
      Instant when = raised.plus(Duration.ofMinutes(3 + random.nextInt(40)));
      VerificationOutcome outcome;
      String note = null;
      if (MatchKind.LOOKALIKE.code().equals(a.matchKind())) {
        outcome = VerificationOutcome.MISREAD;
        note = "Checked the plate on the car: one character is a look-alike, it is not the listed vehicle.";
      } else if (random.nextInt(12) == 0) {
        outcome = VerificationOutcome.STALE_ENTRY;
      } else {
        outcome = VerificationOutcome.CONFIRMED;
      }
      String why = note;
      at(when, () -> {
        alerts.verify(a.alertId(), outcome, why, operator);
        verified++;
      });
    }

    // ---- searches ----

    private void planSearches() {
      LocalDate first = LocalDate.ofInstant(start, zone).plusDays(1);
      LocalDate last = LocalDate.ofInstant(end, zone);
      List<Set<Integer>> searched = new ArrayList<>();
      for (int i = 0; i < PEOPLE.size(); i++) {
        searched.add(new HashSet<>(Set.of(NIGHT_PLATE)));
      }
      for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
          continue;
        }
        for (int i = 0; i < PEOPLE.size(); i++) {
          int n = PEOPLE.get(i).part() == Part.INNOCENT ? 1 + random.nextInt(3) : random.nextInt(2);
          for (int k = 0; k < n; k++) {
            int plate = fresh(searched.get(i));
            Case c = CASES.get(random.nextInt(CASES.size()));
            search(i, local(d, 8 * 60 + random.nextInt(9 * 60)), plate, c.offense(), c.reason(), caseNumber(), null);
          }
        }
      }
      int luis = index(Part.VAGUE);
      for (int k = 0; k < VAGUE_REASONS.size(); k++) {
        LocalDate d = weekday(first.plusDays(4 + 7L * k));
        search(luis, local(d, 10 * 60 + 15), fresh(searched.get(luis)), "BURGLARY", VAGUE_REASONS.get(k),
            caseNumber(), null);
      }
      int kurt = index(Part.RETRIED);
      LocalDate refusedOn = weekday(first.plusDays(15));
      int plate = fresh(searched.get(kurt));
      String number = caseNumber();
      search(kurt, local(refusedOn, 14 * 60 + 20), plate, "FELONY_WARRANT",
          "Help ICE pick up a man with a deportation order who drives this car", number, "PROHIBITED_PURPOSE");
      search(kurt, local(refusedOn, 14 * 60 + 32), plate, "FELONY_WARRANT",
          "Locate the driver named in an outstanding warrant; the task force asked for his car's movements",
          number, null);
      int wade = index(Part.NIGHT);
      String wadeCase = caseNumber();
      for (int offset : new int[] {18, 20, 21, 23, 25}) {
        LocalDate d = first.plusDays(offset);
        search(wade, local(d, 23 * 60 + 5 + random.nextInt(45)), NIGHT_PLATE, "BURGLARY",
            "Car seen twice near the burglarized homes on Fulton St; checking where it goes after dark", wadeCase,
            null);
      }
      planInvestigation(wade, first.plusDays(26));
    }

    /**
     * The auditor's investigation of Wade's night searches: opened from the rules' {@code REPEATED_PLATE}
     * finding the morning after his last one, a step (the interview) the next day, closed with counseling
     * the day after; each at its moment, as an auditor would.
     */
    private void planInvestigation(int who, LocalDate day) {
      Instant opened = local(day, 9 * 60 + 40);
      Instant interviewed = local(day.plusDays(1), 11 * 60 + 5);
      Instant closed = local(day.plusDays(2), 15 * 60 + 30);
      if (closed.isAfter(end)) {
        return;
      }
      String subject = people.get(who).getValue();
      at(opened, () -> {
        findings.catchUp();
        List<Long> repeated = findings.list("REPEATED_PLATE", subject, "OPEN", Caller.system()).stream()
            .map(f -> f.id()).toList();
        if (repeated.size() != 1) {
          throw new IllegalStateException("demo history: the night searches raised " + repeated.size()
              + " open REPEATED_PLATE findings, not one");
        }
        investigation = investigations.open(repeated, subject,
            "One plate searched late at night on five evenings for one burglary case; is the car his own business?",
            auditor).id();
      });
      at(interviewed, () -> investigations.recordStep(investigation,
          "Interviewed the investigator: the burglary case is real, but the night searches went on after the"
              + " suspect was cleared; the plate belongs to a neighbour he is in a dispute with.", auditor));
      at(closed, () -> investigations.close(investigation, "COUNSELING_OR_TRAINING",
          "Counseled on the policy's need-to-know rule and retrained; supervisor to review his searches for 90 days.",
          auditor));
    }

    /** A search by person {@code who} at {@code t}, over the last one to five days; {@code refusal} is the code it must get, or null. */
    private void search(int who, Instant t, int plate, String offense, String reason, String caseNumber,
        String refusal) {
      if (t.isAfter(end)) {
        return;
      }
      Duration window = Duration.ofHours(24 + random.nextInt(4 * 24));
      SearchRequest request = new SearchRequest(TrafficReplay.plate(plate).plate(), null, t.minus(window), t,
          caseNumber, offense, reason, null, false, null, null, 1, Searches.DEFAULT_PAGE_SIZE);
      Caller caller = callers.get(who);
      at(t, () -> {
        try {
          searches.search(caller, request);
          if (refusal != null) {
            throw new IllegalStateException("demo history: a search planned to be refused (" + refusal + ") ran");
          }
          ran++;
        } catch (Refusal r) {
          if (!r.code().equals(refusal)) {
            throw new IllegalStateException("demo history: a planned search was refused (" + r.code() + ")", r);
          }
          refused++;
        }
      });
    }

    private Instant local(LocalDate d, int minuteOfDay) {
      return ZonedDateTime.of(d, LocalTime.of(minuteOfDay / 60, minuteOfDay % 60, random.nextInt(60)), zone)
          .toInstant();
    }

    private int fresh(Set<Integer> used) {
      while (true) {
        int p = 12 + random.nextInt(PLATES_SEARCHED - 12); // the first twelve are on the hot lists
        if (used.add(p)) {
          return p;
        }
      }
    }

    private String caseNumber() {
      return "MV" + (26_000_000 + random.nextInt(1_000_000));
    }
  }

  private static LocalDate weekday(LocalDate d) {
    return switch (d.getDayOfWeek()) {
      case SATURDAY -> d.plusDays(2);
      case SUNDAY -> d.plusDays(1);
      default -> d;
    };
  }

  private static int index(Part part) {
    for (int i = 0; i < PEOPLE.size(); i++) {
      if (PEOPLE.get(i).part() == part) {
        return i;
      }
    }
    throw new IllegalArgumentException(part.name());
  }

  private static Caller caller(AccountSeeder.SeededUser u) {
    return new Caller(Caller.Kind.USER, u.id(), "user:" + u.id(), Set.copyOf(u.roles()), null);
  }
}
