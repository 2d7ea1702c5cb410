package org.glassplate.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.RetryLater;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits a scrape of {@code /actuator/prometheus} as {@link MetricsAccess} decides, before any other
 * credential is looked at: the metrics token is no caller's token, so the bearer-token filter leaves
 * this path alone. A wrong token counts against its source address and is audited as any refused
 * token is ({@link CredentialFailures}); an address that failed too often is answered 429 first.
 * The authorization rule of the path ({@link #admitted()}) then lets through only what this filter
 * admitted.
 */
final class MetricsScrapeFilter extends OncePerRequestFilter {
  static final String PATH = "/actuator/prometheus";
  private static final String ADMITTED = MetricsScrapeFilter.class.getName() + ".admitted";

  private final MetricsToken token;
  private final CredentialFailures failures;
  private final ErrorStatuses statuses;

  MetricsScrapeFilter(MetricsToken token, CredentialFailures failures, ErrorStatuses statuses) {
    this.token = token;
    this.failures = failures;
    this.statuses = statuses;
  }

  /** Whether the request is for the metrics (any path under it: only the exact one is served). */
  static boolean isScrape(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length()).startsWith(PATH);
  }

  /** The authorization rule of the metrics path: what this filter admitted, nothing else. */
  static AuthorizationManager<RequestAuthorizationContext> admitted() {
    return (auth, ctx) -> new AuthorizationDecision(Boolean.TRUE.equals(ctx.getRequest().getAttribute(ADMITTED)));
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !isScrape(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String source = request.getRemoteAddr();
    try {
      if (request.getHeader("Authorization") != null) {
        Optional<RetryLater> held = failures.holdBack(source, "BEARER");
        if (held.isPresent()) {
          BearerTokenFilter.writeError(response, statuses, held.get());
          return;
        }
      }
      MetricsAccess.Decision decision = MetricsAccess.decide(source, request::getHeader, token);
      switch (decision) {
        case LOCAL, TOKEN -> {
          request.setAttribute(ADMITTED, Boolean.TRUE);
          chain.doFilter(request, response);
        }
        case NO_TOKEN -> BearerTokenFilter.reject(response, statuses,
            "the metrics are served to this machine, or with 'Authorization: Bearer' the metrics token");
        case WRONG_TOKEN -> {
          failures.tokenRefused(source, false);
          BearerTokenFilter.reject(response, statuses, "that is not the metrics token");
        }
      }
    } catch (Refusal e) {
      // the refused token could not be recorded (the audit log is unavailable): still a refusal (fail closed)
      BearerTokenFilter.writeError(response, statuses, e.refusalCode(), e.getMessage());
    }
  }
}
