package org.glassplate.server.reads.web;

import static org.glassplate.server.web.Access.anyRole;

import org.glassplate.server.web.EndpointRules;
import org.glassplate.server.core.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The role each endpoint of the reads feature needs. */
@Configuration
class ReadsEndpoints {

  @Bean
  EndpointRules readsRules() {
    return a -> a
        .requestMatchers(HttpMethod.POST, "/api/v1/reads", "/api/v1/reads/import", "/api/v1/ingest/openalpr").access(anyRole(Roles.CAMERA))
        .requestMatchers(HttpMethod.GET, "/api/v1/cameras").access(anyRole(Roles.ADMINISTRATOR, Roles.SUPERVISOR, Roles.AUDITOR))
        .requestMatchers(HttpMethod.POST, "/api/v1/cameras", "/api/v1/cameras/*/activation").access(anyRole(Roles.ADMINISTRATOR));
  }
}
