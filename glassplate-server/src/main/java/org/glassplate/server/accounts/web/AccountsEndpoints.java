package org.glassplate.server.accounts.web;

import static org.glassplate.server.web.Access.anyRole;
import static org.glassplate.server.web.Access.publicAccess;

import org.glassplate.server.web.EndpointRules;
import org.glassplate.server.core.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The role each endpoint of the accounts feature needs (deny by default for anything else). */
@Configuration
class AccountsEndpoints {
  static final String[] PEOPLE = {Roles.OPERATOR, Roles.INVESTIGATOR, Roles.SUPERVISOR, Roles.ADMINISTRATOR,
      Roles.AUDITOR};

  @Bean
  EndpointRules accountsRules() {
    return a -> a
        // sign-in: anyone (the TOTP page itself checks that the password step was passed)
        .requestMatchers(HttpMethod.GET, "/login", "/login/totp").access(publicAccess())
        .requestMatchers(HttpMethod.POST, "/login", "/login/totp", "/logout").access(publicAccess())
        // a signed-in person's own pages and data
        .requestMatchers(HttpMethod.GET, "/", "/account", "/api/v1/me", "/api/v1/me/clearance", "/api/v1/tokens")
        .access(anyRole(PEOPLE))
        .requestMatchers(HttpMethod.POST, "/account/tokens", "/account/tokens/*/revocation", "/account/password",
            "/api/v1/tokens").access(anyRole(PEOPLE))
        .requestMatchers(HttpMethod.DELETE, "/api/v1/tokens/*").access(anyRole(PEOPLE))
        // administration
        .requestMatchers(HttpMethod.GET, "/api/v1/accounts", "/api/v1/accounts/*", "/admin/accounts")
        .access(anyRole(Roles.ADMINISTRATOR))
        .requestMatchers(HttpMethod.POST, "/api/v1/accounts", "/api/v1/accounts/*/lockout-release",
            "/api/v1/accounts/*/credential-reset", "/admin/accounts", "/admin/accounts/*/roles",
            "/admin/accounts/*/enabled", "/admin/accounts/*/lockout-release", "/admin/accounts/*/training",
            "/admin/accounts/*/credential-reset")
        .access(anyRole(Roles.ADMINISTRATOR))
        .requestMatchers(HttpMethod.PUT, "/api/v1/accounts/*/roles").access(anyRole(Roles.ADMINISTRATOR))
        // privileged changes (R-ACC-7): a second administrator approves or rejects; whoever asked may withdraw
        .requestMatchers(HttpMethod.POST, "/api/v1/accounts/changes/*/approval", "/admin/accounts/changes/*/approval",
            "/admin/accounts/changes/*/rejection")
        .access(anyRole(Roles.ADMINISTRATOR))
        .requestMatchers(HttpMethod.POST, "/api/v1/accounts/changes/*/rejection")
        .access(anyRole(Roles.ADMINISTRATOR, Roles.SUPERVISOR))
        // supervisors re-enable accounts disabled for inactivity and record training (R-ACC-4)
        .requestMatchers(HttpMethod.POST, "/api/v1/accounts/*/enabled", "/api/v1/accounts/*/training")
        .access(anyRole(Roles.ADMINISTRATOR, Roles.SUPERVISOR));
  }
}
