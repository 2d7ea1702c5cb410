package org.glassplate.server.search;

import org.glassplate.server.core.RefusalCode;

/**
 * Why a search is refused, beyond the codes it shares (R-SRCH-1 to R-SRCH-4, R-SHR-1): a prohibited
 * purpose, an unknown offense and a window past retention are {@link org.glassplate.server.core.CommonRefusal}
 * codes, since written data requests and partners' queries are refused for them too.
 */
public enum SearchRefusal implements RefusalCode {
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
