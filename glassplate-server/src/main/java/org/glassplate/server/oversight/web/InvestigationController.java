package org.glassplate.server.oversight.web;

import java.time.Instant;
import java.util.List;
import org.glassplate.server.core.Caller;
import org.glassplate.server.oversight.Investigation;
import org.glassplate.server.oversight.Investigations;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.WebRefusal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Misuse investigations for auditors (R-GOV-4): open one from findings, assign it, record its steps,
 * close it with an outcome; list them and read one. {@code overdue} marks one pending for more than
 * 180 days.
 */
@RestController
@RequestMapping("/api/v1/oversight/investigations")
class InvestigationController {
  private final Investigations investigations;

  InvestigationController(Investigations investigations) {
    this.investigations = investigations;
  }

  /** An investigation to open: the findings (ids), the subject's pseudonym (optional) and a summary (optional). */
  record OpenBody(List<Long> findings, String subject, String summary) {
    @Override
    public String toString() {
      return "OpenBody[" + findings + ", redacted]";
    }
  }

  record AssignmentBody(String assignee) {
  }

  record StepBody(String note) {
    @Override
    public String toString() {
      return "StepBody[redacted]";
    }
  }

  record OutcomeBody(String outcome, String note) {
    @Override
    public String toString() {
      return "OutcomeBody[" + outcome + ", redacted]";
    }
  }

  record StepJson(String kind, String at, String by, String note) {
    @Override
    public String toString() {
      return "StepJson[" + kind + ", redacted]";
    }
  }

  /** An investigation as JSON; times in ISO-8601 UTC, null where not yet. */
  record InvestigationJson(long id, String subject, String summary, String openedBy, String openedAt, String assignee,
      String assignedAt, String outcome, String outcomeNote, String closedBy, String closedAt, boolean overdue,
      List<Long> findings, List<StepJson> steps) {
    static InvestigationJson of(Investigation i, boolean overdue) {
      return new InvestigationJson(i.id(), i.subject(), i.summary(), i.openedBy(), time(i.openedAt()), i.assignee(),
          time(i.assignedAt()), i.outcome().name(), i.outcomeNote(), i.closedBy(), time(i.closedAt()), overdue,
          i.findings(), i.steps().stream().map(s -> new StepJson(s.kind().name(), time(s.at()), s.by(), s.note()))
              .toList());
    }

    @Override
    public String toString() {
      return "InvestigationJson[" + id + ", redacted]";
    }
  }

  record InvestigationList(List<InvestigationJson> investigations) {
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  private InvestigationJson json(Investigation i) {
    return InvestigationJson.of(i, investigations.overdue(i));
  }

  @PostMapping
  ResponseEntity<InvestigationJson> open(@RequestBody(required = false) OpenBody body) {
    OpenBody b = body == null ? new OpenBody(null, null, null) : body;
    Investigation i = investigations.open(b.findings(), b.subject(), b.summary(), caller());
    return ResponseEntity.status(HttpStatus.CREATED).body(json(i));
  }

  @GetMapping
  InvestigationList list(@RequestParam(required = false) String status) {
    return new InvestigationList(investigations.list(status, caller()).stream().map(this::json).toList());
  }

  @GetMapping("/{id}")
  InvestigationJson one(@PathVariable long id) {
    return json(investigations.one(id, caller()));
  }

  @PostMapping("/{id}/assignment")
  InvestigationJson assign(@PathVariable long id, @RequestBody(required = false) AssignmentBody body) {
    return json(investigations.assign(id, body == null ? null : body.assignee(), caller()));
  }

  @PostMapping("/{id}/steps")
  InvestigationJson step(@PathVariable long id, @RequestBody(required = false) StepBody body) {
    return json(investigations.recordStep(id, body == null ? null : body.note(), caller()));
  }

  @PostMapping("/{id}/outcome")
  InvestigationJson close(@PathVariable long id, @RequestBody(required = false) OutcomeBody body) {
    return json(investigations.close(id, body == null ? null : body.outcome(), body == null ? null : body.note(),
        caller()));
  }

  private static Caller caller() {
    return CallerAuthentication.current().orElseThrow(() -> new ApiException(WebRefusal.UNAUTHENTICATED,
        "sign in first"));
  }
}
