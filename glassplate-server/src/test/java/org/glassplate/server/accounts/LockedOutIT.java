package org.glassplate.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glassplate.server.accounts.AccountsTesting.username;
import static org.glassplate.server.accounts.WebSession.location;

import java.time.Duration;
import org.glassplate.server.core.Roles;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 13: a locked-out person is told they are locked and whom to ask, once they give their right
 * password; anyone else (a wrong password, or a username that does not exist) learns nothing of it.
 */
class LockedOutIT extends IntegrationTest {
  @Autowired
  AccountSeeder seeder;

  @Test
  void theRightPasswordOfALockedAccountIsToldItIsLockedAndWhomToAsk() {
    AccountSeeder.SeededUser u = seeder.seed(AccountSeeder.Spec.of(username("locked"), "Lee Locked", Roles.INVESTIGATOR));
    WebSession web = new WebSession(baseUrl());
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(1));
      assertThat(location(web.password(u.username(), "wrong password " + i))).isEqualTo("/login?error");
    }
    String generic = web.page("/login?error").body();
    assertThat(generic).contains("Sign-in failed").doesNotContain("Your account is locked");

    WebSession stranger = new WebSession(baseUrl());
    assertThat(location(stranger.password(u.username(), "still a wrong password"))).isEqualTo("/login?error");
    assertThat(stranger.page("/login?error").body()).as("a wrong password learns nothing of the lockout")
        .contains("Sign-in failed").doesNotContain("locked:");

    assertThat(location(web.password(u.username(), u.password()))).isEqualTo("/login?error");
    String told = web.page("/login?error").body();
    assertThat(told).contains("Your account is locked", "Only an administrator of", "ask one of your Glassplate administrators")
        .doesNotContain("Sign-in failed");
    assertThat(web.page("/login?error").body()).as("said once").doesNotContain("Your account is locked");
  }
}
