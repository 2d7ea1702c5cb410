package org.glassplate.server.audit;

/**
 * The server refuses to start: its database's log is behind a checkpoint the log has published and the
 * tile archive cannot fill the gap, or does not contain it (issue 18). The message names the sizes and
 * where the checkpoint was kept; it carries no entry content.
 */
public final class LogRollbackRefused extends IllegalStateException {
  LogRollbackRefused(String message) {
    super(message);
  }
}
