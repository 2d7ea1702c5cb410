package org.glassplate.server.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import org.glassplate.server.accounts.AccountsAuditTypes;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.RepeatedFailures;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CsrfRefusalAudit;
import org.springframework.stereotype.Component;

/**
 * Audits requests refused for a missing or wrong CSRF token (issue 12 item 9): they come with a
 * session cookie, so they may be another site's forgery in a signed-in person's browser. Folded per
 * minute ({@link RepeatedFailures}), so that a page firing them in a loop cannot flood the log.
 */
@Component
class CsrfRefusals implements CsrfRefusalAudit {
  private final RepeatedFailures failures;

  CsrfRefusals(RepeatedFailures failures) {
    this.failures = failures;
  }

  @Override
  public void record(HttpServletRequest request, Optional<Caller> caller) {
    Caller who = caller.orElseGet(() -> new Caller(Caller.Kind.USER, 0, "user:unknown", Set.of(),
        request.getRemoteAddr()));
    boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    failures.record(AuditEvent.of(AccountsAuditTypes.CSRF_TOKEN_REFUSED, who)
        .denied("CSRF_TOKEN_REQUIRED").with("method", request.getMethod()).with("api", api)
        .with("accountId", who.id() == 0 ? null : who.id())
        .secret("path", request.getRequestURI()).build());
  }
}
