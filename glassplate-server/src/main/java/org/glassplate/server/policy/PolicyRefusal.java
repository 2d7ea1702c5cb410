package org.glassplate.server.policy;

import org.glassplate.server.core.RefusalCode;

/** Why a policy proposal, approval or sharing is refused (R-GOV-2, R-SHR-2). */
public enum PolicyRefusal implements RefusalCode {
  INVALID_POLICY("the policy document does not parse or is incomplete; the message names the line and field"),
  LEGAL_FLOOR("the legal floor forbids it (an out-of-state, federal or private recipient, or a required"
      + " prohibition missing); the message names the statute"),
  NO_CHANGE("the proposed document is the version in force"),
  GOVERNING_BODY_APPROVAL_REQUIRED("the version expands retention, sharing, hot-list sources or collection and"
      + " names no governing-body approval"),
  STALE_PROPOSAL("another version took effect after the proposal was written; propose again");

  private final String meaning;

  PolicyRefusal(String meaning) {
    this.meaning = meaning;
  }

  @Override
  public String meaning() {
    return meaning;
  }
}
