package org.glassplate.server.hotlist.web;

import org.glassplate.server.accounts.TrainingGate;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.hotlist.HotlistAuditTypes;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.web.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The signed-in person who looks at plate data through alerts: they must hold current training
 * (R-ACC-3) before any alert is shown; a refusal is audited in its own transaction.
 */
@Component
class OperatorAccess {
  private final TrainingGate training;
  private final AuditRecorder audit;
  private final TransactionTemplate requiresNew;

  OperatorAccess(TrainingGate training, AuditRecorder audit, TransactionTemplate tx) {
    this.training = training;
    this.audit = audit;
    this.requiresNew = new TransactionTemplate(tx.getTransactionManager());
    this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  Caller operator() {
    Caller caller = CallerAuthentication.current().orElseThrow();
    try {
      training.requireCurrentTraining(caller);
    } catch (ApiException e) {
      requiresNew.executeWithoutResult(s -> audit.record(AuditEvent.of(HotlistAuditTypes.HOTLIST_ACTION_REFUSED, caller)
          .denied(e.code()).with("action", "view_alerts").build()));
      throw e;
    }
    return caller;
  }
}
