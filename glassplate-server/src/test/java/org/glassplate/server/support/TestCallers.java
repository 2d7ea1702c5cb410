package org.glassplate.server.support;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.glassplate.server.web.BearerTokenAuthenticator;
import org.glassplate.server.core.Caller;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Test-only bearer tokens {@code gpt_<id>_<ROLE>[-<ROLE>...]} that stand for a person with those
 * roles, for features tested without the accounts feature's sign-in. Never on the main classpath.
 */
@TestConfiguration
public class TestCallers {
  public static final String PREFIX = "gpt_";

  /** A token for person {@code id} holding {@code roles}. */
  public static String token(long id, String... roles) {
    return PREFIX + id + "_" + String.join("-", roles);
  }

  @Bean
  BearerTokenAuthenticator testCallerTokens() {
    return new BearerTokenAuthenticator() {
      @Override
      public boolean supports(String token) {
        return token.startsWith(PREFIX);
      }

      @Override
      public Optional<Caller> authenticate(String token, String sourceAddress) {
        String[] parts = token.substring(PREFIX.length()).split("_", 2);
        if (parts.length != 2 || !parts[0].matches("\\d{1,9}")) {
          return Optional.empty();
        }
        Set<String> roles = Arrays.stream(parts[1].split("-")).filter(r -> !r.isEmpty()).collect(Collectors.toSet());
        long id = Long.parseLong(parts[0]);
        return Optional.of(new Caller(Caller.Kind.USER, id, "user:" + id, roles, sourceAddress));
      }
    };
  }
}
