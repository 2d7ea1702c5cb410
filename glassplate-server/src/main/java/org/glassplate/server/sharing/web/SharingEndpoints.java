package org.glassplate.server.sharing.web;

import static org.glassplate.server.web.Access.publicAccess;

import org.glassplate.server.web.EndpointRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The agreements in force are public: no login (R-SHR-1, R-PUB-1). */
@Configuration
class SharingEndpoints {

  @Bean
  EndpointRules sharingRules() {
    return a -> a.requestMatchers(HttpMethod.GET, "/api/v1/sharing/agreements").access(publicAccess());
  }
}
