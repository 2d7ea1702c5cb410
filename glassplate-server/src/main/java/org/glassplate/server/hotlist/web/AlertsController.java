package org.glassplate.server.hotlist.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.glassplate.server.accounts.Entitlements;
import org.glassplate.server.hotlist.Alert;
import org.glassplate.server.hotlist.AlertStream;
import org.glassplate.server.hotlist.HitAccuracy;
import org.glassplate.server.hotlist.Alerts;
import org.glassplate.server.hotlist.VerificationOutcome;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Alerts for operators, their live stream, verification and accuracy (R-HOT-2, R-HOT-3). */
@RestController
class AlertsController {
  private final Alerts alerts;
  private final AlertStream stream;
  private final OperatorAccess access;
  private final Entitlements entitlements;
  private final Clock clock;

  AlertsController(Alerts alerts, AlertStream stream, OperatorAccess access, Entitlements entitlements, Clock clock) {
    this.alerts = alerts;
    this.stream = stream;
    this.access = access;
    this.entitlements = entitlements;
    this.clock = clock;
  }

  record VerificationBody(String outcome, String note) {
    @Override
    public String toString() {
      return "VerificationBody[redacted]";
    }
  }

  record AlertList(List<Alert.Json> alerts) {
  }

  /** Hit accuracy since a time: over all alerts, by match kind and by list. */
  record AccuracyView(String since, HitAccuracy all, List<HitAccuracy> byMatchKind, List<HitAccuracy> byList) {
  }

  @GetMapping("/api/v1/alerts")
  AlertList recent(@RequestParam(defaultValue = "50") int limit) {
    Caller operator = access.operator();
    return new AlertList(alerts.viewRecent(operator, Math.max(1, Math.min(limit, 500)), "api").stream()
        .map(Alert::toJson).toList());
  }

  @GetMapping(path = "/api/v1/alerts/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream(@RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
      @RequestParam(required = false) String after) {
    Long last = alertId("Last-Event-ID", lastEventId);
    Long given = alertId("after", after);
    Long from = last;
    if (given != null && (from == null || given > from)) {
      from = given;
    }
    return stream.subscribe(access.operator(), entitlements.current(), from);
  }

  private static Long alertId(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long id = Long.parseLong(value.strip());
      if (id < 0) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw ApiException.unprocessable(field, field + " must be the id of an alert");
    }
  }

  @GetMapping("/api/v1/alerts/accuracy")
  AccuracyView accuracy(@RequestParam(defaultValue = "30") int days) {
    if (days < 1 || days > 3660) {
      throw ApiException.unprocessable("days", "days must be 1 to 3660");
    }
    Instant since = clock.instant().minus(Duration.ofDays(days));
    Alerts.Accuracy a = alerts.accuracy(since);
    return new AccuracyView(since.toString(), a.all(), a.byMatchKind(), a.byList());
  }

  @GetMapping("/api/v1/alerts/{id}")
  Alert.Json one(@PathVariable long id) {
    return alerts.view(access.operator(), id, "api").toJson();
  }

  @PostMapping("/api/v1/alerts/{id}/verification")
  Alert.Json verify(@PathVariable long id, @RequestBody VerificationBody body) {
    VerificationOutcome outcome;
    try {
      outcome = VerificationOutcome.parse(body.outcome());
    } catch (IllegalArgumentException e) {
      throw ApiException.unprocessable("outcome", e.getMessage());
    }
    Alert a = alerts.verify(id, outcome, body.note(), access.operator());
    return a.toJson();
  }
}
