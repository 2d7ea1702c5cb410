package org.glassplate.server.search.web;

import static org.glassplate.server.web.Access.anyRole;
import static org.glassplate.server.web.Access.publicAccess;

import org.glassplate.server.web.EndpointRules;
import org.glassplate.server.core.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Searching is for investigators (R-ACC-1); training is checked on each search (R-ACC-3). */
@Configuration
class SearchEndpoints {

  @Bean
  EndpointRules searchRules() {
    return a -> a
        .requestMatchers(HttpMethod.POST, "/api/v1/searches").access(anyRole(Roles.INVESTIGATOR))
        .requestMatchers(HttpMethod.GET, "/search").access(anyRole(Roles.INVESTIGATOR))
        .requestMatchers(HttpMethod.POST, "/search").access(anyRole(Roles.INVESTIGATOR))
        .requestMatchers(HttpMethod.GET, "/search/search.js").access(publicAccess());
  }
}
