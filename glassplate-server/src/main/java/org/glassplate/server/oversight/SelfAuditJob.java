package org.glassplate.server.oversight;

import org.glassplate.server.core.Caller;
import org.glassplate.server.core.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the self-audit every day (R-GOV-3), the first time soon after the server starts, so that a new
 * installation (the demo) shows a status from its first minutes. Like every scheduled job it runs on
 * the application's scheduler (tests wrap each job so it never runs on a clock a test moved).
 */
@Component
class SelfAuditJob {
  private static final Logger log = LoggerFactory.getLogger(SelfAuditJob.class);

  private final SelfAudits selfAudits;

  SelfAuditJob(SelfAudits selfAudits) {
    this.selfAudits = selfAudits;
  }

  @Scheduled(initialDelayString = "${glassplate.oversight.self-audit-first:PT2M}",
      fixedDelayString = "${glassplate.oversight.self-audit-interval:P1D}")
  void daily() {
    try {
      SelfAuditReport r = selfAudits.run(Caller.system(), SelfAudits.Trigger.SCHEDULED);
      if (r.status() == SelfAuditStatus.DRIFT) {
        // check names only: the detail is for auditors, on the page and in the audit entry's private part
        log.warn("self-audit {} found a DRIFT in: {}", r.id(), String.join(", ", r.drifted()));
      } else {
        log.info("self-audit {} OK", r.id());
      }
    } catch (RuntimeException e) {
      log.error("the daily self-audit could not run ({})", e.getClass().getSimpleName(), LogSafe.redact(e));
    }
  }
}
