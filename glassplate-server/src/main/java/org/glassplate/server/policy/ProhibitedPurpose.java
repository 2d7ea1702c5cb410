package org.glassplate.server.policy;

import java.util.List;

/**
 * A purpose no search may serve (R-SRCH-2), with the words that name it.
 *
 * @param category a stable code, e.g. {@code IMMIGRATION}; it is what refusals and the public log show
 * @param description what the category means, for people
 * @param terms words and phrases; a trailing {@code *} matches any ending
 */
public record ProhibitedPurpose(String category, String description, List<String> terms) {
  public ProhibitedPurpose {
    if (category == null || !category.matches("[A-Z][A-Z0-9_]{1,63}")) {
      throw new IllegalArgumentException("category must be UPPER_CASE");
    }
    terms = List.copyOf(terms);
  }
}
