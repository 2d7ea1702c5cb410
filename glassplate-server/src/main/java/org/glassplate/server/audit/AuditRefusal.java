package org.glassplate.server.audit;

import org.glassplate.server.core.RefusalCode;

/** Why the audit log refuses or cannot serve a request (R-AUD-*). */
public enum AuditRefusal implements RefusalCode {
  AUDIT_UNAVAILABLE("the audit log cannot record the action right now, so it was not carried out (fail closed)"),
  NO_CHECKPOINT("the audit log has not signed a checkpoint yet");

  private final String meaning;

  AuditRefusal(String meaning) {
    this.meaning = meaning;
  }

  @Override
  public String meaning() {
    return meaning;
  }
}
