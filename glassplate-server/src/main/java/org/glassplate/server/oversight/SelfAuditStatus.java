package org.glassplate.server.oversight;

/** The outcome of a self-audit or of one of its checks (R-GOV-3): as approved, or drifted from it. */
public enum SelfAuditStatus {
  OK, DRIFT
}
