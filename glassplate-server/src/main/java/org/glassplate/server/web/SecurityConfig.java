package org.glassplate.server.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter;

/**
 * Deny by default: an endpoint is reachable only when its feature names the role it needs in an
 * {@link EndpointRules} bean. Unauthenticated calls get 401 and refused ones 403, both in the error
 * shape of DESIGN.md.
 */
@Configuration
@EnableWebSecurity
class SecurityConfig {

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, List<EndpointRules> rules,
      List<BearerTokenAuthenticator> authenticators,
      List<SecurityCustomizer> customizers,
      @Value("${glassplate.http.max-body-bytes:2097152}") long maxBodyBytes) throws Exception {
    http
        .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(c -> c.disable())
        .addFilterBefore(new RequestSizeLimitFilter(maxBodyBytes), WebAsyncManagerIntegrationFilter.class)
        .addFilterBefore(new BearerTokenFilter(authenticators), AnonymousAuthenticationFilter.class)
        .exceptionHandling(e -> e
            .authenticationEntryPoint((req, res, ex) ->
                BearerTokenFilter.writeError(res, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHENTICATED",
                    "sign in or send 'Authorization: Bearer TOKEN'"))
            .accessDeniedHandler((req, res, ex) ->
                BearerTokenFilter.writeError(res, HttpServletResponse.SC_FORBIDDEN, "FORBIDDEN",
                    "your role does not allow this")))
        .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")))
        .authorizeHttpRequests(a -> {
          a.requestMatchers("/error").permitAll();
          a.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
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

  @Bean
  EndpointRules noRules() {
    return a -> { };
  }

  @Bean
  SecurityCustomizer noCustomizer() {
    return http -> { };
  }
}
