package org.glassplate.server.transparency.web;

import static org.glassplate.server.web.Access.publicAccess;

import org.glassplate.server.web.EndpointRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The transparency page is public: no login (R-PUB-1). */
@Configuration
class TransparencyEndpoints {

  @Bean
  EndpointRules transparencyRules() {
    return a -> a.requestMatchers(HttpMethod.GET, "/transparency", "/transparency.json", "/transparency/**")
        .access(publicAccess());
  }
}
