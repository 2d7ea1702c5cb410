package org.glassplate.server.sharing.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.glassplate.server.core.Caller;
import org.glassplate.server.sharing.DataRequests;
import org.glassplate.server.web.RoleRefusalAudit;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * Callers refused by a role rule of {@link DataRequestEndpoints} are recorded as
 * {@code DATA_REQUEST_REFUSED}, reason code {@code ROLE}, naming the action (R-AUD-1): the requests
 * name people, cases and plates.
 */
@Component
class DataRequestRoleRefusals implements RoleRefusalAudit {
  private record Action(RequestMatcher matcher, String action) {
  }

  private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();
  private static final List<Action> ACTIONS = List.of(
      new Action(PATHS.matcher(HttpMethod.GET, "/api/v1/data-requests"), "view"),
      new Action(PATHS.matcher(HttpMethod.GET, "/api/v1/data-requests/*"), "view"),
      new Action(PATHS.matcher(HttpMethod.POST, "/api/v1/data-requests"), "record"),
      new Action(PATHS.matcher(HttpMethod.POST, "/api/v1/data-requests/*/approval"), "approve"),
      new Action(PATHS.matcher(HttpMethod.POST, "/api/v1/data-requests/*/denial"), "deny"),
      new Action(PATHS.matcher(HttpMethod.POST, "/api/v1/data-requests/*/export"), "export"));

  private final DataRequests requests;

  DataRequestRoleRefusals(DataRequests requests) {
    this.requests = requests;
  }

  @Override
  public boolean recordIfPlateData(HttpServletRequest request, Caller caller) {
    for (Action a : ACTIONS) {
      if (a.matcher().matches(request)) {
        requests.refusedByRole(caller, a.action());
        return true;
      }
    }
    return false;
  }
}
