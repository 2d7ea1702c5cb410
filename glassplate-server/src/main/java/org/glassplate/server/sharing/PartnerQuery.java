package org.glassplate.server.sharing;

import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /api/v1/federation/searches} (issue 14, R-SHR-3): a search that a partner
 * agency's node runs on this node's reads, with who asks, for which case and why. The requesting node
 * signs it (RFC 9421, key id = {@code requestingAgency}); nothing in it is checked yet.
 *
 * @param requestingAgency the requesting agency's id, equal to the signature's key id
 * @param requester the person asking, at the requesting agency
 * @param plate the full plate searched
 * @param lookalike whether look-alike characters match
 * @param from start of the capture-time window
 * @param to end of the window
 * @param cameras only these cameras of the owner, or null for every camera the agreement covers
 * @param caseNumber the requester's case or incident number
 * @param offense an offense code of the owner's policy, and of the agreement's scope
 * @param reason why, in the requester's words
 * @param onBehalfOf the agency the query is run for, when not the requesting one
 */
public record PartnerQuery(String requestingAgency, Requester requester, String plate, Boolean lookalike,
    Instant from, Instant to, List<Long> cameras, String caseNumber, String offense, String reason,
    String onBehalfOf) {

  /**
   * The person asking: {@code pseudonym} as the requesting node's own audit log shows them (e.g.
   * {@code user:4}), public in the owner's log as {@code <agency>/<pseudonym>}; {@code name} only for the
   * owner's commitment (private).
   */
  public record Requester(String pseudonym, String name) {
    @Override
    public String toString() {
      return "Requester[" + pseudonym + "]";
    }
  }

  @Override
  public String toString() {
    return "PartnerQuery[" + requestingAgency + ", redacted]";
  }
}
