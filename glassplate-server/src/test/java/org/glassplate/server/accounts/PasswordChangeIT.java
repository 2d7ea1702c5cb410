package org.glassplate.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glassplate.server.accounts.AccountsTesting.audit;
import static org.glassplate.server.accounts.AccountsTesting.username;
import static org.glassplate.server.accounts.WebSession.location;

import java.time.Duration;
import java.util.Map;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Roles;
import org.glassplate.server.hotlist.AlertStream;
import org.glassplate.server.support.EventStream;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A password change ends the person's other sessions (and the alert streams opened with them) and
 * revokes their API tokens; wrong current passwords count towards the lockout, which ends every
 * session and is checked at every token use (issue 12 items 4 and 8; R-ACC-5, R-ACC-7).
 */
class PasswordChangeIT extends IntegrationTest {
  @Autowired
  AccountSeeder seeder;
  @Autowired
  Accounts accounts;
  @Autowired
  AlertStream alertStream;

  private WebSession signedIn(AccountSeeder.SeededUser u) {
    WebSession web = new WebSession(baseUrl());
    assertThat(location(web.signIn(u.username(), u.password(), u.totpSecret(), clock.instant()))).isEqualTo("/");
    return web;
  }

  @Test
  void aPasswordChangeEndsTheOtherSessionsAndTheirStreamsAndRevokesTheTokens() throws Exception {
    AccountSeeder.SeededUser u = seeder.seed(AccountSeeder.Spec.of(username("changer"), "Cha Changer", Roles.OPERATOR));
    WebSession other = signedIn(u);
    clock.advance(Duration.ofSeconds(60)); // a new TOTP code for the second sign-in
    WebSession here = signedIn(u);
    try (var paused = clock.pauseJobs(); EventStream stream = EventStream.open(baseUrl() + "/api/v1/alerts/stream",
        Map.of("Cookie", "JSESSIONID=" + other.sessionId()))) {
      assertThat(alertStream.openStreams(u.id())).isEqualTo(1);
      here.page("/account");

      Answer changed = here.form("/account/password", Map.of("currentPassword", u.password(),
          "newPassword", "a much longer new passphrase 8"));

      assertThat(changed.body()).contains("id=\"password-changed\"");
      assertThat(here.page("/").status()).as("the session that changed it stays").isEqualTo(200);
      assertThat(location(other.page("/"))).as("the other session ended").isEqualTo("/login");
      assertThat(alertStream.openStreams(u.id())).as("and the stream opened with it").isZero();
      assertThat(stream.awaitEnd()).isTrue();
      assertThat(stream.data("ended")).singleElement().asString().contains("SESSION_ENDED");
      assertThat(get("/api/v1/me", u.apiToken()).status()).as("the API token is revoked").isEqualTo(401);
      assertThat(audit(jdbc, AuditEventTypes.SESSION_ENDED, u.id())).singleElement()
          .satisfies(e -> assertThat(e.path("reasonCode").stringValue()).isEqualTo("PASSWORD_CHANGED"));
      assertThat(audit(jdbc, AuditEventTypes.PASSWORD_CHANGED, u.id())).singleElement().satisfies(e -> {
        assertThat(e.path("tokensRevoked").intValue()).isEqualTo(1);
        assertThat(e.path("sessionsEnded").intValue()).isEqualTo(1);
      });
    }
  }

  @Test
  void wrongCurrentPasswordsCountTowardsTheLockoutWhichEndsTheSessionAndTheTokens() {
    AccountSeeder.SeededUser u = seeder.seed(AccountSeeder.Spec.of(username("guesser"), "Gue Guesser",
        Roles.INVESTIGATOR));
    WebSession web = signedIn(u);
    web.page("/account");
    for (int i = 0; i < 4; i++) {
      Answer wrong = web.form("/account/password", Map.of("currentPassword", "a guess " + i,
          "newPassword", "a much longer new passphrase 9"));
      assertThat(wrong.body()).contains("id=\"refusal\"", "current password is not right");
    }
    assertThat(accounts.find(u.id()).orElseThrow().locked()).isFalse();

    web.form("/account/password", Map.of("currentPassword", "a guess 4", "newPassword", "a much longer new passphrase 9"));

    assertThat(accounts.find(u.id()).orElseThrow().locked()).as("the fifth wrong password locks").isTrue();
    assertThat(sessionsOf(u.id())).as("its sessions are gone from the store at once").isZero();
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_LOCKED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.path("failures").intValue()).isEqualTo(5));
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_CHANGE_REFUSED, u.id())).hasSize(5)
        .allSatisfy(e -> assertThat(e.path("reasonCode").stringValue()).isEqualTo("WRONG_CURRENT_PASSWORD"));
    assertThat(location(web.page("/"))).as("the session ended with the lock").isEqualTo("/login");
    assertThat(audit(jdbc, AuditEventTypes.SESSION_ENDED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.path("reasonCode").stringValue()).isEqualTo("ACCOUNT_DISABLED_OR_LOCKED"));
    assertThat(get("/api/v1/me", u.apiToken()).status()).as("the lockout is checked at token use").isEqualTo(401);
    assertThat(audit(jdbc, AuditEventTypes.API_TOKEN_REFUSED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.path("reasonCode").stringValue()).isEqualTo("ACCOUNT_LOCKED"));
  }

  private long sessionsOf(long accountId) {
    return jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :p").param("p", "user:" + accountId)
        .query(Long.class).single();
  }

  @Test
  void disablingOrResettingAPersonDeletesTheirSessionsAtOnce() {
    AccountSeeder.SeededUser admin = seeder.seed(AccountSeeder.Spec.of(username("admin"), "Ad Min", Roles.ADMINISTRATOR));
    AccountSeeder.SeededUser disabled = seeder.seed(AccountSeeder.Spec.of(username("gone"), "Gon E", Roles.INVESTIGATOR));
    AccountSeeder.SeededUser reset = seeder.seed(AccountSeeder.Spec.of(username("reset"), "Re Set", Roles.INVESTIGATOR));
    signedIn(disabled);
    signedIn(reset);
    assertThat(sessionsOf(disabled.id())).isEqualTo(1);
    assertThat(sessionsOf(reset.id())).isEqualTo(1);

    assertThat(post("/api/v1/accounts/" + disabled.id() + "/enabled", admin.apiToken(), "{\"enabled\":false}").status())
        .isEqualTo(200);
    assertThat(post("/api/v1/accounts/" + reset.id() + "/credential-reset", admin.apiToken(),
        "{\"password\":\"violet harbour engine 77\"}").status()).isEqualTo(200);

    assertThat(sessionsOf(disabled.id())).as("deleted before the disabling answered, not at the next request").isZero();
    assertThat(sessionsOf(reset.id())).isZero();
    assertThat(audit(jdbc, AuditEventTypes.SESSION_ENDED, disabled.id())).singleElement()
        .satisfies(e -> assertThat(e.path("reasonCode").stringValue()).isEqualTo("ACCOUNT_DISABLED_OR_LOCKED"));
    assertThat(audit(jdbc, AuditEventTypes.SESSION_ENDED, reset.id())).singleElement()
        .satisfies(e -> assertThat(e.path("reasonCode").stringValue()).isEqualTo("CREDENTIALS_RESET"));
  }
}
