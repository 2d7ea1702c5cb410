package org.glassplate.server.retention.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.retention.RetentionFigures;
import org.glassplate.server.retention.RetentionGrant;
import org.glassplate.server.retention.RetentionGrants;
import org.glassplate.server.retention.RetentionPurge;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Legal holds, retention extensions and the public retention figures (R-RET-2). */
@RestController
class RetentionController {
  private final RetentionGrants grants;
  private final Policies policies;
  private final RetentionPurge purge;
  private final Clock clock;

  RetentionController(RetentionGrants grants, Policies policies, RetentionPurge purge, Clock clock) {
    this.grants = grants;
    this.policies = policies;
    this.purge = purge;
    this.clock = clock;
  }

  record GrantBody(String caseNumber, String reason, String endsAt, List<Long> readIds, String searchId) {
    @Override
    public String toString() {
      return "GrantBody[redacted]";
    }
  }

  /** Why a supervisor refuses a pending hold or extension; required. */
  record RefusalBody(String reason) {
    @Override
    public String toString() {
      return "RefusalBody[redacted]";
    }
  }

  /**
   * A legal hold or retention extension; the case number and reason are shown to those who may see
   * grants. {@code readsKeptWhilePending}: how many of its reads it kept while waiting for approval
   * (a read is kept so once only, by the first request that names it). {@code refusalReason}: why a
   * supervisor refused it, or null; {@code searchId}: the search whose reads it names, or null.
   */
  record Grant(long id, String kind, String status, String caseNumber, String reason, String requestedBy,
      String approvedBy, String approvedAt, String endsAt, String createdAt, String endedAt, long reads,
      long readsKeptWhilePending, String refusalReason, String searchId) {
    @Override
    public String toString() {
      return "Grant[" + id + ", redacted]";
    }
  }

  record LegalHolds(List<Grant> legalHolds) {
  }

  record Extensions(List<Grant> extensions) {
  }

  /** One run of the retention purge; {@code oldestRemaining} and {@code policySha256} may be null. */
  record Purge(String ranAt, String nonHitCutoff, String hitCutoff, int partitionsDropped, long readsDropped,
      long readsDeleted, long readsKeptForHits, long readsKeptForGrants, String oldestRemaining,
      String policySha256) {
  }

  record Purges(List<Purge> purges) {
  }

  /** The retention in force (ISO-8601 durations) and the counts of holds and extensions. */
  record Figures(int policyVersion, String nonHitRetention, String hitRetention, String maxLegalHold,
      String maxRetentionExtension, RetentionFigures figures) {
  }

  private static Caller caller() {
    return CallerAuthentication.current().orElseThrow();
  }

  @PostMapping("/api/v1/legal-holds")
  @ResponseStatus(HttpStatus.CREATED)
  Grant requestHold(@RequestBody GrantBody body) {
    return json(grants.request(request(RetentionGrant.Kind.LEGAL_HOLD, body), caller()));
  }

  @PostMapping("/api/v1/retention-extensions")
  @ResponseStatus(HttpStatus.CREATED)
  Grant requestExtension(@RequestBody GrantBody body) {
    return json(grants.request(request(RetentionGrant.Kind.EXTENSION, body), caller()));
  }

  @PostMapping({"/api/v1/legal-holds/{id}/approval", "/api/v1/retention-extensions/{id}/approval"})
  Grant approve(@PathVariable long id) {
    return json(grants.approve(id, caller()));
  }

  @PostMapping({"/api/v1/legal-holds/{id}/refusal", "/api/v1/retention-extensions/{id}/refusal"})
  Grant refuse(@PathVariable long id, @RequestBody RefusalBody body) {
    return json(grants.refuse(id, body.reason(), caller()));
  }

  @PostMapping({"/api/v1/legal-holds/{id}/end", "/api/v1/retention-extensions/{id}/end"})
  Grant end(@PathVariable long id) {
    return json(grants.end(id, caller()));
  }

  @GetMapping("/api/v1/legal-holds")
  LegalHolds holds(@RequestParam(defaultValue = "200") int limit) {
    return new LegalHolds(grants.view(RetentionGrant.Kind.LEGAL_HOLD, caller(), Math.max(1, Math.min(limit, 1000)))
        .stream().map(RetentionController::json).toList());
  }

  @GetMapping("/api/v1/retention-extensions")
  Extensions extensions(@RequestParam(defaultValue = "200") int limit) {
    return new Extensions(grants.view(RetentionGrant.Kind.EXTENSION, caller(), Math.max(1, Math.min(limit, 1000)))
        .stream().map(RetentionController::json).toList());
  }

  @GetMapping("/api/v1/retention/purges")
  Purges purges(@RequestParam(defaultValue = "100") int limit) {
    return new Purges(purge.recent(Math.max(1, Math.min(limit, 1000))).stream()
        .map(p -> new Purge(time(p.ranAt()), time(p.nonHitCutoff()), time(p.hitCutoff()), p.partitionsDropped(),
            p.readsDropped(), p.readsDeleted(), p.readsKeptForHits(), p.readsKeptForGrants(), time(p.oldestRemaining()),
            p.policySha256()))
        .toList());
  }

  /** Public: the retention in force and the counts of holds and extensions (R-RET-2, R-PUB-1). */
  @GetMapping("/api/v1/retention")
  Figures figures() {
    var p = policies.current();
    RetentionFigures f = grants.figures(clock.instant().minus(Duration.ofDays(30)));
    return new Figures(p.version(), p.nonHitRetention().toString(), p.hitRetention().toString(),
        p.maxLegalHold().toString(), p.maxRetentionExtension().toString(), f);
  }

  private static RetentionGrants.Request request(RetentionGrant.Kind kind, GrantBody body) {
    Instant ends = null;
    if (body.endsAt() != null && !body.endsAt().isBlank()) {
      try {
        ends = OffsetDateTime.parse(body.endsAt()).toInstant();
      } catch (DateTimeParseException e) {
        throw ApiException.unprocessable("endsAt", "endsAt must be an ISO-8601 time with an offset");
      }
    }
    java.util.UUID searchId = null;
    if (body.searchId() != null && !body.searchId().isBlank()) {
      try {
        searchId = java.util.UUID.fromString(body.searchId().strip());
      } catch (IllegalArgumentException e) {
        throw ApiException.unprocessable("searchId", "searchId must be the id a search answered with (a UUID)");
      }
    }
    return new RetentionGrants.Request(kind, body.caseNumber(), body.reason(), ends, body.readIds(), searchId);
  }

  static Grant json(RetentionGrant g) {
    return new Grant(g.id(), g.kind().name().toLowerCase(), g.status().name(), g.caseNumber(), g.reason(),
        g.requestedBy(), g.approvedBy(), g.approvedAt() == null ? null : g.approvedAt().toString(),
        g.endsAt().toString(), g.createdAt().toString(), g.endedAt() == null ? null : g.endedAt().toString(),
        g.reads(), g.readsKeptWhilePending(), g.refusalReason(), g.searchId() == null ? null : g.searchId().toString());
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }

}
