package org.glassplate.server.policy;

import java.time.Instant;
import java.util.List;

/**
 * A proposed policy version and where it stands (R-GOV-2): {@code PENDING} until a second,
 * different administrator approves it ({@code ACTIVATED}), or {@code SUPERSEDED} when another
 * version took effect first.
 *
 * @param expansions what it expands over its base version; non-empty needs a governing-body reference
 * @param approvals the approvals recorded, including an author's own, which does not count
 * @param diff the line diff against the base version
 */
public record PolicyProposal(long id, int baseVersion, String baseSha256, String sha256, String document,
    String proposedBy, Instant proposedAt, String status, List<String> expansions, String governingBodyReference,
    String note, List<PolicyApproval> approvals, Integer activatedVersion, List<LineDiff.Line> diff) {

  public PolicyProposal {
    expansions = List.copyOf(expansions);
    approvals = List.copyOf(approvals);
    diff = List.copyOf(diff);
  }
}
