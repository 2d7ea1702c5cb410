package org.glassplate.server.policy.web;

import static org.glassplate.server.web.Access.anyRole;
import static org.glassplate.server.web.Access.publicAccess;

import org.glassplate.server.web.EndpointRules;
import org.glassplate.server.core.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The policy in force is public (R-GOV-1); proposing and approving are for administrators (R-GOV-2). */
@Configuration
class PolicyEndpoints {

  @Bean
  EndpointRules policyRules() {
    return a -> a
        .requestMatchers(HttpMethod.GET, "/api/v1/policy", "/api/v1/policy/versions", "/api/v1/policy/versions/*")
        .access(publicAccess())
        .requestMatchers(HttpMethod.GET, "/api/v1/policy/proposals", "/api/v1/policy/proposals/*")
        .access(anyRole(Roles.ADMINISTRATOR))
        .requestMatchers(HttpMethod.POST, "/api/v1/policy/proposals", "/api/v1/policy/proposals/*/approvals")
        .access(anyRole(Roles.ADMINISTRATOR))
        .requestMatchers(HttpMethod.GET, "/admin/policy").access(anyRole(Roles.ADMINISTRATOR))
        .requestMatchers(HttpMethod.POST, "/admin/policy/proposals", "/admin/policy/proposals/*/approval")
        .access(anyRole(Roles.ADMINISTRATOR));
  }
}
