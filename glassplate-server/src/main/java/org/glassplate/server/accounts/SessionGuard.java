package org.glassplate.server.accounts;

import org.glassplate.server.accounts.internal.AccountStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs on every request that carries a session (R-ACC-5): ends it after 30 idle minutes or 12
 * hours, or when the account has been disabled or locked, or its credentials reset, meanwhile, and otherwise puts the person
 * in the security context as a {@link CallerAuthentication} with their current roles and this
 * request's address. Times come from the injected clock, so tests can move them; the session
 * store's own 30-minute expiry stays as a backstop. Sessions are kept in PostgreSQL (Spring Session
 * JDBC), so a sign-in survives a restart and these limits still apply to it afterwards.
 *
 * <p>A session that has only passed the password step counts as signed in only on the TOTP
 * step's own pages; everywhere else it is anonymous (and is sent to sign in).
 */
final class SessionGuard extends OncePerRequestFilter {
  static final Duration IDLE_LIMIT = Duration.ofMinutes(30);
  static final Duration ABSOLUTE_LIMIT = Duration.ofHours(12);
  static final String SIGNED_IN_AT = "glassplate.signedInAt";
  static final String LAST_SEEN_AT = "glassplate.lastSeenAt";

  private final SignIn signIn;
  private final Clock clock;

  SessionGuard(SignIn signIn, Clock clock) {
    this.signIn = signIn;
    this.clock = clock;
  }

  static void started(HttpSession session, Instant now) {
    session.setAttribute(SIGNED_IN_AT, now);
    session.setAttribute(LAST_SEEN_AT, now);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    Authentication stored = session == null ? null : stored(session);
    if (stored instanceof CallerAuthentication signedIn) {
      guard(request, session, signedIn.getPrincipal());
    } else if (stored instanceof PasswordVerified first) {
      boolean late = first.verifiedAt().plus(SignIn.SECOND_STEP_WITHIN).isBefore(clock.instant());
      if (late) {
        session.invalidate();
        anonymous();
      } else if (!request.getRequestURI().startsWith(request.getContextPath() + TotpStepFilter.PATH)) {
        anonymous();
      }
    }
    chain.doFilter(request, response);
  }

  private void guard(HttpServletRequest request, HttpSession session, Caller stored) {
    Instant now = clock.instant();
    Instant signedInAt = (Instant) session.getAttribute(SIGNED_IN_AT);
    Instant lastSeenAt = (Instant) session.getAttribute(LAST_SEEN_AT);
    String ended = null;
    if (signedInAt == null || lastSeenAt == null) {
      ended = "SESSION_INCOMPLETE";
    } else if (now.isAfter(signedInAt.plus(ABSOLUTE_LIMIT))) {
      ended = "ABSOLUTE_TIMEOUT";
    } else if (now.isAfter(lastSeenAt.plus(IDLE_LIMIT))) {
      ended = "IDLE_TIMEOUT";
    }
    Optional<AccountStore.Row> account = ended == null ? signIn.usable(stored.id()) : Optional.empty();
    if (ended == null && account.isEmpty()) {
      ended = "ACCOUNT_DISABLED_OR_LOCKED";
    } else if (ended == null && account.get().credentialsResetAt() != null
        && account.get().credentialsResetAt().isAfter(signedInAt)) {
      ended = "CREDENTIALS_RESET";
    }
    if (ended != null) {
      session.invalidate();
      anonymous();
      signIn.sessionEnded(stored, ended);
      return;
    }
    session.setAttribute(LAST_SEEN_AT, now);
    CallerAuthentication current = new CallerAuthentication(account.get().caller(request.getRemoteAddr()));
    current.setDetails(new InteractiveSignIn(signedInAt, session.getId()));
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(current);
    SecurityContextHolder.setContext(context);
  }

  private static Authentication stored(HttpSession session) {
    Object value = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
    return value instanceof SecurityContext c ? c.getAuthentication() : null;
  }

  private static void anonymous() {
    SecurityContextHolder.setContext(SecurityContextHolder.createEmptyContext());
  }
}
