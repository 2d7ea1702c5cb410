package org.glassplate.server.search.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.glassplate.server.core.Caller;
import org.glassplate.server.search.Searches;
import org.glassplate.server.web.PlateDataEndpoints;
import org.glassplate.server.web.RoleRefusalAudit;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * A search refused by the role rule of {@link SearchEndpoints} is recorded like one
 * {@link Searches} refuses for the caller's role: {@code SEARCH_DENIED}, reason code {@code ROLE}
 * (R-SRCH-4, R-AUD-1). Opening the empty search form is not a search and is not recorded.
 */
@Component
class SearchRoleRefusals implements RoleRefusalAudit {
  private static final PlateDataEndpoints SEARCHES = PlateDataEndpoints.none()
      .with(HttpMethod.POST, "/api/v1/searches", "POST /api/v1/searches")
      .with(HttpMethod.POST, "/search", "POST /search");

  private final Searches searches;

  SearchRoleRefusals(Searches searches) {
    this.searches = searches;
  }

  @Override
  public boolean recordIfPlateData(HttpServletRequest request, Caller caller) {
    Optional<String> endpoint = SEARCHES.labelOf(request);
    endpoint.ifPresent(e -> searches.refusedByRole(caller, e));
    return endpoint.isPresent();
  }
}
