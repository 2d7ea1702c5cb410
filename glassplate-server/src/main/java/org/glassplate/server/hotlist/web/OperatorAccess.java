package org.glassplate.server.hotlist.web;

import org.glassplate.server.accounts.TrainingGate;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.hotlist.HotlistAuditTypes;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.springframework.stereotype.Component;

/**
 * The signed-in person who looks at plate data through alerts: they must hold current training
 * (R-ACC-3) before any alert is shown; a refusal is audited before it is thrown.
 */
@Component
class OperatorAccess {
  private final TrainingGate training;
  private final AuditRecorder audit;

  OperatorAccess(TrainingGate training, AuditRecorder audit) {
    this.training = training;
    this.audit = audit;
  }

  Caller operator() {
    Caller caller = CallerAuthentication.current().orElseThrow();
    try {
      training.requireCurrentTraining(caller);
    } catch (Refusal e) {
      throw audit.recordDenied(AuditEvent.of(HotlistAuditTypes.HOTLIST_ACTION_REFUSED, caller)
          .denied(e.code()).with("action", "view_alerts").build(), e);
    }
    return caller;
  }
}
