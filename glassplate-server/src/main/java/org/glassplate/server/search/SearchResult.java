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
 * @param partners what each partner agency asked answered (issue 14), in the order asked; null when none was asked
 * @param partnersAuditIndex the log index of this node's own entry of the partners' answers, when asked
 */
public record SearchResult(UUID searchId, long auditIndex, List<PlateRead> results, int page, int pageSize,
    boolean more, int camerasCovered, boolean flagged, String policySha256, Map<Long, String> cameraNames,
    long queryNanos, long auditNanos, List<PartnerOutcome> partners, Long partnersAuditIndex) {
  public SearchResult {
    results = List.copyOf(results);
    cameraNames = Map.copyOf(cameraNames);
    partners = partners == null ? null : List.copyOf(partners);
  }

  SearchResult withPartners(List<PartnerOutcome> answered, long auditIndexOfThem) {
    return new SearchResult(searchId, auditIndex, results, page, pageSize, more, camerasCovered, flagged, policySha256,
        cameraNames, queryNanos, auditNanos, answered, auditIndexOfThem);
  }
}
