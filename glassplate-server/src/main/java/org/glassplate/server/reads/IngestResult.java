package org.glassplate.server.reads;

import java.util.List;

/** The answer to a camera's batch: how many reads were stored, which were not and why, and alerts raised. */
public record IngestResult(int accepted, List<Rejection> rejected, List<?> alerts) {
  public IngestResult {
    rejected = List.copyOf(rejected);
    alerts = List.copyOf(alerts);
  }
}
