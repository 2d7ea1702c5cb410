package org.glassplate.server.retention.web;

import static org.glassplate.server.web.Access.anyRole;
import static org.glassplate.server.web.Access.publicAccess;

import org.glassplate.server.web.EndpointRules;
import org.glassplate.server.core.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The role each endpoint of the retention feature needs. */
@Configuration
class RetentionEndpoints {

  @Bean
  EndpointRules retentionRules() {
    return a -> a
        .requestMatchers(HttpMethod.POST, "/api/v1/legal-holds", "/api/v1/retention-extensions")
        .access(anyRole(Roles.INVESTIGATOR, Roles.SUPERVISOR))
        .requestMatchers(HttpMethod.POST, "/api/v1/legal-holds/*/approval", "/api/v1/retention-extensions/*/approval",
            "/api/v1/legal-holds/*/end", "/api/v1/retention-extensions/*/end",
            "/api/v1/legal-holds/*/refusal", "/api/v1/retention-extensions/*/refusal")
        .access(anyRole(Roles.SUPERVISOR))
        .requestMatchers(HttpMethod.GET, "/api/v1/legal-holds", "/api/v1/retention-extensions",
            "/api/v1/retention/purges")
        .access(anyRole(Roles.AUDITOR, Roles.SUPERVISOR))
        .requestMatchers(HttpMethod.GET, "/api/v1/retention").access(publicAccess())
        // the browser pages over the same service (session and CSRF)
        .requestMatchers(HttpMethod.POST, "/holds").access(anyRole(Roles.INVESTIGATOR, Roles.SUPERVISOR))
        .requestMatchers(HttpMethod.GET, "/holds").access(anyRole(Roles.AUDITOR, Roles.SUPERVISOR))
        // an investigator's own requests and their state
        .requestMatchers(HttpMethod.GET, "/holds/mine").access(anyRole(Roles.INVESTIGATOR, Roles.SUPERVISOR))
        // the reads a hold keeps: plate data, the view audited
        .requestMatchers(HttpMethod.GET, "/holds/*").access(anyRole(Roles.AUDITOR, Roles.SUPERVISOR))
        .requestMatchers(HttpMethod.POST, "/holds/*/approval", "/holds/*/end", "/holds/*/refusal")
        .access(anyRole(Roles.SUPERVISOR));
  }
}
