package org.glassplate.server.sharing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.glassplate.server.accounts.Approvers;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditLog;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.audit.AuditUnavailable;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.CommonRefusal;
import org.glassplate.server.core.Durations;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.Roles;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.LegalFloor;
import org.glassplate.server.policy.Offense;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.policy.PolicyRefusal;
import org.glassplate.server.policy.PurposeScreen;
import org.glassplate.server.policy.SharingAgreement;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.reads.PlateNumber;
import org.glassplate.server.reads.PlateQuery;
import org.glassplate.server.reads.PlateRead;
import org.glassplate.server.reads.ReadSearch;
import org.glassplate.server.reads.Reads;
import org.glassplate.server.sharing.internal.DataRequestStore;
import org.glassplate.server.sharing.internal.ExportPackage;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Written data requests from other public agencies (R-SHR-4, policy 462.7 style). A supervisor
 * records a request (agency, requester, intended purpose, case, offense, plates or a window); the
 * legal floor refuses an out-of-state, federal or private recipient at once (R-SHR-2) and the purpose
 * screen a prohibited purpose, and either refusal is kept on file. A supervisor other than the one
 * who recorded it approves or denies it (R-ACC-7). An approved request is fulfilled as an export
 * package ({@link ExportPackage}): its reads as CSV, and the audit entries of this request (recorded,
 * approved, each export) with inclusion proofs against a signed checkpoint that covers them all,
 * which {@code org.glassplate.log.verify.ExportVerifier} checks with glassplate-log alone.
 *
 * <p>Every step is audited ({@link DataRequestAuditTypes}); the names, the case number, the purpose
 * and the plates go only to private fields. A step that changes a request writes its entry and waits
 * for its log index inside the transaction that changes the request: if the entry cannot be made
 * durable nothing changes (fail closed); should the change then fail to commit, the log says a little
 * more than the file, never less. Refusals are audited with {@code recordDenied}.
 */
@Component
public class DataRequests {
  static final int MAX_NAME = 200;
  static final int MAX_TEXT = 2000;
  static final int MAX_CASE_NUMBER = 64;
  static final int MAX_PLATES = 50;
  /** Most reads one export package holds; a wider request is refused, to be narrowed by its agency. */
  public static final int MAX_EXPORT_READS = 2000;
  /** How long an export waits for a signed checkpoint that covers its own entry (one is signed every second). */
  static final Duration CHECKPOINT_WAIT = Duration.ofSeconds(15);
  private static final Set<String> KINDS = Set.of("local", "state-agency", "federal", "private");

  private final DataRequestStore store;
  private final Policies policies;
  private final LegalFloor floor;
  private final Approvers approvers;
  private final AuditRecorder audit;
  private final AuditLog log;
  private final Reads reads;
  private final Cameras cameras;
  private final Clock clock;
  private final TransactionTemplate tx;

  DataRequests(DataRequestStore store, Policies policies, LegalFloor floor, Approvers approvers, AuditRecorder audit,
      AuditLog log, Reads reads, Cameras cameras, Clock clock, PlatformTransactionManager transactions) {
    this.store = store;
    this.policies = policies;
    this.floor = floor;
    this.approvers = approvers;
    this.audit = audit;
    this.log = log;
    this.reads = reads;
    this.cameras = cameras;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
  }

  /**
   * An export package as released.
   *
   * @param zip the package ({@code application/zip})
   * @param sha256 hex SHA-256 of {@code zip}, as the release entry records it
   * @param exportAuditIndex log index of the {@code DATA_REQUEST_EXPORTED} entry inside the package
   * @param releaseAuditIndex log index of the {@code DATA_REQUEST_RELEASED} entry, which names {@code sha256}
   * @param checkpointSize size of the signed checkpoint the package's proofs are against
   */
  public record Export(long requestId, byte[] zip, String sha256, long exportAuditIndex, long releaseAuditIndex,
      long checkpointSize, int reads) {
    public Export {
      zip = zip.clone();
    }

    @Override
    public byte[] zip() {
      return zip.clone();
    }
  }

  // ---- record ----

  /**
   * Puts a written request on file for {@code caller} (a supervisor).
   *
   * @throws Refusal 422 naming the field; 403 {@code LEGAL_FLOOR} or {@code PROHIBITED_PURPOSE} (the
   *     request is then kept on file as refused); 503 if the audit log cannot take the entry
   */
  public DataRequest record(Caller caller, DataRequestSubmission s) {
    requireSupervisor(caller, "record");
    EffectivePolicy policy = policies.current();
    Instant now = clock.instant();

    // the agency first: the legal floor refuses a forbidden recipient at once, whatever else the request says
    String agencyName = text(caller, policy, "agency.name", s.agencyName(), MAX_NAME, true);
    String state = trim(s.agencyState());
    if (state == null || !state.toUpperCase(Locale.ROOT).matches("[A-Z]{2}")) {
      throw invalid(caller, policy, "agency.state", "the agency's state is a two-letter code, e.g. CA");
    }
    state = state.toUpperCase(Locale.ROOT);
    String kind = trim(s.agencyKind());
    if (kind == null || !KINDS.contains(kind.toLowerCase(Locale.ROOT))) {
      throw invalid(caller, policy, "agency.kind", "the agency's kind is one of local, state-agency, federal, private");
    }
    kind = kind.toLowerCase(Locale.ROOT);
    DataRequest.Agency agency = new DataRequest.Agency(agencyName, state, kind);
    Optional<String> rule = floor.violation(SharingAgreement.recipient("data-request", agencyName, state,
        SharingAgreement.Kind.fromYaml(kind), null)).or(() -> floor.onBehalfOfViolation(agencyName));
    if (rule.isPresent()) {
      keepRefused(caller, policy, now, agency, s, DataRequest.Status.REFUSED_BY_FLOOR, PolicyRefusal.LEGAL_FLOOR.code(),
          null);
      throw new Refusal(PolicyRefusal.LEGAL_FLOOR, "refused by the legal floor: " + rule.get()
          + ". The request is kept on file as refused, and the refusal is recorded.", "agency");
    }

    String requesterName = text(caller, policy, "requester.name", s.requesterName(), MAX_NAME, true);
    String requesterTitle = text(caller, policy, "requester.title", s.requesterTitle(), MAX_NAME, false);
    String requesterContact = text(caller, policy, "requester.contact", s.requesterContact(), MAX_NAME, false);
    String purpose = text(caller, policy, "purpose", s.purpose(), MAX_TEXT, true);
    String caseNumber = text(caller, policy, "caseNumber", s.caseNumber(), MAX_CASE_NUMBER, true);
    String offenseCode = text(caller, policy, "offense", s.offense(), MAX_NAME, true);
    Optional<Offense> offense = policy.offense(offenseCode.toUpperCase(Locale.ROOT));
    if (offense.isEmpty()) {
      throw refuse(caller, policy, null, "record", CommonRefusal.UNKNOWN_OFFENSE.code(), "offense",
          new Refusal(CommonRefusal.UNKNOWN_OFFENSE, "the offense is not one of the policy's (version "
              + policy.version() + "); see GET /api/v1/policy", "offense"));
    }
    List<String> plates = plates(caller, policy, s.plates());
    Instant from = time(caller, policy, "from", s.from());
    Instant to = time(caller, policy, "to", s.to());
    if (plates.isEmpty() && from == null && to == null) {
      throw invalid(caller, policy, "plates", "a request names plates, a time window (from and to), or both");
    }
    if ((from == null) != (to == null)) {
      throw invalid(caller, policy, from == null ? "from" : "to", "a window needs both from and to");
    }
    if (from != null) {
      if (!from.isBefore(to)) {
        throw invalid(caller, policy, "to", "to must be after from");
      }
      if (from.isAfter(now)) {
        throw invalid(caller, policy, "from", "the window is wholly in the future: from must be now or earlier");
      }
      if (from.isBefore(now.minus(policy.nonHitRetention()))) {
        throw refuse(caller, policy, null, "record", CommonRefusal.WINDOW_PAST_RETENTION.code(), "from",
            new Refusal(CommonRefusal.WINDOW_PAST_RETENTION, "the window reaches past the retention period of "
                + Durations.inWords(policy.nonHitRetention()) + ": no read that old is kept", "from"));
      }
    }
    Instant receivedAt = time(caller, policy, "receivedAt", s.receivedAt());
    if (receivedAt == null) {
      throw invalid(caller, policy, "receivedAt", "when the written request was received is required");
    }
    if (receivedAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
      throw invalid(caller, policy, "receivedAt", "receivedAt is in the future");
    }
    String document = text(caller, policy, "documentReference", s.documentReference(), MAX_NAME, true);

    DataRequest request = new DataRequest(0, DataRequest.Status.RECORDED, agency,
        new DataRequest.Requester(requesterName, requesterTitle, requesterContact), purpose, caseNumber,
        offense.get().code(), plates, from, to, receivedAt, document, caller.id(), caller.pseudonym(), now, null,
        policy.sha256(), List.of());

    PurposeScreen screen = policies.purposeScreen();
    String field = null;
    PurposeScreen.Screening screening = screen.screen(offense.get().name(), purpose);
    if (screening.prohibited()) {
      field = "purpose";
    } else if (screen.prohibitedInIdentifier(caseNumber).prohibited()) {
      screening = screen.prohibitedInIdentifier(caseNumber);
      field = "caseNumber";
    } else if (screen.prohibitedIn(agencyName).prohibited()) {
      screening = screen.prohibitedIn(agencyName);
      field = "agency.name";
    }
    if (field != null) {
      DataRequest refused = withStatus(request, DataRequest.Status.REFUSED_PROHIBITED_PURPOSE,
          CommonRefusal.PROHIBITED_PURPOSE.code());
      String category = screening.category();
      tx.executeWithoutResult(t -> {
        long id = store.insert(refused);
        store.addEvent(id, new DataRequest.Event("REFUSED", caller.pseudonym(), now,
            CommonRefusal.PROHIBITED_PURPOSE.code(), null, null));
        audit.recordDenied(details(AuditEvent.of(DataRequestAuditTypes.DATA_REQUEST_REFUSED, caller), refused)
            .denied(CommonRefusal.PROHIBITED_PURPOSE.code()).policy(policy.sha256()).with("requestId", id)
            .with("action", "record").with("reasonCategory", category).build());
      });
      throw new Refusal(CommonRefusal.PROHIBITED_PURPOSE, "the " + field + " names a prohibited purpose: "
          + screening.description() + " The request is kept on file as refused, and the refusal is recorded.", field);
    }

    String category = screening.reasonCategory();
    long id = tx.execute(t -> {
      long newId = store.insert(request);
      long index = audit.recordAndSequence(details(AuditEvent.of(DataRequestAuditTypes.DATA_REQUEST_RECORDED, caller),
          request).outcome("SUCCESS").policy(policy.sha256()).with("requestId", newId)
          .with("reasonCategory", category).build());
      store.addEvent(newId, new DataRequest.Event("RECORDED", caller.pseudonym(), now, null, index, null));
      return newId;
    });
    return store.find(id).orElseThrow();
  }

  /** Keeps a request the legal floor refused on file, with whatever it gave, and audits the refusal. */
  private void keepRefused(Caller caller, EffectivePolicy policy, Instant now, DataRequest.Agency agency,
      DataRequestSubmission s, DataRequest.Status status, String code, String field) {
    List<String> plates = new ArrayList<>();
    if (s.plates() != null) {
      for (String p : s.plates().stream().limit(MAX_PLATES).toList()) {
        try {
          plates.add(PlateNumber.normalize(p).value());
        } catch (IllegalArgumentException e) {
          // kept as far as it can be; an unreadable plate is not kept
        }
      }
    }
    String offense = capped(s.offense(), MAX_NAME);
    DataRequest refused = new DataRequest(0, status, agency,
        new DataRequest.Requester(capped(s.requesterName(), MAX_NAME), capped(s.requesterTitle(), MAX_NAME),
            capped(s.requesterContact(), MAX_NAME)),
        capped(s.purpose(), MAX_TEXT), capped(s.caseNumber(), MAX_CASE_NUMBER),
        offense == null ? null : offense.toUpperCase(Locale.ROOT), plates, lenient(s.from()), lenient(s.to()),
        lenient(s.receivedAt()), capped(s.documentReference(), MAX_NAME), caller.id(), caller.pseudonym(), now, code,
        policy.sha256(), List.of());
    tx.executeWithoutResult(t -> {
      long id = store.insert(refused);
      store.addEvent(id, new DataRequest.Event("REFUSED", caller.pseudonym(), now, code, null, null));
      audit.recordDenied(details(AuditEvent.of(DataRequestAuditTypes.DATA_REQUEST_REFUSED, caller), refused)
          .denied(code).policy(policy.sha256()).with("requestId", id).with("action", "record")
          .with("field", field).build());
    });
  }

  // ---- review ----

  /**
   * Approves a recorded request: {@code caller} must be a supervisor other than the one who recorded it.
   *
   * @throws Refusal 404; 403 {@code SAME_PERSON}; 409 {@code NOT_PENDING} if it is not waiting for review
   */
  public DataRequest approve(long id, Caller caller, String note) {
    return review(id, caller, true, capped(note, MAX_TEXT));
  }

  /**
   * Denies a recorded request, with a reason: {@code caller} must be a supervisor other than the one
   * who recorded it.
   *
   * @throws Refusal 422 without a reason; 404; 403 {@code SAME_PERSON}; 409 {@code NOT_PENDING}
   */
  public DataRequest deny(long id, Caller caller, String reason) {
    requireSupervisor(caller, "deny");
    String why = trim(reason);
    if (why == null || why.length() > MAX_TEXT) {
      throw refuse(caller, policies.current(), id, "deny", CommonRefusal.INVALID_FIELD.code(), "reason",
          Refusal.invalid("reason", "a reason of 1 to " + MAX_TEXT + " characters is required to deny a request"));
    }
    return review(id, caller, false, why);
  }

  private DataRequest review(long id, Caller caller, boolean approve, String note) {
    String action = approve ? "approve" : "deny";
    requireSupervisor(caller, action);
    EffectivePolicy policy = policies.current();
    Instant now = clock.instant();
    tx.executeWithoutResult(t -> {
      DataRequest r = store.lock(id).orElseThrow(() -> refuse(caller, policy, id, action,
          CommonRefusal.NOT_FOUND.code(), null, Refusal.notFound("data request")));
      approvers.requireDifferentPerson(r.recordedBy(), caller, action + " a data request you recorded",
          AuditEvent.of(DataRequestAuditTypes.DATA_REQUEST_REFUSED, caller).policy(policy.sha256())
              .with("requestId", id).with("action", action));
      if (r.status() != DataRequest.Status.RECORDED) {
        throw refuse(caller, policy, id, action, CommonRefusal.NOT_PENDING.code(), null,
            new Refusal(CommonRefusal.NOT_PENDING, "the request is " + r.status() + ", not waiting for review"));
      }
      long index = audit.recordAndSequence(AuditEvent.of(approve ? DataRequestAuditTypes.DATA_REQUEST_APPROVED
              : DataRequestAuditTypes.DATA_REQUEST_DENIED, caller)
          .outcome("SUCCESS").policy(policy.sha256()).with("requestId", id).with("offense", r.offense())
          .with("recordedBy", r.recordedByPseudonym()).secret(approve ? "note" : "reason", note).build());
      store.setStatus(id, approve ? DataRequest.Status.APPROVED : DataRequest.Status.DENIED);
      store.addEvent(id, new DataRequest.Event(approve ? "APPROVED" : "DENIED", caller.pseudonym(), now, note, index,
          null));
    });
    return store.find(id).orElseThrow();
  }

  // ---- view ----

  /** The newest {@code limit} requests on file, with their history; the viewing is audited. */
  public List<DataRequest> list(Caller caller, int limit) {
    requireViewer(caller);
    List<DataRequest> out = store.recent(Math.max(1, Math.min(limit, 1000)));
    audit.record(AuditEvent.of(DataRequestAuditTypes.DATA_REQUESTS_VIEWED, caller).outcome("SUCCESS")
        .with("resultCount", out.size()).build());
    return out;
  }

  /** One request on file, with its history; the viewing is audited. */
  public DataRequest show(long id, Caller caller) {
    requireViewer(caller);
    DataRequest r = store.find(id).orElseThrow(() -> Refusal.notFound("data request"));
    audit.record(AuditEvent.of(DataRequestAuditTypes.DATA_REQUESTS_VIEWED, caller).outcome("SUCCESS")
        .with("requestId", id).with("resultCount", 1).build());
    return r;
  }

  /**
   * Records a caller that a role rule of the security chain refused on a data-request endpoint.
   *
   * @throws AuditUnavailable if the refusal cannot be recorded
   */
  public void refusedByRole(Caller caller, String action) {
    audit.recordDenied(AuditEvent.of(DataRequestAuditTypes.DATA_REQUEST_REFUSED, caller).denied("ROLE")
        .policy(policies.current().sha256()).with("action", action).build());
  }

  // ---- export ----

  /**
   * Fulfils an approved request: reads its reads (plates in its window, or within retention when it
   * names none; every read of its window when it names no plate), records {@code DATA_REQUEST_EXPORTED}
   * with their count and the SHA-256 of {@code reads.csv} and waits for its log index before anything
   * leaves, waits for a signed checkpoint that covers that entry, builds the package with the
   * request's entries and their inclusion proofs against that checkpoint, then records
   * {@code DATA_REQUEST_RELEASED} with the package's SHA-256 before returning it. A request may be
   * released more than once; each release is recorded.
   *
   * @throws Refusal 404; 409 {@code NOT_APPROVED}; 422 {@code TOO_MANY_READS}; 503 if the log cannot
   *     take an entry or sign a checkpoint in time (nothing leaves)
   */
  public Export export(long id, Caller caller) {
    requireSupervisor(caller, "export");
    EffectivePolicy policy = policies.current();
    Instant now = clock.instant();
    DataRequest r = store.find(id).orElseThrow(() -> refuse(caller, policy, id, "export",
        CommonRefusal.NOT_FOUND.code(), null, Refusal.notFound("data request")));
    if (r.status() != DataRequest.Status.APPROVED) {
      throw refuse(caller, policy, id, "export", DataRequestRefusal.NOT_APPROVED.code(), null,
          new Refusal(DataRequestRefusal.NOT_APPROVED, "only an approved request is exported; this one is "
              + r.status()));
    }
    List<PlateRead> found = readsOf(r, policy, now, caller);
    Map<Long, Camera> byId = new HashMap<>();
    cameras.all().forEach(c -> byId.put(c.id(), c));
    byte[] csv = ExportPackage.readsCsv(found, byId);
    String csvSha = ExportPackage.sha256Hex(csv);

    long exportIndex = audit.recordAndSequence(AuditEvent.of(DataRequestAuditTypes.DATA_REQUEST_EXPORTED, caller)
        .outcome("SUCCESS").policy(policy.sha256()).with("requestId", id).with("offense", r.offense())
        .with("resultCount", found.size()).with("readsSha256", csvSha)
        .secret("readIds", found.stream().map(p -> String.valueOf(p.id())).collect(Collectors.joining(",")))
        .secret("caseNumber", r.caseNumber()).build());
    tx.executeWithoutResult(t -> store.addEvent(id, new DataRequest.Event("EXPORTED", caller.pseudonym(), now, null,
        exportIndex, csvSha)));

    AuditLog.SignedCheckpoint checkpoint = checkpointCovering(exportIndex);
    Set<Long> indexes = new TreeSet<>();
    r.history().stream().map(DataRequest.Event::auditIndex).filter(i -> i != null).forEach(indexes::add);
    indexes.add(exportIndex);
    List<ExportPackage.ProvedEntry> entries = new ArrayList<>();
    for (long index : indexes) {
      byte[] entry = log.entries(index, 1, false).get(0).entry();
      entries.add(new ExportPackage.ProvedEntry(index, entry, log.inclusionProof(index, checkpoint.size())));
    }
    byte[] zip = ExportPackage.zip(id, csv, checkpoint.note(), log.verifierKey(), checkpoint.size(), entries);
    String zipSha = ExportPackage.sha256Hex(zip);

    long releaseIndex = audit.recordAndSequence(AuditEvent.of(DataRequestAuditTypes.DATA_REQUEST_RELEASED, caller)
        .outcome("SUCCESS").policy(policy.sha256()).with("requestId", id).with("packageSha256", zipSha)
        .with("exportAuditIndex", exportIndex).with("checkpointSize", checkpoint.size())
        .with("resultCount", found.size()).build());
    tx.executeWithoutResult(t -> store.addEvent(id, new DataRequest.Event("RELEASED", caller.pseudonym(),
        clock.instant(), null, releaseIndex, zipSha)));
    return new Export(id, zip, zipSha, exportIndex, releaseIndex, checkpoint.size(), found.size());
  }

  /** The reads a request asks for that are still kept, oldest first; refused past {@link #MAX_EXPORT_READS}. */
  private List<PlateRead> readsOf(DataRequest r, EffectivePolicy policy, Instant now, Caller caller) {
    Instant oldest = now.minus(policy.nonHitRetention());
    Instant from = r.from() == null || r.from().isBefore(oldest) ? oldest : r.from();
    Instant to = r.to() == null ? now.plusSeconds(1) : r.to();
    if (!from.isBefore(to)) {
      return List.of();
    }
    List<PlateQuery> queries = new ArrayList<>();
    Set<Long> cameraIds = null;
    if (r.plates().isEmpty()) {
      queries.add(PlateQuery.pattern("*", false));
      cameraIds = cameras.all().stream().map(Camera::id).collect(Collectors.toSet());
    } else {
      r.plates().forEach(p -> queries.add(PlateQuery.plate(p, false)));
    }
    Map<Long, PlateRead> out = new HashMap<>();
    for (PlateQuery q : queries) {
      for (int offset = 0; ; offset += ReadSearch.MAX_LIMIT) {
        if (offset > ReadSearch.MAX_OFFSET) {
          throw tooMany(caller, policy, r.id());
        }
        List<PlateRead> page = reads.search(new ReadSearch(q, from, to, cameraIds, null, offset, ReadSearch.MAX_LIMIT));
        page.forEach(p -> out.put(p.id(), p));
        if (out.size() > MAX_EXPORT_READS) {
          throw tooMany(caller, policy, r.id());
        }
        if (page.size() < ReadSearch.MAX_LIMIT) {
          break;
        }
      }
    }
    return out.values().stream().sorted(Comparator.comparing(PlateRead::capturedAt).thenComparing(PlateRead::id))
        .toList();
  }

  private Refusal tooMany(Caller caller, EffectivePolicy policy, long id) {
    return refuse(caller, policy, id, "export", DataRequestRefusal.TOO_MANY_READS.code(), null,
        new Refusal(DataRequestRefusal.TOO_MANY_READS, "the request matches more than " + MAX_EXPORT_READS
            + " reads, more than one package holds; the requesting agency must narrow it"));
  }

  /** Waits for a signed checkpoint that covers entry {@code index} (the sequencer signs one every second). */
  private AuditLog.SignedCheckpoint checkpointCovering(long index) {
    long deadline = System.nanoTime() + CHECKPOINT_WAIT.toNanos();
    while (true) {
      Optional<AuditLog.SignedCheckpoint> c = log.latestCheckpoint();
      if (c.isPresent() && c.get().size() > index) {
        return c.get();
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AuditUnavailable(new TimeoutException("no signed checkpoint covers the export's entry yet"));
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AuditUnavailable(e);
      }
    }
  }

  // ---- helpers ----

  /** The public and private fields every entry about a whole request carries. */
  private static AuditEvent.Builder details(AuditEvent.Builder b, DataRequest r) {
    long windowHours = r.from() == null || r.to() == null || !r.from().isBefore(r.to()) ? 0
        : (Duration.between(r.from(), r.to()).toMinutes() + 59) / 60;
    return b.with("agencyKind", r.agency().kind()).with("agencyState", r.agency().state())
        .with("offense", r.offense()).with("plateCount", r.plates().size()).with("windowHours", windowHours)
        .with("caseNumberPresent", r.caseNumber() != null)
        .secret("agency", r.agency().name())
        .secret("requesterName", r.requester().name())
        .secret("requesterTitle", r.requester().title())
        .secret("requesterContact", r.requester().contact())
        .secret("purpose", r.purpose())
        .secret("caseNumber", r.caseNumber())
        .secret("plates", r.plates().isEmpty() ? null : String.join(",", r.plates()))
        .secret("from", r.from() == null ? null : r.from().toString())
        .secret("to", r.to() == null ? null : r.to().toString())
        .secret("receivedAt", r.receivedAt() == null ? null : r.receivedAt().toString())
        .secret("documentReference", r.documentReference());
  }

  private static DataRequest withStatus(DataRequest r, DataRequest.Status status, String refusalCode) {
    return new DataRequest(r.id(), status, r.agency(), r.requester(), r.purpose(), r.caseNumber(), r.offense(),
        r.plates(), r.from(), r.to(), r.receivedAt(), r.documentReference(), r.recordedBy(), r.recordedByPseudonym(),
        r.recordedAt(), refusalCode, r.policySha256(), r.history());
  }

  private void requireSupervisor(Caller caller, String action) {
    if (!caller.hasRole(Roles.SUPERVISOR)) {
      throw refuse(caller, policies.current(), null, action, "ROLE", null,
          Refusal.forbidden("only supervisors handle written data requests"));
    }
  }

  private void requireViewer(Caller caller) {
    if (!caller.hasRole(Roles.SUPERVISOR) && !caller.hasRole(Roles.AUDITOR)) {
      throw refuse(caller, policies.current(), null, "view", "ROLE", null,
          Refusal.forbidden("only supervisors and auditors see written data requests"));
    }
  }

  /** Audits a refusal about a request (or a request not yet on file) and returns the error to throw. */
  private Refusal refuse(Caller caller, EffectivePolicy policy, Long requestId, String action, String code,
      String field, Refusal e) {
    return audit.recordDenied(AuditEvent.of(DataRequestAuditTypes.DATA_REQUEST_REFUSED, caller).denied(code)
        .policy(policy.sha256()).with("requestId", requestId).with("action", action).with("field", field).build(), e);
  }

  private Refusal invalid(Caller caller, EffectivePolicy policy, String field, String message) {
    return refuse(caller, policy, null, "record", CommonRefusal.INVALID_FIELD.code(), field,
        Refusal.invalid(field, message));
  }

  private String text(Caller caller, EffectivePolicy policy, String field, String value, int max, boolean required) {
    String t = trim(value);
    if (t == null && required) {
      throw invalid(caller, policy, field, field + " is required");
    }
    if (t != null && t.length() > max) {
      throw invalid(caller, policy, field, field + " is longer than " + max + " characters");
    }
    return t;
  }

  private List<String> plates(Caller caller, EffectivePolicy policy, List<String> raw) {
    if (raw == null || raw.isEmpty()) {
      return List.of();
    }
    if (raw.size() > MAX_PLATES) {
      throw invalid(caller, policy, "plates", "at most " + MAX_PLATES + " plates in one request");
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      try {
        out.add(PlateNumber.normalize(raw.get(i)).value());
      } catch (IllegalArgumentException e) {
        throw invalid(caller, policy, "plates[" + i + "]", e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  private Instant time(Caller caller, EffectivePolicy policy, String field, String value) {
    String t = trim(value);
    if (t == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(caller, policy, field, field + " must be an ISO-8601 time with an offset, e.g. 2026-05-01T08:00:00Z");
    }
  }

  private static Instant lenient(String value) {
    try {
      return value == null || value.isBlank() ? null : OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String capped(String s, int max) {
    String t = trim(s);
    return t == null || t.length() <= max ? t : t.substring(0, max);
  }

  private static String trim(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
