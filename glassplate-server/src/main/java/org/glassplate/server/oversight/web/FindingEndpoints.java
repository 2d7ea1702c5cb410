package org.glassplate.server.oversight.web;

import static org.glassplate.server.web.Access.anyRole;

import org.glassplate.server.core.Roles;
import org.glassplate.server.web.EndpointRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Misuse findings, their API and their pages, are for auditors only (R-GOV-4). */
@Configuration
class FindingEndpoints {

  @Bean
  EndpointRules findingRules() {
    return a -> a
        .requestMatchers(HttpMethod.GET, "/api/v1/oversight/findings", "/api/v1/oversight/findings/*")
        .access(anyRole(Roles.AUDITOR))
        .requestMatchers(HttpMethod.POST, "/api/v1/oversight/findings/*/dismissal").access(anyRole(Roles.AUDITOR))
        .requestMatchers(HttpMethod.GET, FindingPages.PATH, FindingPages.PATH + "/*").access(anyRole(Roles.AUDITOR))
        .requestMatchers(HttpMethod.POST, FindingPages.PATH + "/*/dismissal").access(anyRole(Roles.AUDITOR));
  }
}
