package org.glassplate.server.oversight.web;

import java.util.List;
import org.glassplate.server.core.Caller;
import org.glassplate.server.oversight.Finding;
import org.glassplate.server.oversight.Findings;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.WebRefusal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Misuse findings for auditors (R-GOV-4): the list, one finding with its evidence opened, dismissal. */
@RestController
@RequestMapping("/api/v1/oversight/findings")
class FindingController {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Findings findings;

  FindingController(Findings findings) {
    this.findings = findings;
  }

  /** A dismissal: why the finding is no misuse (required). */
  record DismissalBody(String reason) {
    @Override
    public String toString() {
      return "DismissalBody[redacted]";
    }
  }

  /**
   * A finding as JSON; {@code dismissal} is null unless it was dismissed.
   */
  record FindingJson(long id, String rule, String severity, String person, List<Long> evidence, String summary,
      String occurredAt, String detectedAt, String status, DismissalJson dismissal) {
    static FindingJson of(Finding f) {
      Finding.Dismissal d = f.dismissal();
      return new FindingJson(f.id(), f.rule(), f.severity().name(), f.person(), f.evidence(), f.summary(),
          f.occurredAt().toString(), f.detectedAt().toString(), f.status().name(),
          d == null ? null : new DismissalJson(d.reason(), d.by(), d.at() == null ? null : d.at().toString()));
    }

    @Override
    public String toString() {
      return "FindingJson[" + id + ", redacted]";
    }
  }

  record DismissalJson(String reason, String by, String at) {
    @Override
    public String toString() {
      return "DismissalJson[redacted]";
    }
  }

  record FindingList(List<FindingJson> findings) {
  }

  /** One evidence entry: the public entry and, for the auditor, its private fields (null if none stored). */
  record EvidenceJson(long index, JsonNode entry, JsonNode privateFields) {
    @Override
    public String toString() {
      return "EvidenceJson[" + index + ", redacted]";
    }
  }

  record OpenedFinding(FindingJson finding, List<EvidenceJson> evidence, long openingAuditIndex) {
  }

  @GetMapping
  FindingList list(@RequestParam(required = false) String rule, @RequestParam(required = false) String person,
      @RequestParam(required = false) String status) {
    return new FindingList(findings.list(rule, person, status, caller()).stream().map(FindingJson::of).toList());
  }

  @GetMapping("/{id}")
  OpenedFinding open(@PathVariable long id) {
    Findings.Opened o = findings.open(id, caller());
    return new OpenedFinding(FindingJson.of(o.finding()), o.evidence().stream()
        .map(e -> new EvidenceJson(e.index(), JSON.readTree(e.entry()),
            e.privateFields() == null ? null : JSON.readTree(e.privateFields())))
        .toList(), o.openingAuditIndex());
  }

  @PostMapping("/{id}/dismissal")
  FindingJson dismiss(@PathVariable long id, @RequestBody(required = false) DismissalBody body) {
    return FindingJson.of(findings.dismiss(id, body == null ? null : body.reason(), caller()));
  }

  private static Caller caller() {
    return CallerAuthentication.current().orElseThrow(() -> new ApiException(WebRefusal.UNAUTHENTICATED,
        "sign in first"));
  }
}
