package org.glassplate.server.oversight.rules;

import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.oversight.Finding;
import org.springframework.stereotype.Component;

/** WITNESSED_LOG_FORK: a log this node witnesses showed two signed checkpoints of one size with different roots. */
@Component
class WitnessedLogFork extends EntryTypeRule {
  WitnessedLogFork() {
    super("WITNESSED_LOG_FORK", Finding.Severity.CRITICAL, AuditEventTypes.WITNESSED_LOG_FORKED,
        "A log this node witnesses signed two different trees of the same size: a proven fork. Both signed "
            + "checkpoints are in the entry.");
  }
}
