package org.glassplate.server.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * For the feature that owns people's sign-in (accounts) to add its session and form-login
 * mechanics to the one filter chain. Authorization rules go in {@link EndpointRules}, not here.
 */
@FunctionalInterface
public interface SecurityCustomizer {

  void customize(HttpSecurity http) throws Exception;
}
