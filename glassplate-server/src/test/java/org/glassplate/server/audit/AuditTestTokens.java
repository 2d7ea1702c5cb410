package org.glassplate.server.audit;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.glassplate.server.web.BearerTokenAuthenticator;
import org.glassplate.server.web.Caller;
import org.glassplate.server.web.Roles;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Test-only bearer tokens ({@code gpt_…}) for people with one role each, until accounts give tests
 * real users: {@code gpt_auditor} (user 901, AUDITOR) and {@code gpt_investigator} (user 902,
 * INVESTIGATOR).
 */
@TestConfiguration
public class AuditTestTokens {
  public static final String AUDITOR = "gpt_auditor";
  public static final String INVESTIGATOR = "gpt_investigator";

  private static final Map<String, Caller> CALLERS = Map.of(
      AUDITOR, new Caller(Caller.Kind.USER, 901, "user:901", Set.of(Roles.AUDITOR), null),
      INVESTIGATOR, new Caller(Caller.Kind.USER, 902, "user:902", Set.of(Roles.INVESTIGATOR), null));

  @Bean
  BearerTokenAuthenticator testTokens() {
    return new BearerTokenAuthenticator() {
      @Override
      public boolean supports(String token) {
        return token.startsWith("gpt_");
      }

      @Override
      public Optional<Caller> authenticate(String token, String sourceAddress) {
        Caller c = CALLERS.get(token);
        return c == null ? Optional.empty()
            : Optional.of(new Caller(c.kind(), c.id(), c.pseudonym(), c.roles(), sourceAddress));
      }
    };
  }
}
