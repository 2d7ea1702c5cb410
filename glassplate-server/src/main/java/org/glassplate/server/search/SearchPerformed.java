package org.glassplate.server.search;

import java.time.Instant;
import java.util.UUID;
import org.glassplate.server.core.Caller;

/**
 * A search ran and its audit entry is in the log (published after that, before the results go
 * out). For oversight and transparency. {@code query} is the plate or pattern searched: personal
 * data, never to be logged or published.
 *
 * @param reasonCategory {@code STATED} or {@code VAGUE} (flagged for review)
 * @param kind {@code PLATE}, {@code PATTERN} or {@code AREA}
 */
public record SearchPerformed(UUID searchId, long auditIndex, Caller caller, Instant at, String offense,
    String reasonCategory, String kind, String query, boolean lookalike, Instant from, Instant to, int camerasCovered,
    int resultCount, String onBehalfOf, String policySha256) {

  @Override
  public String toString() {
    return "SearchPerformed[" + searchId + ", index " + auditIndex + ", " + caller.pseudonym() + "]";
  }
}
