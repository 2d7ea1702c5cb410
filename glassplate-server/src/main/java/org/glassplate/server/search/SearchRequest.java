package org.glassplate.server.search;

import java.time.Instant;
import java.util.List;

/**
 * A search as asked (DESIGN.md, {@code POST /api/v1/searches}); nothing is checked yet.
 *
 * @param plate a full plate, or null when {@code pattern} is given
 * @param pattern a partial plate: {@code *} any run, {@code ?} one character
 * @param from start of the capture-time window (required)
 * @param to end of the window (required)
 * @param caseNumber the case or incident number (required)
 * @param offense an offense code of the policy in force (required)
 * @param reason why, in the investigator's words (required)
 * @param onBehalfOf the agency the search is run for, when not this one
 * @param lookalike whether look-alike characters match (0/O/D/Q, 1/I, 2/Z, 5/S, 8/B, 6/G)
 * @param cameras only these cameras
 * @param bbox only this area: south, west, north, east in degrees
 * @param page 1-based page number
 * @param pageSize reads per page, at most 500
 */
public record SearchRequest(String plate, String pattern, Instant from, Instant to, String caseNumber, String offense,
    String reason, String onBehalfOf, Boolean lookalike, List<Long> cameras, List<Double> bbox, Integer page,
    Integer pageSize) {

  @Override
  public String toString() {
    return "SearchRequest[redacted]";
  }
}
