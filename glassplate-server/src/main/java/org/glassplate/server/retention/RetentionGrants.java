package org.glassplate.server.retention;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.CommonRefusal;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.RefusalCode;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.reads.Reads;
import org.glassplate.server.search.SearchResults;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Roles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Legal holds and retention extensions (R-RET-2). A request names the reads (by id, or by the id
 * of a search the requester ran: its results, and its case number unless another is given), an end date within the policy's maximum and a reason; a legal hold also names
 * the case. A supervisor other than the requester approves it. While a request waits, its reads
 * are kept for at most {@code glassplate.retention.pending-grace} (24 h), so that a short
 * retention cannot defeat a hold before a supervisor has seen it. Every step is audited; case
 * numbers and reasons only as commitments.
 */
@Repository
public class RetentionGrants {
  static final int MAX_READS = 10_000;

  private final JdbcClient jdbc;
  private final AuditRecorder audit;
  private final Policies policies;
  private final Reads reads;
  private final Clock clock;
  private final Duration pendingGrace;
  private final SearchResults searchResults;

  RetentionGrants(JdbcClient jdbc, AuditRecorder audit, Policies policies, Reads reads, Clock clock,
      @Value("${glassplate.retention.pending-grace:PT24H}") Duration pendingGrace, SearchResults searchResults) {
    this.searchResults = searchResults;
    this.jdbc = jdbc;
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
      search = Optional.of(searchResults.ownedBy(r.searchId(), caller).orElseThrow(() -> Refusal.invalid(
          "searchId", "no search of yours has this id (a search's results are kept as long as its reads may be)")));
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
    String readsField = search.isPresent() ? "searchId" : "readIds";
    if (r.readIds() == null || r.readIds().isEmpty() || r.readIds().size() > MAX_READS) {
      throw Refusal.invalid("readIds", "name 1 to " + MAX_READS + " reads by id, or a search by searchId");
    }
    List<Long> ids = new ArrayList<>(new LinkedHashSet<>(r.readIds()));
    Map<Long, Instant> stored = reads.capturedAt(ids);
    if (stored.size() != ids.size()) {
      throw Refusal.invalid(readsField, (ids.size() - stored.size())
          + " of the reads are not stored (never were, or already deleted)");
    }
    long id = jdbc.sql("""
            INSERT INTO retention_grant (kind, case_number, reason, requested_by, requested_pseudonym, status, ends_at,
                                         created_at, policy_sha256)
            VALUES (:kind, :case, :reason, :by, :pseudonym, 'PENDING', :ends, :now, :sha) RETURNING id""")
        .param("kind", r.kind().name()).param("case", blankToNull(r.caseNumber())).param("reason", r.reason().strip())
        .param("by", caller.id()).param("pseudonym", caller.pseudonym()).param("ends", Timestamp.from(r.endsAt()))
        .param("now", Timestamp.from(now)).param("sha", policy.sha256())
        .query(Long.class).single();
    for (Map.Entry<Long, Instant> e : stored.entrySet()) {
      jdbc.sql("INSERT INTO retention_grant_read (grant_id, read_id, captured_at) VALUES (:g, :r, :at)")
          .param("g", id).param("r", e.getKey()).param("at", Timestamp.from(e.getValue())).update();
    }
    audit.record(AuditEvent.of(r.kind() == RetentionGrant.Kind.LEGAL_HOLD ? RetentionAuditTypes.LEGAL_HOLD_REQUESTED
            : RetentionAuditTypes.RETENTION_EXTENSION_REQUESTED, caller).policy(policy.sha256())
        .with("grantId", id).with("readCount", ids.size()).with("endsAt", r.endsAt().toString())
        .with("searchId", r.searchId() == null ? null : r.searchId().toString())
        .with("caseNumberPresent", r.caseNumber() != null && !r.caseNumber().isBlank())
        .secret("caseNumber", blankToNull(r.caseNumber())).secret("reason", r.reason().strip()).build());
    return find(id).orElseThrow();
  }

  /** A supervisor other than the requester approves; the end date must still be within the maximum. */
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
    if (jdbc.sql("SELECT requested_by = :id AND requested_pseudonym = :p FROM retention_grant WHERE id = :g")
        .param("id", supervisor.id()).param("p", supervisor.pseudonym()).param("g", id).query(Boolean.class).single()) {
      throw refuse(supervisor, g, CommonRefusal.SAME_PERSON, "the requester cannot approve their own request");
    }
    Duration max = maximum(policy, g.kind());
    if (!g.endsAt().isAfter(now) || g.endsAt().isAfter(now.plus(max))) {
      throw refuse(supervisor, g, RetentionRefusal.OVER_MAXIMUM,
          "the end date is past, or beyond the policy's maximum of " + max);
    }
    jdbc.sql("""
            UPDATE retention_grant SET status = 'ACTIVE', approved_by = :by, approved_pseudonym = :p, approved_at = :now,
                   policy_sha256 = :sha WHERE id = :id""")
        .param("by", supervisor.id()).param("p", supervisor.pseudonym()).param("now", Timestamp.from(now))
        .param("sha", policy.sha256()).param("id", id).update();
    audit.record(AuditEvent.of(g.kind() == RetentionGrant.Kind.LEGAL_HOLD ? RetentionAuditTypes.LEGAL_HOLD_APPROVED
            : RetentionAuditTypes.RETENTION_EXTENSION_APPROVED, supervisor).policy(policy.sha256())
        .with("grantId", id).with("readCount", g.reads()).with("endsAt", g.endsAt().toString()).build());
    return find(id).orElseThrow();
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
    List<RetentionGrant> due = jdbc.sql(SELECT + " " + """
             WHERE (g.status = 'ACTIVE' AND g.ends_at <= :now)
                OR (g.status = 'PENDING' AND (g.created_at <= :graceStart OR g.ends_at <= :now))""")
        .param("now", Timestamp.from(now)).param("graceStart", Timestamp.from(now.minus(pendingGrace)))
        .query(RetentionGrants::grant).list();
    for (RetentionGrant g : due) {
      markEnded(g, Caller.system(), g.status() == RetentionGrant.Status.PENDING ? "NOT_APPROVED_IN_TIME" : "END_DATE");
    }
    return due.size();
  }

  private void markEnded(RetentionGrant g, Caller caller, String why) {
    jdbc.sql("UPDATE retention_grant SET status = :s, ended_at = :now WHERE id = :id")
        .param("s", g.status() == RetentionGrant.Status.PENDING && !why.equals("ENDED_BY_PERSON") ? "REFUSED" : "ENDED")
        .param("now", Timestamp.from(clock.instant())).param("id", g.id()).update();
    AuditEventType type = g.kind() == RetentionGrant.Kind.LEGAL_HOLD ? RetentionAuditTypes.LEGAL_HOLD_ENDED
        : RetentionAuditTypes.RETENTION_EXTENSION_ENDED;
    audit.record(AuditEvent.of(type, caller).policy(policies.current().sha256()).reasonCode(why)
        .with("grantId", g.id()).with("readCount", g.reads()).with("previousStatus", g.status().name()).build());
  }

  /**
   * The ids of reads captured before {@code before} that a hold or extension keeps now: approved
   * and not ended, or requested within the pending grace.
   */
  long[] keptReadIds(Instant before) {
    Instant now = clock.instant();
    return jdbc.sql("""
            SELECT DISTINCT r.read_id FROM retention_grant_read r JOIN retention_grant g ON g.id = r.grant_id
            WHERE r.captured_at < :before AND g.ends_at > :now
              AND (g.status = 'ACTIVE' OR (g.status = 'PENDING' AND g.created_at > :graceStart))""")
        .param("before", Timestamp.from(before)).param("now", Timestamp.from(now))
        .param("graceStart", Timestamp.from(now.minus(pendingGrace)))
        .query(Long.class).list().stream().mapToLong(Long::longValue).toArray();
  }

  private static final String SELECT = """
      SELECT g.*, (SELECT count(*) FROM retention_grant_read r WHERE r.grant_id = g.id) AS reads
      FROM retention_grant g """;

  public Optional<RetentionGrant> find(long id) {
    return jdbc.sql(SELECT + " WHERE g.id = :id").param("id", id).query(RetentionGrants::grant).optional();
  }

  /** Holds or extensions with their details, newest first, for auditors and supervisors; the view is audited. */
  @Transactional
  public List<RetentionGrant> view(RetentionGrant.Kind kind, Caller viewer, int limit) {
    List<RetentionGrant> out = jdbc.sql(SELECT + " WHERE g.kind = :kind ORDER BY g.id DESC LIMIT :limit")
        .param("kind", kind.name()).param("limit", limit).query(RetentionGrants::grant).list();
    audit.record(AuditEvent.of(RetentionAuditTypes.RETENTION_GRANTS_VIEWED, viewer).with("kind", kind.name())
        .with("resultCount", out.size()).build());
    return out;
  }

  /** The public counts (R-RET-2, R-PUB-1), with approvals counted since {@code since}. */
  public RetentionFigures figures(Instant since) {
    Instant now = clock.instant();
    Map<String, Object> m = jdbc.sql("""
            SELECT
              count(*) FILTER (WHERE kind = 'LEGAL_HOLD' AND status = 'ACTIVE' AND ends_at > :now) AS holds_active,
              count(*) FILTER (WHERE kind = 'LEGAL_HOLD' AND status = 'PENDING') AS holds_pending,
              count(*) FILTER (WHERE kind = 'LEGAL_HOLD' AND approved_at >= :since) AS holds_since,
              count(*) FILTER (WHERE kind = 'EXTENSION' AND status = 'ACTIVE' AND ends_at > :now) AS ext_active,
              count(*) FILTER (WHERE kind = 'EXTENSION' AND status = 'PENDING') AS ext_pending,
              count(*) FILTER (WHERE kind = 'EXTENSION' AND approved_at >= :since) AS ext_since
            FROM retention_grant""")
        .param("now", Timestamp.from(now)).param("since", Timestamp.from(since)).query().singleRow();
    Map<String, Object> r = jdbc.sql("""
            SELECT
              count(DISTINCT r.read_id) FILTER (WHERE g.kind = 'LEGAL_HOLD') AS held,
              count(DISTINCT r.read_id) FILTER (WHERE g.kind = 'EXTENSION') AS extended
            FROM retention_grant_read r JOIN retention_grant g ON g.id = r.grant_id
            WHERE g.status = 'ACTIVE' AND g.ends_at > :now""")
        .param("now", Timestamp.from(now)).query().singleRow();
    Map<String, Object> p = jdbc.sql("SELECT ran_at, oldest_remaining FROM retention_purge ORDER BY id DESC LIMIT 1")
        .query().listOfRows().stream().findFirst().orElse(Map.of());
    return new RetentionFigures(n(m, "holds_active"), n(m, "holds_pending"), n(r, "held"), n(m, "holds_since"),
        n(m, "ext_active"), n(m, "ext_pending"), n(r, "extended"), n(m, "ext_since"), since,
        instant(p.get("ran_at")), instant(p.get("oldest_remaining")));
  }

  private static long n(Map<String, Object> m, String k) {
    return ((Number) m.get(k)).longValue();
  }

  private static Instant instant(Object o) {
    return o instanceof Timestamp t ? t.toInstant() : null;
  }

  private Refusal refuse(Caller caller, RetentionGrant g, RefusalCode code, String message) {
    return audit.recordDenied(AuditEvent.of(RetentionAuditTypes.RETENTION_ACTION_REFUSED, caller)
        .denied(code.code()).with("grantId", g.id()).with("kind", g.kind().name()).build(), new Refusal(code, message));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  static RetentionGrant grant(ResultSet rs, int n) throws SQLException {
    return new RetentionGrant(rs.getLong("id"), RetentionGrant.Kind.valueOf(rs.getString("kind")),
        rs.getString("case_number"), rs.getString("reason"), rs.getString("requested_pseudonym"),
        rs.getString("approved_pseudonym"), ts(rs.getTimestamp("approved_at")),
        RetentionGrant.Status.valueOf(rs.getString("status")), ts(rs.getTimestamp("ends_at")),
        ts(rs.getTimestamp("created_at")), ts(rs.getTimestamp("ended_at")), rs.getLong("reads"));
  }

  private static Instant ts(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
