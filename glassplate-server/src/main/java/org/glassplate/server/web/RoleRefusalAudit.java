package org.glassplate.server.web;

import org.glassplate.server.core.Caller;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A feature's record of an authenticated caller that the security chain refused by a role rule on
 * one of the feature's endpoints that touch plate data (R-AUD-1): such a refusal happens before any
 * controller, so without this no feature would hear of it. Each feature with plate-data endpoints
 * contributes one from its {@code web} package.
 */
@FunctionalInterface
public interface RoleRefusalAudit {

  /**
   * Records the refusal if {@code request} is one of this feature's plate-data endpoints.
   *
   * @return whether it was one (and the refusal is recorded)
   * @throws RuntimeException when the refusal cannot be recorded: the caller is then answered with
   *     that failure (e.g. 503 {@code AUDIT_UNAVAILABLE}), still a refusal (fail closed)
   */
  boolean recordIfPlateData(HttpServletRequest request, Caller caller);
}
