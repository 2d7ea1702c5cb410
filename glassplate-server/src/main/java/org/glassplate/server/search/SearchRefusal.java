package org.glassplate.server.search;

import org.glassplate.server.core.RefusalCode;

/** Why a search is refused, beyond the codes it shares (R-SRCH-1 to R-SRCH-4, R-SHR-1). */
public enum SearchRefusal implements RefusalCode {
  PROHIBITED_PURPOSE("the reason, offense, case number or on-behalf-of names a purpose the policy prohibits; the"
      + " refusal is recorded (R-SRCH-2)"),
  UNKNOWN_OFFENSE("the offense is not one of the policy's (GET /api/v1/policy lists them)"),
  WINDOW_PAST_RETENTION("the time window reaches past the retention period"),
  NOT_SHARED("the policy in force has no sharing agreement with the agency the search is for (R-SHR-1)"),
  SEARCH_UNAVAILABLE("the search could not be run (it may have taken too long); narrow it");

  private final String meaning;

  SearchRefusal(String meaning) {
    this.meaning = meaning;
  }

  @Override
  public String meaning() {
    return meaning;
  }
}
