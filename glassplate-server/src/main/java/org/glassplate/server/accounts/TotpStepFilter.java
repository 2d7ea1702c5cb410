package org.glassplate.server.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import java.util.List;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The second sign-in step, {@code POST /login/totp} with {@code code}: turns a
 * {@link PasswordVerified} session into a signed-in person ({@link CallerAuthentication}), with a
 * new session id (session fixation protection) and the session's clock started.
 */
final class TotpStepFilter extends AbstractAuthenticationProcessingFilter {
  static final String PATH = "/login/totp";
  private final SignIn signIn;
  private final java.time.Clock clock;

  TotpStepFilter(SignIn signIn, SecurityContextRepository repository, java.time.Clock clock,
      org.glassplate.server.accounts.web.SignInRefusalPage refusalPage) {
    super(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PATH));
    this.signIn = signIn;
    this.clock = clock;
    setSecurityContextRepository(repository);
    // a new session id and a new CSRF token once the person is signed in, as after the password step
    setSessionAuthenticationStrategy(new CompositeSessionAuthenticationStrategy(List.of(
        new ChangeSessionIdAuthenticationStrategy(), new CsrfAuthenticationStrategy(new HttpSessionCsrfTokenRepository()))));
    setAuthenticationSuccessHandler((req, res, auth) -> {
      SessionGuard.started(req.getSession(), clock.instant());
      res.sendRedirect(req.getContextPath() + "/");
    });
    // the holder is already cleared here; a session still alive means the password step still stands
    setAuthenticationFailureHandler((req, res, ex) -> {
      if (ex instanceof SignInRefused r && r.retryLater() != null) {
        refusalPage.render(req, res, r.retryLater()); // 429 or 503, with Retry-After
      } else {
        res.sendRedirect(req.getContextPath() + (req.getSession(false) != null ? PATH + "?error" : "/login?error"));
      }
    });
  }

  @Override
  public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response) {
    Authentication current = SecurityContextHolder.getContext().getAuthentication();
    if (!(current instanceof PasswordVerified first)) {
      throw new SignInRefused("NO_PASSWORD_STEP");
    }
    Caller person;
    try {
      person = signIn.completeWithTotp(first, request.getParameter("code"), request.getRemoteAddr());
    } catch (SignInRefused e) {
      if (!"BAD_TOTP".equals(e.reason()) && !"REUSED_TOTP".equals(e.reason()) && e.retryLater() == null) {
        // locked, disabled or too late: start over from the password
        SecurityContextHolder.clearContext();
        var session = request.getSession(false);
        if (session != null) {
          session.invalidate();
        }
      }
      throw e;
    }
    CallerAuthentication signedIn = new CallerAuthentication(person);
    signedIn.setDetails(new InteractiveSignIn(clock.instant()));
    return signedIn;
  }
}
