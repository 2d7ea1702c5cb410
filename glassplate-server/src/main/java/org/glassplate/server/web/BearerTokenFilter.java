package org.glassplate.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.RefusalCode;
import org.glassplate.server.core.RetryLater;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer TOKEN} against the feature that issued the token. A
 * token that is present but not valid ends the request with 401 at once: it never falls back to
 * anonymous access. Every refused token counts against its source address; an address that failed
 * too often lately is answered 429 with {@code Retry-After} before its token is even looked at
 * ({@link CredentialFailures}).
 */
final class BearerTokenFilter extends OncePerRequestFilter {
  private final List<BearerTokenAuthenticator> authenticators;
  private final CredentialFailures failures;
  private final ErrorStatuses statuses;

  BearerTokenFilter(List<BearerTokenAuthenticator> authenticators, CredentialFailures failures,
      ErrorStatuses statuses) {
    this.authenticators = List.copyOf(authenticators);
    this.failures = failures;
    this.statuses = statuses;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || MetricsScrapeFilter.isScrape(request)) { // the metrics token is checked there
      chain.doFilter(request, response);
      return;
    }
    String source = request.getRemoteAddr();
    Optional<BearerTokenAuthenticator.Authenticated> caller;
    try {
      Optional<RetryLater> held = failures.holdBack(source, "BEARER");
      if (held.isPresent()) {
        writeError(response, statuses, held.get());
        return;
      }
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
        failures.tokenRefused(source, false);
        reject(response, statuses, "the Authorization header must be 'Bearer TOKEN'");
        return;
      }
      String token = header.substring(7).trim();
      Optional<BearerTokenAuthenticator> issuer = authenticators.stream().filter(a -> a.supports(token)).findFirst();
      caller = issuer.flatMap(a -> a.authenticateWithDetails(token, source));
      if (caller.isEmpty()) {
        failures.tokenRefused(source, issuer.isPresent());
        reject(response, statuses, "the bearer token is unknown, revoked or expired");
        return;
      }
    } catch (Refusal e) {
      // the refusal could not be recorded (the audit log is unavailable): still a refusal (fail closed)
      writeError(response, statuses, e.refusalCode(), e.getMessage());
      return;
    }
    CallerAuthentication authentication = new CallerAuthentication(caller.get().caller());
    authentication.setDetails(caller.get().details());
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  static void reject(HttpServletResponse response, ErrorStatuses statuses, String message) throws IOException {
    writeError(response, statuses, WebRefusal.UNAUTHENTICATED, message);
  }

  /** Writes a refusal that passes with time, with its {@code Retry-After}. */
  static void writeError(HttpServletResponse response, ErrorStatuses statuses, RetryLater refusal) throws IOException {
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()));
    writeError(response, statuses, refusal.refusalCode(), refusal.getMessage());
  }

  /** Writes the error shape outside Spring MVC, with the status the code maps to. */
  static void writeError(HttpServletResponse response, ErrorStatuses statuses, RefusalCode code, String message)
      throws IOException {
    int status = statuses.of(code).value();
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    response.getWriter().write(ApiError.of(code.code(), message, null).toJson());
  }
}
