package org.glassplate.server.sharing.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.glassplate.server.core.Caller;
import org.glassplate.server.sharing.DataRequests;
import org.glassplate.server.web.PlateDataEndpoints;
import org.glassplate.server.web.RoleRefusalAudit;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Callers refused by a role rule of {@link DataRequestEndpoints} are recorded as
 * {@code DATA_REQUEST_REFUSED}, reason code {@code ROLE}, naming the action (R-AUD-1): the requests
 * name people, cases and plates.
 */
@Component
class DataRequestRoleRefusals implements RoleRefusalAudit {
  private static final PlateDataEndpoints PLATE_DATA = PlateDataEndpoints.none()
      .with(HttpMethod.GET, "/api/v1/data-requests", "view")
      .with(HttpMethod.GET, "/api/v1/data-requests/*", "view")
      .with(HttpMethod.POST, "/api/v1/data-requests", "record")
      .with(HttpMethod.POST, "/api/v1/data-requests/*/approval", "approve")
      .with(HttpMethod.POST, "/api/v1/data-requests/*/denial", "deny")
      .with(HttpMethod.POST, "/api/v1/data-requests/*/export", "export");

  private final DataRequests requests;

  DataRequestRoleRefusals(DataRequests requests) {
    this.requests = requests;
  }

  @Override
  public boolean recordIfPlateData(HttpServletRequest request, Caller caller) {
    Optional<String> action = PLATE_DATA.labelOf(request);
    action.ifPresent(a -> requests.refusedByRole(caller, a));
    return action.isPresent();
  }
}
