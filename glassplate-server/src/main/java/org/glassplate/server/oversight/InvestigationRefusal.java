package org.glassplate.server.oversight;

import org.glassplate.server.core.RefusalCode;

/** Why an action on a misuse investigation is refused, beyond the codes it shares (R-GOV-4). */
public enum InvestigationRefusal implements RefusalCode {
  INVESTIGATION_CLOSED("the investigation is closed with an outcome: it takes no more steps, assignment or outcome");

  private final String meaning;

  InvestigationRefusal(String meaning) {
    this.meaning = meaning;
  }

  @Override
  public String meaning() {
    return meaning;
  }
}
