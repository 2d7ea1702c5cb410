package org.glassplate.server.oversight;

import org.glassplate.server.core.RefusalCode;

/** Why an action on a misuse finding is refused, beyond the codes it shares (R-GOV-4). */
public enum FindingRefusal implements RefusalCode {
  FINDING_NOT_OPEN("the finding is not open: it was dismissed or is under investigation already");

  private final String meaning;

  FindingRefusal(String meaning) {
    this.meaning = meaning;
  }

  @Override
  public String meaning() {
    return meaning;
  }
}
