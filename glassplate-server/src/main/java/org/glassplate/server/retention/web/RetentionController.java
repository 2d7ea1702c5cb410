package org.glassplate.server.retention.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.retention.RetentionFigures;
import org.glassplate.server.retention.RetentionGrant;
import org.glassplate.server.retention.RetentionGrants;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.web.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
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
  private final JdbcClient jdbc;
  private final Clock clock;

  RetentionController(RetentionGrants grants, Policies policies, JdbcClient jdbc, Clock clock) {
    this.grants = grants;
    this.policies = policies;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  record GrantBody(String caseNumber, String reason, String endsAt, List<Long> readIds, String searchId) {
    @Override
    public String toString() {
      return "GrantBody[redacted]";
    }
  }

  private static Caller caller() {
    return CallerAuthentication.current().orElseThrow();
  }

  @PostMapping("/api/v1/legal-holds")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> requestHold(@RequestBody GrantBody body) {
    return json(grants.request(request(RetentionGrant.Kind.LEGAL_HOLD, body), caller()), true);
  }

  @PostMapping("/api/v1/retention-extensions")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> requestExtension(@RequestBody GrantBody body) {
    return json(grants.request(request(RetentionGrant.Kind.EXTENSION, body), caller()), true);
  }

  @PostMapping({"/api/v1/legal-holds/{id}/approval", "/api/v1/retention-extensions/{id}/approval"})
  Map<String, Object> approve(@PathVariable long id) {
    return json(grants.approve(id, caller()), true);
  }

  @PostMapping({"/api/v1/legal-holds/{id}/end", "/api/v1/retention-extensions/{id}/end"})
  Map<String, Object> end(@PathVariable long id) {
    return json(grants.end(id, caller()), true);
  }

  @GetMapping("/api/v1/legal-holds")
  Map<String, Object> holds(@RequestParam(defaultValue = "200") int limit) {
    return Map.of("legalHolds", grants.view(RetentionGrant.Kind.LEGAL_HOLD, caller(), Math.max(1, Math.min(limit, 1000)))
        .stream().map(g -> json(g, true)).toList());
  }

  @GetMapping("/api/v1/retention-extensions")
  Map<String, Object> extensions(@RequestParam(defaultValue = "200") int limit) {
    return Map.of("extensions", grants.view(RetentionGrant.Kind.EXTENSION, caller(), Math.max(1, Math.min(limit, 1000)))
        .stream().map(g -> json(g, true)).toList());
  }

  @GetMapping("/api/v1/retention/purges")
  Map<String, Object> purges(@RequestParam(defaultValue = "100") int limit) {
    return Map.of("purges", jdbc.sql("""
            SELECT ran_at, non_hit_cutoff, hit_cutoff, partitions_dropped, reads_dropped, reads_deleted,
                   reads_kept_for_hits, reads_kept_for_grants, oldest_remaining, policy_sha256
            FROM retention_purge ORDER BY id DESC LIMIT :limit""").param("limit", Math.max(1, Math.min(limit, 1000)))
        .query().listOfRows().stream().map(r -> {
          Map<String, Object> m = new LinkedHashMap<>();
          r.forEach((k, v) -> m.put(camel(k), v instanceof java.sql.Timestamp t ? t.toInstant().toString() : v));
          return m;
        }).toList());
  }

  /** Public: the retention in force and the counts of holds and extensions (R-RET-2, R-PUB-1). */
  @GetMapping("/api/v1/retention")
  Map<String, Object> figures() {
    var p = policies.current();
    RetentionFigures f = grants.figures(clock.instant().minus(Duration.ofDays(30)));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policyVersion", p.version());
    m.put("nonHitRetention", p.nonHitRetention().toString());
    m.put("hitRetention", p.hitRetention().toString());
    m.put("maxLegalHold", p.maxLegalHold().toString());
    m.put("maxRetentionExtension", p.maxRetentionExtension().toString());
    m.put("figures", f);
    return m;
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

  static Map<String, Object> json(RetentionGrant g, boolean details) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", g.id());
    m.put("kind", g.kind().name().toLowerCase());
    m.put("status", g.status().name());
    if (details) {
      m.put("caseNumber", g.caseNumber());
      m.put("reason", g.reason());
    }
    m.put("requestedBy", g.requestedBy());
    m.put("approvedBy", g.approvedBy());
    m.put("approvedAt", g.approvedAt() == null ? null : g.approvedAt().toString());
    m.put("endsAt", g.endsAt().toString());
    m.put("createdAt", g.createdAt().toString());
    m.put("endedAt", g.endedAt() == null ? null : g.endedAt().toString());
    m.put("reads", g.reads());
    return m;
  }

  private static String camel(String snake) {
    StringBuilder sb = new StringBuilder();
    boolean up = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        sb.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return sb.toString();
  }
}
