package org.glassplate.server.web;

import org.glassplate.server.core.Caller;
import org.glassplate.server.core.LogSafe;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.glassplate.server.core.CommonRefusal;
import org.glassplate.server.core.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Deny by default: an endpoint is reachable only when its feature names the role it needs in an
 * {@link EndpointRules} bean. Unauthenticated calls get 401 and refused ones 403, both in the error
 * shape of DESIGN.md. A state-changing request that the session cookie would authorize needs the CSRF
 * token, the API's included ({@link #needsCsrfToken}); a partner node's signed federation query never does.
 */
@Configuration
@EnableWebSecurity
class SecurityConfig {
  private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, List<EndpointRules> rules,
      List<BearerTokenAuthenticator> authenticators,
      List<SecurityCustomizer> customizers, List<RoleRefusalAudit> roleRefusals, CsrfRefusalAudit csrfRefusals,
      CredentialFailures failures, ErrorStatuses statuses, RefusedPage refusedPage, MetricsToken metricsToken,
      List<LargeBody> largeBodies, @Value("${glassplate.http.max-body-bytes:2097152}") long maxBodyBytes) throws Exception {
    http
        .csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfig::needsCsrfToken))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(c -> c.disable())
        .addFilterBefore(new RequestSizeLimitFilter(maxBodyBytes, statuses, largeBodies),
            WebAsyncManagerIntegrationFilter.class)
        .addFilterBefore(new MetricsScrapeFilter(metricsToken, failures, statuses), AnonymousAuthenticationFilter.class)
        .addFilterBefore(new BearerTokenFilter(authenticators, failures, statuses), AnonymousAuthenticationFilter.class)
        .exceptionHandling(e -> e
            .authenticationEntryPoint((req, res, ex) ->
                BearerTokenFilter.writeError(res, statuses, WebRefusal.UNAUTHENTICATED,
                    "sign in or send 'Authorization: Bearer TOKEN'"))
            .accessDeniedHandler((req, res, ex) -> refused(req, res, ex, roleRefusals, csrfRefusals, statuses,
                refusedPage)))
        .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")))
        .authorizeHttpRequests(a -> {
          // an async dispatch only finishes a request that was authorized when it started (an alert
          // stream that ends); a bearer token is not read again for it, so a rule would refuse it and
          // fail a response already sent (issue 13: an ERROR each time an alert page closed)
          a.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll();
          a.requestMatchers("/error").permitAll();
          a.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
          // from this machine or with the metrics token (issue 18); every other actuator path is denied below
          a.requestMatchers(HttpMethod.GET, MetricsScrapeFilter.PATH).access(MetricsScrapeFilter.admitted());
          // the one stylesheet of every page, public as the sign-in and transparency pages are
          a.requestMatchers(HttpMethod.GET, "/css/glassplate.css").permitAll();
          rules.forEach(r -> r.configure(a));
          a.anyRequest().denyAll();
        });
    for (SecurityCustomizer c : customizers) {
      c.customize(http);
    }
    return http.build();
  }

  /** The sharing feature's federation endpoint (issue 14), authenticated by an RFC 9421 signature alone. */
  private static final String FEDERATION_SEARCHES = "/api/v1/federation/searches";

  /** The audit feature's witness endpoint (issue 15): the log's signature on the checkpoint authenticates it. */
  private static final String WITNESS_ADD_CHECKPOINT = "/api/v1/witness/add-checkpoint";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "TRACE", "OPTIONS");

  /**
   * Whether a request needs the CSRF token (issue 12 item 9): every state-changing request, except an
   * API call that brings no session (a bearer token, which another site cannot make a browser send,
   * or a camera's credential), or none at all, which is refused as unauthenticated anyway. A
   * state-changing {@code /api/**} call that the session cookie authenticates needs the token, as a
   * form does; the page scripts send it in the {@code X-CSRF-TOKEN} header.
   */
  static boolean needsCsrfToken(HttpServletRequest request) {
    if (SAFE_METHODS.contains(request.getMethod())) {
      return false;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith("/api/")) {
      return true;
    }
    if (path.equals(FEDERATION_SEARCHES) || path.equals(WITNESS_ADD_CHECKPOINT)) {
      return false; // a partner node's signed query or a log's signed checkpoint: never a cookie
    }
    return request.getHeader(HttpHeaders.AUTHORIZATION) == null && request.getSession(false) != null;
  }

  /**
   * A 403. When a role rule refused an authenticated caller on a plate-data endpoint, the feature
   * that owns it records the refusal first; if it cannot, the answer is that failure instead (still
   * a refusal, never the data). A missing or wrong CSRF token is recorded by the feature that owns
   * sessions and answered with its own code. A browser asking for a page gets the refusal as a page
   * with its navigation bar, the API JSON.
   */
  private static void refused(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied,
      List<RoleRefusalAudit> roleRefusals, CsrfRefusalAudit csrfRefusals, ErrorStatuses statuses, RefusedPage page)
      throws IOException {
    Optional<Caller> caller = CallerAuthentication.current();
    if (denied instanceof CsrfException) {
      try {
        csrfRefusals.record(request, caller);
      } catch (Refusal e) {
        answer(request, response, statuses, page, e.refusalCode(), e.getMessage());
        return;
      } catch (RuntimeException e) {
        log.error("recording a CSRF refusal failed: {}", e.getClass().getName(), LogSafe.redact(e));
        answer(request, response, statuses, page, WebRefusal.INTERNAL,
            "the server failed; nothing was changed by this request");
        return;
      }
      answer(request, response, statuses, page, WebRefusal.CSRF_TOKEN_REQUIRED, RefusedPage.wanted(request)
          ? "the form was too old or came from elsewhere: open the page again and send it from there"
          : "this request comes with the session cookie, so it needs the CSRF token of the page it was made from:"
              + " send it in the X-CSRF-TOKEN header (or the _csrf form field); a script should use"
              + " 'Authorization: Bearer TOKEN' instead");
      return;
    }
    if (caller.isPresent() && denied instanceof AuthorizationDeniedException) {
      try {
        for (RoleRefusalAudit audit : roleRefusals) {
          if (audit.recordIfPlateData(request, caller.get())) {
            break;
          }
        }
      } catch (Refusal e) {
        answer(request, response, statuses, page, e.refusalCode(), e.getMessage());
        return;
      } catch (RuntimeException e) {
        log.error("recording a role refusal failed: {}", e.getClass().getName(), LogSafe.redact(e));
        answer(request, response, statuses, page, WebRefusal.INTERNAL,
            "the server failed; nothing was changed by this request");
        return;
      }
    }
    answer(request, response, statuses, page, CommonRefusal.FORBIDDEN, RefusedPage.wanted(request)
        ? "your roles do not open this page" : "your role does not allow this");
  }

  private static void answer(HttpServletRequest request, HttpServletResponse response, ErrorStatuses statuses,
      RefusedPage page, org.glassplate.server.core.RefusalCode code, String message) throws IOException {
    if (RefusedPage.wanted(request)) {
      page.render(request, response, statuses.of(code), code.code(), message);
    } else {
      BearerTokenFilter.writeError(response, statuses, code, message);
    }
  }

  @Bean
  EndpointRules noRules() {
    return a -> { };
  }

  @Bean
  SecurityCustomizer noCustomizer() {
    return http -> { };
  }
}
