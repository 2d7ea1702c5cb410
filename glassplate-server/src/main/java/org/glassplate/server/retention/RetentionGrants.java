package org.glassplate.server.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.glassplate.server.accounts.Approvers;
import org.glassplate.server.accounts.TrainingGate;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.CommonRefusal;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.RefusalCode;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.reads.PlateRead;
import org.glassplate.server.reads.Reads;
import org.glassplate.server.retention.internal.GrantStore;
import org.glassplate.server.retention.internal.PurgeStore;
import org.glassplate.server.search.SearchResults;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Roles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Legal holds and retention extensions (R-RET-2). A request names the reads (by id, or by the id
 * of a search the requester ran: its results, and its case number unless another is given), an end
 * date within the policy's maximum and a reason; a legal hold also names the case. Only reads that
 * the requester's own searches returned may be named (issue 12): a read that does not exist and one
 * that someone else found are refused alike, so a refusal tells nothing of which reads exist.
 *
 * <p>A second person, a supervisor, approves it: not the requester, nor an account tied to theirs
 * ({@link Approvers}). While a request waits, its reads are kept for at most
 * {@code glassplate.retention.pending-grace} (24 h), so that a short retention cannot defeat a hold
 * before a supervisor has seen it; and only once: a read that an earlier request (anyone's, whatever
 * became of it) kept while pending is not kept again by a new one, so filing again every day keeps
 * nothing. Every step is audited; case numbers and reasons only as commitments.
 */
@Service
public class RetentionGrants {
  static final int MAX_READS = 10_000;

  private final GrantStore grants;
  private final PurgeStore purges;
  private final AuditRecorder audit;
  private final Policies policies;
  private final Reads reads;
  private final Clock clock;
  private final Duration pendingGrace;
  private final SearchResults searchResults;
  private final Approvers approvers;
  private final TrainingGate training;

  RetentionGrants(GrantStore grants, PurgeStore purges, AuditRecorder audit, Policies policies, Reads reads,
      Clock clock, @Value("${glassplate.retention.pending-grace:PT24H}") Duration pendingGrace,
      SearchResults searchResults, Approvers approvers, TrainingGate training) {
    this.training = training;
    this.searchResults = searchResults;
    this.approvers = approvers;
    this.grants = grants;
    this.purges = purges;
    this.audit = audit;
    this.policies = policies;
    this.reads = reads;
    this.clock = clock;
    this.pendingGrace = pendingGrace;
  }

  /** What a person asks for; validated by {@link #request}. */
  public record Request(RetentionGrant.Kind kind, String caseNumber, String reason, Instant endsAt, List<Long> readIds,
      UUID searchId) {
    @Override
    public String toString() {
      return "Request[" + kind + "]";
    }
  }

  private static String label(RetentionGrant.Kind kind) {
    return kind == RetentionGrant.Kind.LEGAL_HOLD ? "legal hold" : "retention extension";
  }

  private Duration maximum(EffectivePolicy p, RetentionGrant.Kind kind) {
    return kind == RetentionGrant.Kind.LEGAL_HOLD ? p.maxLegalHold() : p.maxRetentionExtension();
  }

  @Transactional
  public RetentionGrant request(Request r, Caller caller) {
    EffectivePolicy policy = policies.current();
    Instant now = clock.instant();
    Optional<SearchResults.Searched> search = Optional.empty();
    if (r.searchId() != null) {
      if (r.readIds() != null && !r.readIds().isEmpty()) {
        throw Refusal.invalid("searchId", "name the reads either by readIds or by searchId, not both");
      }
      search = searchResults.ownedBy(r.searchId(), caller);
      if (search.isEmpty()) {
        throw notFromYourSearches(caller, r, "searchId",
            "no search of yours has this id (a search's results are kept as long as its reads may be)");
      }
      if (r.caseNumber() != null && !r.caseNumber().isBlank()
          && !r.caseNumber().strip().equals(search.get().caseNumber())) {
        throw Refusal.invalid("caseNumber", "the search was run for another case number");
      }
      if (search.get().readIds().isEmpty()) {
        throw Refusal.invalid("searchId", "the search found no reads");
      }
      String caseNumber = r.caseNumber() == null || r.caseNumber().isBlank()
          ? search.get().caseNumber() : r.caseNumber();
      r = new Request(r.kind(), caseNumber, r.reason(), r.endsAt(), search.get().readIds(), r.searchId());
    }
    if (r.kind() == RetentionGrant.Kind.LEGAL_HOLD && (r.caseNumber() == null || r.caseNumber().isBlank())) {
      throw Refusal.invalid("caseNumber", "a legal hold names its case or incident number");
    }
    if (r.caseNumber() != null && r.caseNumber().length() > 64) {
      throw Refusal.invalid("caseNumber", "caseNumber is at most 64 characters");
    }
    if (r.reason() == null || r.reason().isBlank() || r.reason().length() > 2000) {
      throw Refusal.invalid("reason", "a reason is required (at most 2000 characters)");
    }
    if (r.endsAt() == null || !r.endsAt().isAfter(now)) {
      throw Refusal.invalid("endsAt", "endsAt is required and must be in the future");
    }
    Duration max = maximum(policy, r.kind());
    if (r.endsAt().isAfter(now.plus(max))) {
      throw Refusal.invalid("endsAt", "a " + label(r.kind()) + " may last at most " + max
          + " under the policy in force (version " + policy.version() + ")");
    }
    if (r.readIds() == null || r.readIds().isEmpty() || r.readIds().size() > MAX_READS) {
      throw Refusal.invalid("readIds", "name 1 to " + MAX_READS + " reads by id, or a search by searchId");
    }
    List<Long> ids = new ArrayList<>(new LinkedHashSet<>(r.readIds()));
    Map<Long, Instant> stored;
    if (search.isPresent()) {
      stored = reads.capturedAt(ids);
      if (stored.size() != ids.size()) {
        throw Refusal.invalid("searchId", (ids.size() - stored.size())
            + " of the reads of your search are no longer stored");
      }
    } else {
      // reads no search of theirs returned are not looked up at all: absent and someone else's look alike
      Set<Long> found = searchResults.foundBy(caller, ids);
      stored = found.isEmpty() ? Map.of() : reads.capturedAt(List.copyOf(found));
      if (stored.size() != ids.size()) {
        throw notFromYourSearches(caller, r, "readIds", (ids.size() - stored.size()) + " of the " + ids.size()
            + " reads are not among the stored results of searches you ran; a " + label(r.kind())
            + " names only reads that your own searches found");
      }
    }
    Instant graceUntil = now.plus(pendingGrace).isBefore(r.endsAt()) ? now.plus(pendingGrace) : r.endsAt();
    long id = grants.insertPending(r.kind(), blankToNull(r.caseNumber()), r.reason().strip(), caller.id(),
        caller.pseudonym(), r.endsAt(), now, policy.sha256(), stored, graceUntil, r.searchId());
    RetentionGrant g = find(id).orElseThrow();
    audit.record(AuditEvent.of(r.kind() == RetentionGrant.Kind.LEGAL_HOLD ? RetentionAuditTypes.LEGAL_HOLD_REQUESTED
            : RetentionAuditTypes.RETENTION_EXTENSION_REQUESTED, caller).policy(policy.sha256())
        .with("grantId", id).with("readCount", ids.size()).with("endsAt", r.endsAt().toString())
        .with("readsKeptWhilePending", g.readsKeptWhilePending())
        .with("searchId", r.searchId() == null ? null : r.searchId().toString())
        .with("caseNumberPresent", r.caseNumber() != null && !r.caseNumber().isBlank())
        .secret("caseNumber", blankToNull(r.caseNumber())).secret("reason", r.reason().strip()).build());
    return g;
  }

  /**
   * A supervisor who is a second person approves: not the requester, nor an account tied to theirs
   * ({@code SAME_PERSON}); the end date must still be within the maximum. Refusals are audited.
   */
  @Transactional
  public RetentionGrant approve(long id, Caller supervisor) {
    RetentionGrant g = find(id).orElseThrow(() -> Refusal.notFound("hold or extension"));
    EffectivePolicy policy = policies.current();
    Instant now = clock.instant();
    if (!supervisor.hasRole(Roles.SUPERVISOR)) {
      throw refuse(supervisor, g, CommonRefusal.NOT_SUPERVISOR, "only a supervisor approves");
    }
    if (g.status() != RetentionGrant.Status.PENDING) {
      throw refuse(supervisor, g, CommonRefusal.NOT_PENDING, "it is " + g.status().name().toLowerCase()
          + ", not pending");
    }
    approvers.requireDifferentPerson(grants.requesterId(id), supervisor, "approve this " + label(g.kind()),
        AuditEvent.of(RetentionAuditTypes.RETENTION_ACTION_REFUSED, supervisor).with("grantId", g.id())
            .with("kind", g.kind().name()));
    Duration max = maximum(policy, g.kind());
    if (!g.endsAt().isAfter(now) || g.endsAt().isAfter(now.plus(max))) {
      throw refuse(supervisor, g, RetentionRefusal.OVER_MAXIMUM,
          "the end date is past, or beyond the policy's maximum of " + max);
    }
    grants.approve(id, supervisor.id(), supervisor.pseudonym(), now, policy.sha256());
    audit.record(AuditEvent.of(g.kind() == RetentionGrant.Kind.LEGAL_HOLD ? RetentionAuditTypes.LEGAL_HOLD_APPROVED
            : RetentionAuditTypes.RETENTION_EXTENSION_APPROVED, supervisor).policy(policy.sha256())
        .with("grantId", id).with("readCount", g.reads()).with("endsAt", g.endsAt().toString()).build());
    return find(id).orElseThrow();
  }

  /** The longest reason a supervisor may give for refusing. */
  public static final int MAX_REFUSAL_REASON = 2000;

  /**
   * A supervisor refuses a pending request, saying why: it keeps nothing from then on, and the person
   * who asked sees the reason. Refusing needs no second person (it keeps nothing), so it is not
   * checked against the requester; a requester who changes their mind withdraws ({@link #end}). The
   * reason is required (at most 2000 characters) and audited as a commitment only.
   */
  @Transactional
  public RetentionGrant refuse(long id, String reason, Caller supervisor) {
    RetentionGrant g = find(id).orElseThrow(() -> Refusal.notFound("hold or extension"));
    if (!supervisor.hasRole(Roles.SUPERVISOR)) {
      throw refuse(supervisor, g, CommonRefusal.NOT_SUPERVISOR, "only a supervisor refuses");
    }
    if (reason == null || reason.isBlank() || reason.strip().length() > MAX_REFUSAL_REASON) {
      throw Refusal.invalid("reason", "a reason is required (at most " + MAX_REFUSAL_REASON + " characters)");
    }
    if (g.status() != RetentionGrant.Status.PENDING) {
      throw refuse(supervisor, g, CommonRefusal.NOT_PENDING, "it is " + g.status().name().toLowerCase()
          + ", not pending");
    }
    grants.refuse(id, supervisor.id(), reason.strip(), clock.instant());
    audit.record(AuditEvent.of(g.kind() == RetentionGrant.Kind.LEGAL_HOLD ? RetentionAuditTypes.LEGAL_HOLD_REFUSED
            : RetentionAuditTypes.RETENTION_EXTENSION_REFUSED, supervisor).policy(policies.current().sha256())
        .with("grantId", id).with("readCount", g.reads()).secret("refusalReason", reason.strip()).build());
    return find(id).orElseThrow();
  }

  /** The requests {@code requester} made, newest first, at most {@code limit}: their own, so not audited. */
  public List<RetentionGrant> requestedBy(Caller requester, int limit) {
    return requester.kind() == Caller.Kind.USER ? grants.requestedBy(requester.id(), limit) : List.of();
  }

  /**
   * The reads a hold or extension names that are still stored, newest first, at most {@code limit},
   * for a supervisor or auditor to check what it keeps: plate data, so the viewer needs current
   * training (R-ACC-3) and the view is audited ({@code RETENTION_GRANTS_VIEWED} with the grant and the
   * reads' ids) before they are shown.
   */
  @Transactional
  public List<PlateRead> heldReads(long id, Caller viewer, int limit) {
    RetentionGrant g = find(id).orElseThrow(() -> Refusal.notFound("hold or extension"));
    try {
      training.requireCurrentTraining(viewer);
    } catch (Refusal r) {
      throw audit.recordDenied(AuditEvent.of(RetentionAuditTypes.RETENTION_ACTION_REFUSED, viewer)
          .denied(r.code()).with("action", "view_reads").with("grantId", id).with("kind", g.kind().name()).build(), r);
    }
    List<PlateRead> shown = reads.byIds(grants.readIds(id, limit));
    audit.record(AuditEvent.of(RetentionAuditTypes.RETENTION_GRANTS_VIEWED, viewer).with("kind", g.kind().name())
        .with("grantId", id).with("resultCount", shown.size())
        .with("readIds", shown.stream().map(r -> Long.toString(r.id())).collect(java.util.stream.Collectors.joining(",")))
        .build());
    return shown;
  }

  /** Ends a hold or extension early (or withdraws a pending one); its reads follow the policy again. */
  @Transactional
  public RetentionGrant end(long id, Caller caller) {
    RetentionGrant g = find(id).orElseThrow(() -> Refusal.notFound("hold or extension"));
    if (g.status() != RetentionGrant.Status.ACTIVE && g.status() != RetentionGrant.Status.PENDING) {
      throw refuse(caller, g, RetentionRefusal.NOT_IN_FORCE, "it has already ended");
    }
    markEnded(g, caller, "ENDED_BY_PERSON");
    return find(id).orElseThrow();
  }

  /** Ends what has reached its end date (and pending requests past the grace); called by the purge. */
  int expire() {
    Instant now = clock.instant();
    List<RetentionGrant> due = grants.due(now, now.minus(pendingGrace));
    for (RetentionGrant g : due) {
      markEnded(g, Caller.system(), g.status() == RetentionGrant.Status.PENDING ? "NOT_APPROVED_IN_TIME" : "END_DATE");
    }
    return due.size();
  }

  private void markEnded(RetentionGrant g, Caller caller, String why) {
    grants.end(g.id(), g.status() == RetentionGrant.Status.PENDING && !why.equals("ENDED_BY_PERSON")
        ? RetentionGrant.Status.REFUSED : RetentionGrant.Status.ENDED, clock.instant());
    AuditEventType type = g.kind() == RetentionGrant.Kind.LEGAL_HOLD ? RetentionAuditTypes.LEGAL_HOLD_ENDED
        : RetentionAuditTypes.RETENTION_EXTENSION_ENDED;
    audit.record(AuditEvent.of(type, caller).policy(policies.current().sha256()).reasonCode(why)
        .with("grantId", g.id()).with("readCount", g.reads()).with("previousStatus", g.status().name()).build());
  }

  /**
   * The ids of reads captured before {@code before} that a hold or extension keeps now: approved
   * and not ended, or pending and holding the read's one pending grace.
   */
  long[] keptReadIds(Instant before) {
    return grants.keptReadIds(before, clock.instant());
  }

  public Optional<RetentionGrant> find(long id) {
    return grants.find(id);
  }

  /** Holds or extensions with their details, newest first, for auditors and supervisors; the view is audited. */
  @Transactional
  public List<RetentionGrant> view(RetentionGrant.Kind kind, Caller viewer, int limit) {
    List<RetentionGrant> out = grants.list(kind, limit);
    audit.record(AuditEvent.of(RetentionAuditTypes.RETENTION_GRANTS_VIEWED, viewer).with("kind", kind.name())
        .with("resultCount", out.size()).build());
    return out;
  }

  /** The public counts (R-RET-2, R-PUB-1), with approvals counted since {@code since}. */
  public RetentionFigures figures(Instant since) {
    Optional<PurgeRecord> last = purges.latest();
    // "when a purge last deleted something": a purge that found nothing to delete is not that one
    return grants.figures(clock.instant(), since, purges.latestThatDeleted().map(PurgeRecord::ranAt).orElse(null),
        last.map(PurgeRecord::oldestRemaining).orElse(null));
  }

  private Refusal refuse(Caller caller, RetentionGrant g, RefusalCode code, String message) {
    return audit.recordDenied(AuditEvent.of(RetentionAuditTypes.RETENTION_ACTION_REFUSED, caller)
        .denied(code.code()).with("grantId", g.id()).with("kind", g.kind().name()).build(), new Refusal(code, message));
  }

  /**
   * Refuses a request that names reads, or a search, its requester did not find: audited, and the same
   * for ids that do not exist.
   */
  private Refusal notFromYourSearches(Caller caller, Request r, String field, String message) {
    return audit.recordDenied(AuditEvent.of(RetentionAuditTypes.RETENTION_ACTION_REFUSED, caller)
            .denied(RetentionRefusal.NOT_FROM_YOUR_SEARCHES.code()).with("action", "request")
            .with("kind", r.kind().name()).with("field", field).build(),
        new Refusal(RetentionRefusal.NOT_FROM_YOUR_SEARCHES, message, field));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

}
