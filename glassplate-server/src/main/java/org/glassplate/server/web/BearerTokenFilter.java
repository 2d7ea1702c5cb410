package org.glassplate.server.web;

import org.glassplate.server.core.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.glassplate.server.core.RefusalCode;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer TOKEN} against the feature that issued the token. A
 * token that is present but not valid ends the request with 401 at once: it never falls back to
 * anonymous access.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
  private final List<BearerTokenAuthenticator> authenticators;
  private final ErrorStatuses statuses;

  BearerTokenFilter(List<BearerTokenAuthenticator> authenticators, ErrorStatuses statuses) {
    this.authenticators = List.copyOf(authenticators);
    this.statuses = statuses;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null) {
      chain.doFilter(request, response);
      return;
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      reject(response, statuses, "the Authorization header must be 'Bearer TOKEN'");
      return;
    }
    String token = header.substring(7).trim();
    Optional<Caller> caller = authenticators.stream()
        .filter(a -> a.supports(token))
        .findFirst()
        .flatMap(a -> a.authenticate(token, request.getRemoteAddr()));
    if (caller.isEmpty()) {
      reject(response, statuses, "the bearer token is unknown, revoked or expired");
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new CallerAuthentication(caller.get()));
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
