package org.glassplate.server.reads;

import java.util.List;

/**
 * The answer to a camera's batch: how many reads were stored, how many were stored already (a
 * re-sent read, stored once), which were not and why, and the alerts raised.
 */
public record IngestResult(int accepted, int duplicates, List<Rejection> rejected, List<?> alerts) {
  public IngestResult {
    rejected = List.copyOf(rejected);
    alerts = List.copyOf(alerts);
  }
}
