package org.glassplate.server.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.glassplate.server.accounts.TrainingGate;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.LegalFloor;
import org.glassplate.server.policy.Offense;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.policy.PolicyRefusal;
import org.glassplate.server.policy.PurposeScreen;
import org.glassplate.server.policy.SharingAgreement;
import org.glassplate.server.reads.Area;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.reads.PlateQuery;
import org.glassplate.server.reads.PlateRead;
import org.glassplate.server.reads.ReadSearch;
import org.glassplate.server.reads.Reads;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Durations;
import org.glassplate.server.core.Roles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Runs audited searches (R-SRCH-1 to R-SRCH-4). A search needs current training, a case number,
 * an offense from the policy in force and a reason that names no prohibited purpose (nor may the
 * offense, the case number or the agency it is run on behalf of name one); its window
 * never reaches past retention; it is run on behalf of another agency only under a sharing
 * agreement the legal floor allows. Every refusal is audited in its own transaction, with its
 * reason code and the policy's hash, before the caller hears of it. An allowed search first reads
 * (read-only), then writes its audit entry and waits for its log index, and only then returns
 * the results: if the entry cannot be made durable, no result leaves (fail closed).
 */
@Component
public class Searches {
  public static final int DEFAULT_PAGE_SIZE = 100;
  public static final int MAX_PAGE_SIZE = 500;
  static final int MAX_CASE_NUMBER = 64;
  static final int MAX_REASON = 1000;
  static final int MAX_ON_BEHALF_OF = 200;
  static final int MAX_CAMERAS = 500;

  private final Policies policies;
  private final LegalFloor floor;
  private final TrainingGate training;
  private final Reads reads;
  private final Cameras cameras;
  private final AuditRecorder audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final Agency agency;
  private final SearchResults searchResults;

  Searches(Policies policies, LegalFloor floor, TrainingGate training, Reads reads, Cameras cameras,
      AuditRecorder audit, ApplicationEventPublisher events, Clock clock, Agency agency, SearchResults searchResults) {
    this.searchResults = searchResults;
    this.policies = policies;
    this.floor = floor;
    this.training = training;
    this.reads = reads;
    this.cameras = cameras;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
    this.agency = agency;
  }

  /** What a refusal records, filled in as the checks go. */
  private static final class Attempt {
    final Caller caller;
    final SearchRequest request;
    final EffectivePolicy policy;
    String offense;
    String reasonCategory;
    String onBehalfOfKind;

    Attempt(Caller caller, SearchRequest request, EffectivePolicy policy) {
      this.caller = caller;
      this.request = request;
      this.policy = policy;
    }
  }

  /**
   * Runs a search for {@code caller}.
   *
   * @throws Refusal 422 naming the field for a missing or bad field, an unknown offense or a
   *     window past retention; 403 {@code PROHIBITED_PURPOSE}, {@code TRAINING_REQUIRED},
   *     {@code LEGAL_FLOOR} or {@code NOT_SHARED}; 503 if the audit log cannot take the entry
   */
  public SearchResult search(Caller caller, SearchRequest r) {
    EffectivePolicy policy = policies.current();
    Attempt a = new Attempt(caller, r, policy);
    Instant now = clock.instant();

    if (!caller.hasRole(Roles.INVESTIGATOR) && !caller.hasRole(Roles.PARTNER)) {
      throw refuse(a, "ROLE", Refusal.forbidden("only investigators search"));
    }
    try {
      training.requireCurrentTraining(caller);
    } catch (Refusal e) {
      throw refuse(a, e.code(), e);
    }

    String caseNumber = trimToNull(r.caseNumber());
    String offenseCode = trimToNull(r.offense());
    String reason = trimToNull(r.reason());
    if (caseNumber == null) {
      throw refuse(a, "MISSING_CASE_NUMBER", Refusal.invalid("caseNumber",
          "a case or incident number is required"));
    }
    if (caseNumber.length() > MAX_CASE_NUMBER) {
      throw refuse(a, "INVALID_CASE_NUMBER", Refusal.invalid("caseNumber",
          "the case number is longer than " + MAX_CASE_NUMBER + " characters"));
    }
    if (offenseCode == null) {
      throw refuse(a, "MISSING_OFFENSE", Refusal.invalid("offense",
          "an offense from the policy's list is required; see GET /api/v1/policy"));
    }
    if (reason == null) {
      throw refuse(a, "MISSING_REASON", Refusal.invalid("reason", "a reason is required"));
    }
    if (reason.length() > MAX_REASON) {
      throw refuse(a, "INVALID_REASON", Refusal.invalid("reason",
          "the reason is longer than " + MAX_REASON + " characters"));
    }
    Optional<Offense> offense = policy.offense(offenseCode.toUpperCase(Locale.ROOT));
    if (offense.isEmpty()) {
      throw refuse(a, "UNKNOWN_OFFENSE", new Refusal(SearchRefusal.UNKNOWN_OFFENSE,
          "the offense is not one of the policy's (version " + policy.version() + "); see GET /api/v1/policy",
          "offense"));
    }
    a.offense = offense.get().code();

    PurposeScreen screen = policies.purposeScreen();
    PurposeScreen.Screening screening = screen.screen(offense.get().name(), reason);
    if (screening.prohibited()) {
      throw prohibited(a, screening, "reason", "the reason");
    }
    PurposeScreen.Screening ofCase = screen.prohibitedInIdentifier(caseNumber);
    if (ofCase.prohibited()) {
      throw prohibited(a, ofCase, "caseNumber", "the case number");
    }

    String onBehalfOf = onBehalfOf(a, trimToNull(r.onBehalfOf()));

    boolean lookalike = Boolean.TRUE.equals(r.lookalike());
    PlateQuery plate = plateQuery(a, r, lookalike);

    if (r.from() == null || r.to() == null) {
      throw refuse(a, "MISSING_WINDOW", Refusal.invalid(r.from() == null ? "from" : "to",
          "a time window (from and to) is required"));
    }
    if (!r.from().isBefore(r.to())) {
      throw refuse(a, "INVALID_WINDOW", Refusal.invalid("to", "to must be after from"));
    }
    if (r.from().isAfter(now)) {
      // no read can be in it: a mistyped date, not a search
      throw refuse(a, "WINDOW_IN_FUTURE", Refusal.invalid("from",
          "the window is wholly in the future: from must be now or earlier"));
    }
    Instant oldest = now.minus(policy.nonHitRetention());
    if (r.from().isBefore(oldest)) {
      throw refuse(a, "WINDOW_PAST_RETENTION", new Refusal(SearchRefusal.WINDOW_PAST_RETENTION,
          "the window reaches past the retention period of " + Durations.inWords(policy.nonHitRetention())
              + ": from must be within the last " + Durations.inWords(policy.nonHitRetention()), "from"));
    }

    List<Camera> all = cameras.all();
    Set<Long> cameraFilter = cameraFilter(a, r, all);
    Area area = area(a, r.bbox());
    Set<Long> covered = covered(cameraFilter, area, all);
    if (!plate.indexable() && covered == null) {
      throw refuse(a, "PATTERN_TOO_BROAD", Refusal.invalid("pattern",
          "a pattern needs two known characters at the start or the end, or three in a row, unless cameras or an "
              + "area bound the search"));
    }
    int page = r.page() == null ? 1 : r.page();
    int pageSize = r.pageSize() == null ? DEFAULT_PAGE_SIZE : r.pageSize();
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw refuse(a, "INVALID_PAGE", Refusal.invalid("pageSize", "pageSize must be 1 to " + MAX_PAGE_SIZE));
    }
    if (page < 1 || (long) (page - 1) * pageSize > ReadSearch.MAX_OFFSET) {
      throw refuse(a, "INVALID_PAGE", Refusal.invalid("page",
          "page must be 1 or more, and at most " + ReadSearch.MAX_OFFSET + " reads deep: narrow the search instead"));
    }
    int camerasCovered = covered == null ? all.size() : covered.size();

    List<PlateRead> found;
    long queryStart = System.nanoTime();
    try {
      found = reads.search(new ReadSearch(plate, r.from(), r.to(), covered, area, (page - 1) * pageSize,
          pageSize + 1));
    } catch (DataAccessException e) {
      throw refuse(a, "QUERY_FAILED", new Refusal(SearchRefusal.SEARCH_UNAVAILABLE,
          "the search could not be run (it may have taken too long); narrow the window or the pattern"));
    }
    long queryNanos = System.nanoTime() - queryStart;
    boolean more = found.size() > pageSize;
    List<PlateRead> results = more ? found.subList(0, pageSize) : found;

    UUID searchId = UUID.randomUUID();
    String kind = plate.exact() ? "PLATE" : plate.matchesEverything() ? "AREA" : "PATTERN";
    long windowHours = (Duration.between(r.from(), r.to()).toMinutes() + 59) / 60;
    AuditEvent entry = AuditEvent.of(SearchAuditTypes.SEARCH_PERFORMED, caller)
        .outcome("SUCCESS")
        .policy(policy.sha256())
        .with("searchId", searchId.toString())
        .with("offense", a.offense)
        .with("reasonCategory", screening.reasonCategory())
        .with("caseNumberPresent", true)
        .with("resultCount", results.size())
        .with("camerasCovered", camerasCovered)
        .with("searchKind", kind)
        .with("lookalike", lookalike)
        .with("windowHours", windowHours)
        .with("page", page)
        .with("onBehalfOf", onBehalfOf)
        .secret(plate.exact() ? "plate" : "pattern", plate.pattern())
        .secret("caseNumber", caseNumber)
        .secret("reason", reason)
        .secret("from", r.from().toString())
        .secret("to", r.to().toString())
        .secret("cameras", cameraFilter == null ? null : cameraFilter.stream().sorted().map(String::valueOf)
            .collect(Collectors.joining(",")))
        .secret("bbox", area == null ? null : area.south() + "," + area.west() + "," + area.north() + "," + area.east())
        .build();
    long auditStart = System.nanoTime();
    long auditIndex = audit.recordAndSequence(entry); // durable, with its index, before anything is shown
    long auditNanos = System.nanoTime() - auditStart;
    searchResults.store(searchId, caller, caseNumber, now, results.stream().map(PlateRead::id).toList());
    events.publishEvent(new SearchPerformed(searchId, auditIndex, caller, now, a.offense,
        screening.reasonCategory(), kind, plate.pattern(), lookalike, r.from(), r.to(), camerasCovered, results.size(),
        onBehalfOf, policy.sha256()));
    Map<Long, String> names = new HashMap<>();
    all.forEach(c -> names.put(c.id(), c.name()));
    names.keySet().retainAll(results.stream().map(PlateRead::cameraId).collect(Collectors.toSet()));
    return new SearchResult(searchId, auditIndex, results, page, pageSize, more, camerasCovered, screening.vague(),
        policy.sha256(), names, queryNanos, auditNanos);
  }

  /**
   * Records a search that a role rule of the security chain refused before it reached
   * {@link #search}: reason code {@code ROLE}, as when {@link #search} refuses a caller's role.
   *
   * @param endpoint the endpoint asked for, e.g. {@code POST /api/v1/searches}
   * @throws org.glassplate.server.audit.AuditUnavailable if the refusal cannot be recorded
   */
  public void refusedByRole(Caller caller, String endpoint) {
    EffectivePolicy policy = policies.current();
    audit.recordDenied(AuditEvent.of(SearchAuditTypes.SEARCH_DENIED, caller)
        .denied("ROLE")
        .policy(policy.sha256())
        .with("endpoint", endpoint)
        .build());
    events.publishEvent(new SearchDenied(caller, clock.instant(), "ROLE", null, null, null, policy.sha256()));
  }

  /** The sharing recipient (or this agency) a search is run for; refused under the legal floor or without agreement. */
  private String onBehalfOf(Attempt a, String name) {
    if (name == null) {
      return null;
    }
    if (name.length() > MAX_ON_BEHALF_OF) {
      throw refuse(a, "INVALID_ON_BEHALF_OF", Refusal.invalid("onBehalfOf",
          "at most " + MAX_ON_BEHALF_OF + " characters"));
    }
    PurposeScreen.Screening screening = policies.purposeScreen().prohibitedIn(name);
    if (screening.prohibited()) {
      throw prohibited(a, screening, "onBehalfOf", "on-behalf-of");
    }
    if (name.equalsIgnoreCase(agency.id()) || name.equalsIgnoreCase(agency.name())) {
      return agency.id();
    }
    for (SharingAgreement recipient : a.policy.sharing()) {
      if (name.equalsIgnoreCase(recipient.id()) || name.equalsIgnoreCase(recipient.name())) {
        Optional<String> rule = floor.violation(recipient);
        if (rule.isPresent()) {
          a.onBehalfOfKind = recipient.kind() == SharingAgreement.Kind.FEDERAL ? "FEDERAL"
              : recipient.kind() == SharingAgreement.Kind.PRIVATE ? "PRIVATE" : "OUT_OF_STATE";
          throw refuse(a, "LEGAL_FLOOR", new Refusal(PolicyRefusal.LEGAL_FLOOR,
              "refused by the legal floor: " + rule.get(), "onBehalfOf"));
        }
        return recipient.id();
      }
    }
    Optional<String> rule = floor.onBehalfOfViolation(name);
    if (rule.isPresent()) {
      a.onBehalfOfKind = rule.get().contains("federal") ? "FEDERAL" : rule.get().contains("private") ? "PRIVATE"
          : "OUT_OF_STATE";
      throw refuse(a, "LEGAL_FLOOR", new Refusal(PolicyRefusal.LEGAL_FLOOR,
          "refused by the legal floor: " + rule.get(), "onBehalfOf"));
    }
    throw refuse(a, "NOT_SHARED", new Refusal(SearchRefusal.NOT_SHARED,
        "the policy in force has no sharing agreement with that agency, and nothing is shared by default",
        "onBehalfOf"));
  }

  private PlateQuery plateQuery(Attempt a, SearchRequest r, boolean lookalike) {
    String plate = trimToNull(r.plate());
    String pattern = trimToNull(r.pattern());
    if (plate == null && pattern == null) {
      throw refuse(a, "MISSING_PLATE", Refusal.invalid("plate",
          "a plate or a pattern is required (a pattern of * with cameras or an area searches every plate there)"));
    }
    if (plate != null && pattern != null) {
      throw refuse(a, "INVALID_PLATE", Refusal.invalid("pattern", "give a plate or a pattern, not both"));
    }
    try {
      return plate != null ? PlateQuery.plate(plate, lookalike) : PlateQuery.pattern(pattern, lookalike);
    } catch (IllegalArgumentException e) {
      throw refuse(a, plate != null ? "INVALID_PLATE" : "INVALID_PATTERN",
          Refusal.invalid(plate != null ? "plate" : "pattern", e.getMessage()));
    }
  }

  private Set<Long> cameraFilter(Attempt a, SearchRequest r, List<Camera> all) {
    if (r.cameras() == null || r.cameras().isEmpty()) {
      return null;
    }
    if (r.cameras().size() > MAX_CAMERAS || r.cameras().contains(null)) {
      throw refuse(a, "INVALID_CAMERAS", Refusal.invalid("cameras",
          "cameras must be 1 to " + MAX_CAMERAS + " camera ids"));
    }
    Set<Long> known = all.stream().map(Camera::id).collect(Collectors.toSet());
    Set<Long> wanted = new HashSet<>(r.cameras());
    if (!known.containsAll(wanted)) {
      throw refuse(a, "UNKNOWN_CAMERA", Refusal.invalid("cameras", "unknown camera id"));
    }
    return wanted;
  }

  private Area area(Attempt a, List<Double> bbox) {
    if (bbox == null || bbox.isEmpty()) {
      return null;
    }
    try {
      if (bbox.size() != 4 || bbox.contains(null)) {
        throw new IllegalArgumentException("bbox is [south, west, north, east] in degrees");
      }
      return new Area(bbox.get(0), bbox.get(1), bbox.get(2), bbox.get(3));
    } catch (IllegalArgumentException e) {
      throw refuse(a, "INVALID_AREA", Refusal.invalid("bbox",
          "bbox is [south, west, north, east] in degrees: " + e.getMessage()));
    }
  }

  /**
   * The cameras a search covers: those asked for, narrowed to those placed in the area; null when
   * neither bounds it (every camera). A read's own position must also be in the area.
   */
  private static Set<Long> covered(Set<Long> cameraFilter, Area area, List<Camera> all) {
    if (area == null) {
      return cameraFilter;
    }
    Set<Long> inArea = new HashSet<>();
    for (Camera c : all) {
      if (area.contains(c.lat(), c.lon()) && (cameraFilter == null || cameraFilter.contains(c.id()))) {
        inArea.add(c.id());
      }
    }
    return inArea;
  }

  /** A search refused for a prohibited purpose named in {@code field}, audited with its category. */
  private Refusal prohibited(Attempt a, PurposeScreen.Screening screening, String field, String what) {
    a.reasonCategory = screening.category();
    return refuse(a, "PROHIBITED_PURPOSE", new Refusal(SearchRefusal.PROHIBITED_PURPOSE,
        what + " names a prohibited purpose: " + screening.description()
            + " The search is refused, and the refusal is recorded.", field));
  }

  /** Audits a refusal (it stays when the request fails), tells oversight, returns the error. */
  private Refusal refuse(Attempt a, String reasonCode, Refusal e) {
    SearchRequest r = a.request;
    audit.recordDenied(AuditEvent.of(SearchAuditTypes.SEARCH_DENIED, a.caller)
        .denied(reasonCode)
        .policy(a.policy.sha256())
        .with("offense", a.offense)
        .with("reasonCategory", a.reasonCategory)
        .with("caseNumberPresent", trimToNull(r.caseNumber()) != null)
        .with("onBehalfOfKind", a.onBehalfOfKind)
        .secret("plate", capped(r.plate()))
        .secret("pattern", capped(r.pattern()))
        .secret("caseNumber", capped(r.caseNumber()))
        .secret("offense", a.offense == null ? capped(r.offense()) : null)
        .secret("reason", capped(r.reason()))
        .secret("onBehalfOf", capped(r.onBehalfOf()))
        .secret("from", r.from() == null ? null : r.from().toString())
        .secret("to", r.to() == null ? null : r.to().toString())
        .build());
    events.publishEvent(new SearchDenied(a.caller, clock.instant(), reasonCode, a.offense, a.reasonCategory,
        a.onBehalfOfKind, a.policy.sha256()));
    return e;
  }

  /** A refused request's text for the record: trimmed, and cut at 2,000 characters (a body may be 2 MiB). */
  private static String capped(String s) {
    String t = trimToNull(s);
    return t == null || t.length() <= 2000 ? t : t.substring(0, 2000);
  }

  private static String trimToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
