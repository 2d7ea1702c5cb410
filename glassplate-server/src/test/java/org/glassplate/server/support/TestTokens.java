package org.glassplate.server.support;

import java.util.Optional;
import java.util.Set;
import org.glassplate.server.web.BearerTokenAuthenticator;
import org.glassplate.server.web.Caller;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Test-only people, until the accounts feature issues real tokens: {@code gpt_ROLE[+ROLE]_ID}, e.g.
 * {@code gpt_OPERATOR_7} is user 7 with the operator role. Import it in a test's configuration.
 */
@TestConfiguration
public class TestTokens {

  public static String token(long id, String... roles) {
    return "gpt_" + String.join("+", roles) + "_" + id;
  }

  @Bean
  BearerTokenAuthenticator testTokenAuthenticator() {
    return new BearerTokenAuthenticator() {
      @Override
      public boolean supports(String token) {
        return token.startsWith("gpt_");
      }

      @Override
      public Optional<Caller> authenticate(String token, String sourceAddress) {
        String[] parts = token.substring(4).split("_");
        if (parts.length != 2) {
          return Optional.empty();
        }
        long id = Long.parseLong(parts[1]);
        return Optional.of(new Caller(Caller.Kind.USER, id, "user:" + id, Set.of(parts[0].split("\\+")),
            sourceAddress));
      }
    };
  }
}
