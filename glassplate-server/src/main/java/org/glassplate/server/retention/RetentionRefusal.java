package org.glassplate.server.retention;

import org.glassplate.server.core.RefusalCode;

/** Why a legal hold or retention extension action is refused, beyond the codes it shares (R-RET-2). */
public enum RetentionRefusal implements RefusalCode {
  OVER_MAXIMUM("the end date is past, or beyond the policy's maximum"),
  NOT_IN_FORCE("the hold or extension has already ended"),
  NOT_FROM_YOUR_SEARCHES("a hold or extension names only stored reads that its requester's own searches returned;"
      + " the refusal is the same whether a read does not exist or is not yours");

  private final String meaning;

  RetentionRefusal(String meaning) {
    this.meaning = meaning;
  }

  @Override
  public String meaning() {
    return meaning;
  }
}
