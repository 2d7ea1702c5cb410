package org.glassplate.server.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.glassplate.server.accounts.web.SignInRefusalPage;
import org.glassplate.server.web.ApiError;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.SecurityCustomizer;
import org.glassplate.server.web.WebRefusal;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * People's browser sign-in on the one filter chain (R-ACC-2, R-ACC-5): our own page at
 * {@code /login} (form login for the password step), the TOTP step at {@code /login/totp},
 * {@code POST /logout}, a new session id at each step (session fixation protection), the
 * {@link SessionGuard} limits, and CSRF (on for every browser form, and for the API calls the session
 * cookie signs in). Browser page requests that need sign-in are sent to {@code /login}; API requests
 * keep the 401 JSON answer. A step refused for a while (too many failures from the address, too many
 * password checks at once) is answered 429 or 503 with {@code Retry-After} ({@link SignInRefusalPage}).
 */
@Component
class SessionSecurity implements SecurityCustomizer {
  private final SignIn signIn;
  private final Clock clock;
  private final SignInRefusalPage refusalPage;

  SessionSecurity(SignIn signIn, Clock clock, SignInRefusalPage refusalPage) {
    this.signIn = signIn;
    this.clock = clock;
    this.refusalPage = refusalPage;
  }

  @Override
  public void customize(HttpSecurity http) throws Exception {
    SecurityContextRepository repository = new DelegatingSecurityContextRepository(
        new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
    http
        .securityContext(c -> c.securityContextRepository(repository))
        .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
        .formLogin(f -> f
            .loginPage("/login")
            .loginProcessingUrl("/login")
            .usernameParameter("username")
            .passwordParameter("password")
            .successHandler((req, res, auth) -> res.sendRedirect(req.getContextPath() + TotpStepFilter.PATH))
            .failureHandler((req, res, ex) -> {
              if (ex instanceof SignInRefused r && r.retryLater() != null) {
                refusalPage.render(req, res, r.retryLater()); // 429 or 503, with Retry-After
                return;
              }
              if (ex instanceof SignInRefused r && r.lockedAndProven()) {
                req.getSession().setAttribute(SignInRefused.TOLD_LOCKED, Boolean.TRUE);
              }
              res.sendRedirect(req.getContextPath() + "/login?error");
            }))
        .logout(l -> l
            .logoutUrl("/logout")
            .addLogoutHandler((req, res, auth) -> CallerAuthentication.current().ifPresent(signIn::signedOut))
            .logoutSuccessUrl("/login?signedOut"))
        .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> {
          if (wantsPage(req)) {
            res.sendRedirect(req.getContextPath() + "/login");
          } else {
            unauthenticated(res);
          }
        }))
        .addFilterAfter(new SessionGuard(signIn, clock), SecurityContextHolderFilter.class)
        .addFilterAfter(new TotpStepFilter(signIn, repository, clock, refusalPage), UsernamePasswordAuthenticationFilter.class);
  }

  /** A browser asking for a page (not the API): it is better sent to the sign-in page than given JSON. */
  static boolean wantsPage(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/api/")) {
      return false;
    }
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
  }

  private static void unauthenticated(HttpServletResponse response) throws java.io.IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("WWW-Authenticate", "Bearer");
    response.getWriter().write(ApiError.of(WebRefusal.UNAUTHENTICATED.code(),
        "sign in or send 'Authorization: Bearer TOKEN'", null).toJson());
  }
}
