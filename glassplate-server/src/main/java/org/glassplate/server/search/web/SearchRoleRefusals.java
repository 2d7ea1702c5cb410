package org.glassplate.server.search.web;

import jakarta.servlet.http.HttpServletRequest;
import org.glassplate.server.search.Searches;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.RoleRefusalAudit;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * A search refused by the role rule of {@link SearchEndpoints} is recorded like one
 * {@link Searches} refuses for the caller's role: {@code SEARCH_DENIED}, reason code {@code ROLE}
 * (R-SRCH-4, R-AUD-1). Opening the empty search form is not a search and is not recorded.
 */
@Component
class SearchRoleRefusals implements RoleRefusalAudit {
  private static final RequestMatcher API = PathPatternRequestMatcher.withDefaults()
      .matcher(HttpMethod.POST, "/api/v1/searches");
  private static final RequestMatcher PAGE = PathPatternRequestMatcher.withDefaults()
      .matcher(HttpMethod.POST, "/search");

  private final Searches searches;

  SearchRoleRefusals(Searches searches) {
    this.searches = searches;
  }

  @Override
  public boolean recordIfPlateData(HttpServletRequest request, Caller caller) {
    if (API.matches(request)) {
      searches.refusedByRole(caller, "POST /api/v1/searches");
      return true;
    }
    if (PAGE.matches(request)) {
      searches.refusedByRole(caller, "POST /search");
      return true;
    }
    return false;
  }
}
