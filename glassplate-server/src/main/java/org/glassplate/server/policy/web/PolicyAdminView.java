package org.glassplate.server.policy.web;

import java.util.List;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.PolicyProposal;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;

/**
 * The view model of {@code policy/admin.jte}: the version in force, the recent proposals with their
 * diffs, the draft of the next one (as typed, after a refusal), and what the last action did.
 */
public record PolicyAdminView(Layout layout, String notice, RefusalView refusal, EffectivePolicy current,
    List<Proposal> proposals, String draft, String draftReference) {

  /** A proposal and its diff against its base version, as readable hunks. */
  public record Proposal(PolicyProposal proposal, List<DiffLine> diff) {
  }

  /**
   * One line of a diff: {@code kind} is {@code add}, {@code del}, {@code gap} or {@code same};
   * {@code prefix} the line number and the operation, aligned.
   */
  public record DiffLine(String kind, String prefix, String text) {
  }
}
