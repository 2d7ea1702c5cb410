package org.glassplate.server.sharing.web;

import static org.glassplate.server.web.Access.anyRole;

import org.glassplate.server.core.Roles;
import org.glassplate.server.web.EndpointRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Written data requests (R-SHR-4): supervisors record, review and export them; supervisors and
 * auditors see them on file.
 */
@Configuration
class DataRequestEndpoints {

  @Bean
  EndpointRules dataRequestRules() {
    return a -> a
        .requestMatchers(HttpMethod.GET, "/api/v1/data-requests", "/api/v1/data-requests/*")
        .access(anyRole(Roles.SUPERVISOR, Roles.AUDITOR))
        .requestMatchers(HttpMethod.POST, "/api/v1/data-requests", "/api/v1/data-requests/*/approval",
            "/api/v1/data-requests/*/denial", "/api/v1/data-requests/*/export")
        .access(anyRole(Roles.SUPERVISOR));
  }
}
