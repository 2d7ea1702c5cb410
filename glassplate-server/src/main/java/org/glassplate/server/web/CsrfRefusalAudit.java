package org.glassplate.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.glassplate.server.core.Caller;

/**
 * The record of a state-changing request that came with the session cookie but without a valid CSRF
 * token (issue 12 item 9): a forged request from another site, or a page script that forgot the
 * token. The security chain refuses it before any controller, so it hands the refusal to the
 * feature that owns sessions to audit.
 */
@FunctionalInterface
public interface CsrfRefusalAudit {

  /**
   * Records the refusal.
   *
   * @param caller the session's signed-in person, if there is one
   * @throws RuntimeException when it cannot be recorded: the request is then answered with that
   *     failure, still a refusal (fail closed)
   */
  void record(HttpServletRequest request, Optional<Caller> caller);
}
