package org.glassplate.server.oversight.rules;

import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.oversight.Finding;
import org.springframework.stereotype.Component;

/**
 * SELF_AUDIT_DRIFT: the daily self-audit found the configuration, the audit log, its triggers or its
 * signer key different from what was approved (R-GOV-3). The entry names the checks that drifted; the
 * before and after are in its private part and in the self-audit's own record.
 */
@Component
class SelfAuditDrift extends EntryTypeRule {
  SelfAuditDrift() {
    super("SELF_AUDIT_DRIFT", Finding.Severity.CRITICAL, AuditEventTypes.SELF_AUDIT_DRIFT,
        "The self-audit found something changed outside the approved way: the checks that drifted are in the "
            + "entry, before and after with the self-audit.");
  }
}
