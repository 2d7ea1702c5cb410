package org.glassplate.server.sharing.web;

import static org.glassplate.server.web.Access.publicAccess;

import org.glassplate.server.sharing.FederationRequests;
import org.glassplate.server.web.EndpointRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The agreements in force and this node's federation key are public: no login (R-SHR-1, R-PUB-1). A
 * partner node's query needs no session nor token: its RFC 9421 signature, checked against the
 * agreement's key before anything else, is its authentication (issue 14).
 */
@Configuration
class SharingEndpoints {

  @Bean
  EndpointRules sharingRules() {
    return a -> a.requestMatchers(HttpMethod.GET, "/api/v1/sharing/agreements").access(publicAccess())
        .requestMatchers(HttpMethod.GET, "/api/v1/sharing/key").access(publicAccess())
        .requestMatchers(HttpMethod.POST, FederationRequests.PATH).access(publicAccess());
  }
}
