package org.glassplate.server.sharing;

import java.util.List;

/**
 * A written data request as a supervisor typed it in (DESIGN.md, {@code POST /api/v1/data-requests});
 * nothing is checked yet. Times are ISO-8601 with an offset.
 *
 * @param agencyKind {@code local}, {@code state-agency}, {@code federal} or {@code private}
 * @param plates the plates asked for, or null/empty when the request names a window only
 * @param from start of the window asked for (with {@code to}), or null
 * @param receivedAt when the written request reached the agency
 * @param documentReference where the written request is kept (file number, document id)
 */
public record DataRequestSubmission(String agencyName, String agencyState, String agencyKind, String requesterName,
    String requesterTitle, String requesterContact, String purpose, String caseNumber, String offense,
    List<String> plates, String from, String to, String receivedAt, String documentReference) {

  @Override
  public String toString() {
    return "DataRequestSubmission[redacted]";
  }
}
