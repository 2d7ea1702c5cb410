package org.glassplate.server.oversight.web;

import static org.glassplate.server.web.Access.anyRole;

import org.glassplate.server.core.Roles;
import org.glassplate.server.web.EndpointRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The self-audit is the auditors' (R-GOV-3): running one and reading the runs with their detail. The
 * public sees when the last one ran and its status on the transparency page.
 */
@Configuration
class SelfAuditEndpoints {

  @Bean
  EndpointRules selfAuditRules() {
    return a -> a
        .requestMatchers(HttpMethod.POST, "/api/v1/oversight/self-audits", "/oversight/self-audits")
        .access(anyRole(Roles.AUDITOR))
        .requestMatchers(HttpMethod.GET, "/api/v1/oversight/self-audits", "/api/v1/oversight/self-audits/*",
            "/oversight/self-audits")
        .access(anyRole(Roles.AUDITOR));
  }
}
