package org.glassplate.server.search;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glassplate.server.reads.PlateRead;

/**
 * A search's answer: its id, the log index of its audit entry (already durable), and one page of
 * reads, newest first.
 *
 * @param more whether there is a next page
 * @param camerasCovered how many cameras the search covered
 * @param flagged true when the reason was vague: the search ran, and it is flagged for review
 * @param cameraNames the names of the cameras the results come from
 * @param queryNanos how long the read store took to answer
 * @param auditNanos how long making the audit entry durable, with its log index, took
 */
public record SearchResult(UUID searchId, long auditIndex, List<PlateRead> results, int page, int pageSize,
    boolean more, int camerasCovered, boolean flagged, String policySha256, Map<Long, String> cameraNames,
    long queryNanos, long auditNanos) {
  public SearchResult {
    results = List.copyOf(results);
    cameraNames = Map.copyOf(cameraNames);
  }
}
