package org.glassplate.server.audit.web;

import static org.glassplate.server.web.Access.anyRole;
import static org.glassplate.server.web.Access.publicAccess;

import org.glassplate.server.web.EndpointRules;
import org.glassplate.server.core.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The audit log is public, redacted (R-AUD-3); opening an entry's private part is for auditors.
 * The witness endpoints are public too (issue 15): a log's signature authenticates what it sends.
 */
@Configuration
class AuditEndpoints {

  @Bean
  EndpointRules auditRules() {
    return a -> a
        .requestMatchers(HttpMethod.GET, "/api/v1/audit/entries/*/opening").access(anyRole(Roles.AUDITOR))
        .requestMatchers(HttpMethod.GET, "/api/v1/audit/checkpoint", "/api/v1/audit/key", "/api/v1/audit/origins", "/api/v1/audit/tile/**",
            "/api/v1/audit/entries", "/api/v1/audit/proof/inclusion", "/api/v1/audit/proof/consistency")
        .access(publicAccess())
        .requestMatchers(HttpMethod.GET, "/api/v1/witness/key").access(publicAccess())
        .requestMatchers(HttpMethod.POST, "/api/v1/witness/add-checkpoint").access(publicAccess());
  }
}
