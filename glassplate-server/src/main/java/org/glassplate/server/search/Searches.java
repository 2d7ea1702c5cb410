package org.glassplate.server.search;

import org.glassplate.server.core.CommonRefusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.glassplate.server.accounts.Account;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.accounts.TrainingGate;
import org.glassplate.server.hotlist.Alerts;
import org.glassplate.server.sharing.PartnerQuery;
import org.glassplate.server.sharing.SharingAuditTypes;
import org.glassplate.server.sharing.SharingRefusal;
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
  static final int MAX_REQUESTER_NAME = 200;
  /** A partner requester's pseudonym, published in the audit log: a short code, e.g. {@code user:4}. */
  private static final String PSEUDONYM = "[A-Za-z0-9:._-]{1,64}";

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
  private final Alerts alerts;
  private final PartnerFanOut fanOut;
  private final Accounts accounts;

  Searches(Policies policies, LegalFloor floor, TrainingGate training, Reads reads, Cameras cameras,
      AuditRecorder audit, ApplicationEventPublisher events, Clock clock, Agency agency, SearchResults searchResults,
      Alerts alerts, PartnerFanOut fanOut, Accounts accounts) {
    this.fanOut = fanOut;
    this.accounts = accounts;
    this.searchResults = searchResults;
    this.alerts = alerts;
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
    final Partner partner;
    String offense;
    String reasonCategory;
    String onBehalfOfKind;

    Attempt(Caller caller, SearchRequest request, EffectivePolicy policy, Partner partner) {
      this.caller = caller;
      this.request = request;
      this.policy = policy;
      this.partner = partner;
    }
  }

  /**
   * A partner agency's query: the agreement it comes under, and the person asking there.
   *
   * @param pseudonym the requester's pseudonym at their agency, null when the query gave none fit to publish
   * @param name the requester's name, private
   */
  private record Partner(SharingAgreement agreement, String pseudonym, String name) {
    SharingAgreement.Scope scope() {
      return agreement.terms().scope();
    }
  }

  /**
   * Runs a search for {@code caller}.
   *
   * <p>With {@code partners} (issue 14, item 4), once this node's own search is on the record (its entry
   * names the partners about to be asked, {@code partnersAsked}), the same plate, window, case number,
   * offense, reason and on-behalf-of go to each partner agency asked ({@link PartnerFanOut}); each owner
   * checks its own agreement's scope. What every partner did, with the owner's audit index when it
   * answered, is then recorded as {@link SharingAuditTypes#PARTNER_SEARCH_SENT} and made durable before
   * anything is returned: if that entry cannot be made, no result leaves, local or partner's (fail closed).
   *
   * @throws Refusal 422 naming the field for a missing or bad field, an unknown offense or a
   *     window past retention, or a pattern with partners ({@code partners}); 403 {@code PROHIBITED_PURPOSE},
   *     {@code TRAINING_REQUIRED}, {@code LEGAL_FLOOR} or {@code NOT_SHARED}; 503 if the audit log cannot
   *     take an entry
   */
  public SearchResult search(Caller caller, SearchRequest r) {
    SearchRequest.Partners asked = r.partners() == null ? SearchRequest.Partners.NONE : r.partners();
    List<PartnerFanOut.Target> targets = asked.asked() ? fanOut.targets(asked) : null;
    SearchResult local = run(caller, r, null, targets);
    if (targets == null) {
      return local;
    }
    return askPartners(caller, r, local, targets);
  }

  /** The fan-out, after the local search is on the record: ask, record what each answered, then return. */
  private SearchResult askPartners(Caller caller, SearchRequest r, SearchResult local,
      List<PartnerFanOut.Target> targets) {
    String name = caller.kind() == Caller.Kind.USER
        ? accounts.find(caller.id()).map(Account::displayName).orElse(caller.pseudonym()) : caller.pseudonym();
    String offense = r.offense().strip().toUpperCase(Locale.ROOT);
    String plate = r.plate().strip();
    String caseNumber = r.caseNumber().strip();
    String reason = r.reason().strip();
    PartnerQuery query = new PartnerQuery(agency.id(), new PartnerQuery.Requester(caller.pseudonym(), name), plate,
        Boolean.TRUE.equals(r.lookalike()), r.from(), r.to(), null, caseNumber, offense, reason,
        trimToNull(r.onBehalfOf()));
    List<PartnerOutcome> outcomes = fanOut.ask(targets, query);
    List<Map<String, Object>> published = new ArrayList<>();
    int count = 0;
    for (PartnerOutcome o : outcomes) {
      Map<String, Object> p = new TreeMap<>(); // canonical JSON: keys in order
      p.put("agency", o.agency());
      p.put("status", o.status().name());
      if (o.code() != null) {
        p.put("code", o.code());
      }
      if (o.auditIndex() != null) {
        p.put("auditIndex", o.auditIndex());
        p.put("checkpointSize", o.checkpointSize());
      }
      p.put("count", o.count());
      published.add(p);
      count += o.count();
    }
    AuditEvent entry = AuditEvent.of(SharingAuditTypes.PARTNER_SEARCH_SENT, caller)
        .outcome("SUCCESS")
        .policy(local.policySha256())
        .with("searchId", local.searchId().toString())
        .with("searchAuditIndex", local.auditIndex())
        .with("offense", offense)
        .with("caseNumberPresent", true)
        .with("lookalike", Boolean.TRUE.equals(r.lookalike()))
        .with("partners", published)
        .with("resultCount", count)
        .secret("requesterName", name)
        .secret("plate", plate)
        .secret("caseNumber", caseNumber)
        .secret("reason", reason)
        .secret("from", r.from().toString())
        .secret("to", r.to().toString())
        .build();
    long index = audit.recordAndSequence(entry); // durable, with its index, before any partner's read is shown
    return local.withPartners(outcomes, index);
  }

  /**
   * Answers a partner agency's query on this, the data owner's, side (R-SHR-2, R-SHR-3), once its
   * signature and agreement have been checked ({@code sharing.FederationRequests}): exactly the checks
   * of a local search (case number, offense, reason, purpose screen, on-behalf-of and the legal floor,
   * window, retention), by a caller of kind {@code PARTNER} named {@code <agency>/<pseudonym>}, then
   * the agreement's scope: the offense one of its offenses, the window within its lookback, the cameras
   * among its cameras (none named: all of its cameras), and for a hits-only scope only the reads that
   * raised a hit. Answered as {@link SharingAuditTypes#PARTNER_QUERY}, with the requesting agency public
   * and the requester's name, the case number and the reason committed; refused as
   * {@link SharingAuditTypes#PARTNER_QUERY_REFUSED} with its reason code, before the partner hears of it.
   *
   * @param agreement the agreement in force with the requesting agency, which has this node answer
   * @param query the partner's query; its {@code requestingAgency} must be the agreement's id
   * @param sourceAddress the requesting node's address, private in the audit log
   * @throws Refusal as {@link #search} does, or 403 {@code OUTSIDE_SCOPE} naming the field (cameras, from,
   *     offense), or 422 {@code INVALID_FIELD} for a requester missing or unfit to publish
   */
  public PartnerSearchResult partnerSearch(SharingAgreement agreement, PartnerQuery query, String sourceAddress) {
    if (agreement.terms() == null || !agreement.id().equals(query.requestingAgency())) {
      throw new IllegalArgumentException("a partner query is answered under the requesting agency's own agreement");
    }
    PartnerQuery.Requester who = query.requester();
    String pseudonym = who == null ? null : trimToNull(who.pseudonym());
    if (pseudonym != null && !pseudonym.matches(PSEUDONYM)) {
      pseudonym = null; // it goes into the public log: only a short code, nothing that could be a name
    }
    Partner partner = new Partner(agreement, pseudonym, who == null ? null : trimToNull(who.name()));
    Caller caller = new Caller(Caller.Kind.PARTNER, 0,
        pseudonym == null ? agreement.id() : agreement.id() + "/" + pseudonym, Set.of(Roles.PARTNER), sourceAddress);
    SearchRequest r = new SearchRequest(query.plate(), null, query.from(), query.to(), query.caseNumber(),
        query.offense(), query.reason(), query.onBehalfOf(), query.lookalike(), query.cameras(), null, 1,
        MAX_PAGE_SIZE);
    SearchResult found = run(caller, r, partner, null);
    Map<Long, Camera> byId = new HashMap<>();
    cameras.all().forEach(c -> byId.put(c.id(), c));
    byId.keySet().retainAll(found.results().stream().map(PlateRead::cameraId).collect(Collectors.toSet()));
    return new PartnerSearchResult(found.auditIndex(), found.results(), byId, found.camerasCovered());
  }

  private SearchResult run(Caller caller, SearchRequest r, Partner partner, List<PartnerFanOut.Target> targets) {
    EffectivePolicy policy = policies.current();
    Attempt a = new Attempt(caller, r, policy, partner);
    Instant now = clock.instant();

    if (!caller.hasRole(Roles.INVESTIGATOR) && !caller.hasRole(Roles.PARTNER)) {
      throw refuse(a, "ROLE", Refusal.forbidden("only investigators search"));
    }
    try {
      training.requireCurrentTraining(caller);
    } catch (Refusal e) {
      throw refuse(a, e.code(), e);
    }
    if (partner != null && partner.pseudonym() == null) {
      throw refuse(a, "INVALID_REQUESTER", Refusal.invalid("requester.pseudonym",
          "the requester's pseudonym is required: 1 to 64 of A-Z, a-z, 0-9 and : . _ - (e.g. user:4)"));
    }
    if (partner != null && (partner.name() == null || partner.name().length() > MAX_REQUESTER_NAME)) {
      throw refuse(a, "INVALID_REQUESTER", Refusal.invalid("requester.name",
          "the requester's name is required, at most " + MAX_REQUESTER_NAME + " characters"));
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
      throw refuse(a, "UNKNOWN_OFFENSE", new Refusal(CommonRefusal.UNKNOWN_OFFENSE,
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
    if (targets != null && !plate.exact()) {
      throw refuse(a, "PARTNERS_NEED_PLATE", Refusal.invalid("partners",
          "partner agencies answer a full plate only: search a plate, not a pattern, to ask them too"));
    }

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
      throw refuse(a, "WINDOW_PAST_RETENTION", new Refusal(CommonRefusal.WINDOW_PAST_RETENTION,
          "the window reaches past the retention period of " + Durations.inWords(policy.nonHitRetention())
              + ": from must be within the last " + Durations.inWords(policy.nonHitRetention()), "from"));
    }
    if (partner != null) {
      requireInScope(a, partner.scope(), now);
    }

    List<Camera> all = cameras.all();
    Set<Long> cameraFilter = cameraFilter(a, r, all);
    if (partner != null && cameraFilter == null && !partner.scope().allCameras()) {
      cameraFilter = new HashSet<>(partner.scope().cameras()); // no camera named: those the agreement covers
    }
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
    if (partner != null && partner.scope().hitsOnly()) {
      Set<Long> hits = alerts.raisedHits(results.stream().map(PlateRead::id).toList());
      results = results.stream().filter(read -> hits.contains(read.id())).toList();
    }

    UUID searchId = UUID.randomUUID();
    String kind = plate.exact() ? "PLATE" : plate.matchesEverything() ? "AREA" : "PATTERN";
    long windowHours = (Duration.between(r.from(), r.to()).toMinutes() + 59) / 60;
    AuditEvent entry = AuditEvent.of(partner == null ? SearchAuditTypes.SEARCH_PERFORMED
            : SharingAuditTypes.PARTNER_QUERY, caller)
        .outcome("SUCCESS")
        .with("requestingAgency", partner == null ? null : partner.agreement().id())
        .with("scopeReads", partner == null ? null : partner.scope().hitsOnly() ? "hits-only" : "all")
        .secret("requesterName", partner == null ? null : partner.name())
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
        .with("partnersAsked", targets == null ? null : targets.stream().map(PartnerFanOut.Target::agency).toList())
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
    if (partner == null) { // a partner's person cannot name this node's searches in a hold
      searchResults.store(searchId, caller, caseNumber, now, results.stream().map(PlateRead::id).toList());
    }
    events.publishEvent(new SearchPerformed(searchId, auditIndex, caller, now, a.offense,
        screening.reasonCategory(), kind, plate.pattern(), lookalike, r.from(), r.to(), camerasCovered, results.size(),
        onBehalfOf, policy.sha256()));
    Map<Long, String> names = new HashMap<>();
    all.forEach(c -> names.put(c.id(), c.name()));
    names.keySet().retainAll(results.stream().map(PlateRead::cameraId).collect(Collectors.toSet()));
    return new SearchResult(searchId, auditIndex, results, page, pageSize, more, camerasCovered, screening.vague(),
        policy.sha256(), names, queryNanos, auditNanos, null, null);
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

  /**
   * Refuses a partner's query that reaches outside its agreement's scope (R-SHR-1): an offense the
   * agreement does not name, a window past its lookback, a camera it does not cover.
   */
  private void requireInScope(Attempt a, SharingAgreement.Scope scope, Instant now) {
    SearchRequest r = a.request;
    if (!scope.offenses().contains(a.offense)) {
      throw refuse(a, "OUTSIDE_SCOPE", new Refusal(SharingRefusal.OUTSIDE_SCOPE,
          "the agreement with your agency covers only the offenses " + String.join(", ", scope.offenses()),
          "offense"));
    }
    if (r.from().isBefore(now.minus(scope.lookback()))) {
      throw refuse(a, "OUTSIDE_SCOPE", new Refusal(SharingRefusal.OUTSIDE_SCOPE,
          "the agreement with your agency reaches back " + Durations.inWords(scope.lookback())
              + " only: from must be within the last " + Durations.inWords(scope.lookback()), "from"));
    }
    if (!scope.allCameras() && r.cameras() != null && !r.cameras().isEmpty()
        && !scope.cameras().containsAll(r.cameras())) {
      throw refuse(a, "OUTSIDE_SCOPE", new Refusal(SharingRefusal.OUTSIDE_SCOPE,
          "the agreement with your agency covers only some cameras: ask for those or for none", "cameras"));
    }
  }

  /** A search refused for a prohibited purpose named in {@code field}, audited with its category. */
  private Refusal prohibited(Attempt a, PurposeScreen.Screening screening, String field, String what) {
    a.reasonCategory = screening.category();
    return refuse(a, "PROHIBITED_PURPOSE", new Refusal(CommonRefusal.PROHIBITED_PURPOSE,
        what + " names a prohibited purpose: " + screening.description()
            + " The search is refused, and the refusal is recorded.", field));
  }

  /** Audits a refusal (it stays when the request fails), tells oversight, returns the error. */
  private Refusal refuse(Attempt a, String reasonCode, Refusal e) {
    SearchRequest r = a.request;
    audit.recordDenied(AuditEvent.of(a.partner == null ? SearchAuditTypes.SEARCH_DENIED
            : SharingAuditTypes.PARTNER_QUERY_REFUSED, a.caller)
        .denied(reasonCode)
        .with("requestingAgency", a.partner == null ? null : a.partner.agreement().id())
        .secret("requesterName", a.partner == null ? null : capped(a.partner.name()))
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
