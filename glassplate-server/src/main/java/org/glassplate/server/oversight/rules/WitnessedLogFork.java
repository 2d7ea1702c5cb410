package org.glassplate.server.oversight.rules;

import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.oversight.Finding;
import org.springframework.stereotype.Component;

/**
 * WITNESSED_LOG_FORK: a log this node witnesses signed a checkpoint inconsistent with one this node cosigned
 * (another root at the same size, or a larger tree that does not extend it).
 */
@Component
class WitnessedLogFork extends EntryTypeRule {
  WitnessedLogFork() {
    super("WITNESSED_LOG_FORK", Finding.Severity.CRITICAL, AuditEventTypes.WITNESSED_LOG_FORKED,
        "A log this node witnesses signed a tree inconsistent with one this node cosigned: a proven fork. Both signed "
            + "checkpoints are in the entry.");
  }
}
