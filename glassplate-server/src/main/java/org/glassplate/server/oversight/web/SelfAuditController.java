package org.glassplate.server.oversight.web;

import org.glassplate.server.core.CommonRefusal;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.oversight.SelfAudits;
import org.glassplate.server.web.CallerAuthentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/oversight/self-audits} runs one now; {@code GET} lists the runs with their detail (auditors). */
@RestController
class SelfAuditController {
  private final SelfAudits selfAudits;

  SelfAuditController(SelfAudits selfAudits) {
    this.selfAudits = selfAudits;
  }

  @PostMapping("/api/v1/oversight/self-audits")
  SelfAuditJson run() {
    return SelfAuditJson.of(selfAudits.run(CallerAuthentication.current().orElseThrow(), SelfAudits.Trigger.ON_DEMAND));
  }

  @GetMapping("/api/v1/oversight/self-audits")
  SelfAuditJson.History history(@RequestParam(defaultValue = "20") int limit) {
    if (limit < 1 || limit > SelfAudits.MAX_HISTORY) {
      throw new Refusal(CommonRefusal.INVALID_PARAMETER, "limit must be 1 to " + SelfAudits.MAX_HISTORY, "limit");
    }
    return new SelfAuditJson.History(selfAudits.recent(limit).stream().map(SelfAuditJson::of).toList());
  }

  @GetMapping("/api/v1/oversight/self-audits/{id}")
  SelfAuditJson one(@PathVariable long id) {
    return selfAudits.find(id).map(SelfAuditJson::of).orElseThrow(() -> Refusal.notFound("self-audit"));
  }
}
