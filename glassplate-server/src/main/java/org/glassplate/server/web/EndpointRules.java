package org.glassplate.server.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Each feature states the role every one of its endpoints needs by contributing one of these;
 * whatever no feature names is denied (deny by default).
 */
@FunctionalInterface
public interface EndpointRules {

  void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
