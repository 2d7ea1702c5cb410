package org.glassplate.server.hotlist.web;

import static org.glassplate.server.web.Access.anyRole;
import static org.glassplate.server.web.Access.publicAccess;

import org.glassplate.server.web.EndpointRules;
import org.glassplate.server.core.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The role each endpoint of the hot-list feature needs. */
@Configuration
class HotlistEndpoints {

  @Bean
  EndpointRules hotlistRules() {
    return a -> a
        .requestMatchers(HttpMethod.POST, "/api/v1/hotlists").access(anyRole(Roles.SUPERVISOR, Roles.ADMINISTRATOR))
        .requestMatchers(HttpMethod.GET, "/api/v1/hotlists", "/api/v1/hotlists/*", "/api/v1/hotlists/*/entries")
        .access(anyRole(Roles.SUPERVISOR, Roles.ADMINISTRATOR))
        // anyone who works with alerts may propose a local entry; a supervisor approves it
        .requestMatchers(HttpMethod.POST, "/api/v1/hotlists/*/entries")
        .access(anyRole(Roles.OPERATOR, Roles.INVESTIGATOR, Roles.SUPERVISOR, Roles.ADMINISTRATOR))
        .requestMatchers(HttpMethod.POST, "/api/v1/hotlists/*/entries/*/approval", "/api/v1/hotlists/*/entries/*/refusal")
        .access(anyRole(Roles.SUPERVISOR))
        // an import into a state or NCIC list takes effect when a second person, a supervisor, approves it
        .requestMatchers(HttpMethod.POST, "/api/v1/hotlists/*/imports/*/approval", "/api/v1/hotlists/*/imports/*/refusal")
        .access(anyRole(Roles.SUPERVISOR))
        .requestMatchers(HttpMethod.DELETE, "/api/v1/hotlists/*/entries/*")
        .access(anyRole(Roles.SUPERVISOR, Roles.ADMINISTRATOR))
        .requestMatchers("/api/v1/hotlists/*/imports", "/api/v1/hotlists/*/imports/**")
        .access(anyRole(Roles.SUPERVISOR, Roles.ADMINISTRATOR))
        .requestMatchers(HttpMethod.GET, "/hotlists/import").access(anyRole(Roles.SUPERVISOR, Roles.ADMINISTRATOR))
        // the supervisors' page: what waits for a second person, approved or refused by a form (session and CSRF)
        .requestMatchers(HttpMethod.GET, "/hotlists").access(anyRole(Roles.SUPERVISOR))
        .requestMatchers(HttpMethod.POST, "/hotlists/*/entries/*/approval", "/hotlists/*/entries/*/refusal",
            "/hotlists/*/imports/*/approval", "/hotlists/*/imports/*/refusal").access(anyRole(Roles.SUPERVISOR))
        .requestMatchers(HttpMethod.GET, "/api/v1/alerts/accuracy")
        .access(anyRole(Roles.OPERATOR, Roles.SUPERVISOR, Roles.ADMINISTRATOR, Roles.AUDITOR))
        .requestMatchers(HttpMethod.GET, "/api/v1/alerts", "/api/v1/alerts/stream", "/api/v1/alerts/*")
        .access(anyRole(Roles.OPERATOR))
        .requestMatchers(HttpMethod.POST, "/api/v1/alerts/*/verification").access(anyRole(Roles.OPERATOR, Roles.SUPERVISOR))
        .requestMatchers(HttpMethod.GET, "/operator", "/operator/alerts").access(anyRole(Roles.OPERATOR))
        .requestMatchers(HttpMethod.POST, "/operator/alerts/*/verification").access(anyRole(Roles.OPERATOR))
        .requestMatchers(HttpMethod.GET, "/hotlist/operator.js", "/hotlist/import.js", "/hotlist/sample.csv")
        .access(publicAccess());
  }
}
