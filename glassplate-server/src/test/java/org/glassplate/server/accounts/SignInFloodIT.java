package org.glassplate.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glassplate.server.accounts.AccountsTesting.audit;
import static org.glassplate.server.accounts.AccountsTesting.username;
import static org.glassplate.server.accounts.WebSession.location;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Roles;
import org.glassplate.server.support.FromAddress;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Sign-in and flood resistance (issue 12 item 8; R-ACC-5): an address that fails too often is held
 * back (429, Retry-After) before any password or token is checked; failures within a minute are one
 * audit entry with their count; password hashing never runs more than its permits at once (503); an
 * idle account is disabled at its own next sign-in or token use.
 */
class SignInFloodIT extends IntegrationTest {
  @Autowired
  AccountSeeder seeder;
  @Autowired
  Accounts accounts;
  @Autowired
  Passwords passwords;

  private AccountSeeder.SeededUser person(String... roles) {
    return seeder.seed(AccountSeeder.Spec.of(username("flood"), "Flo Flood", roles.length == 0
        ? new String[] {Roles.INVESTIGATOR} : roles));
  }

  /** The public entries of a type recorded for this source address (a private field, kept beside the entry). */
  private List<JsonNode> fromAddress(AuditEventType type, String address) {
    return jdbc.sql("SELECT convert_from(entry, 'UTF8') FROM " + org.glassplate.server.support.AuditEntries.ALL
            + " WHERE type_code = :c AND private_fields::jsonb ->> 'sourceAddress' = :a ORDER BY id")
        .param("c", type.code()).param("a", address).query(String.class).list().stream().map(JSON::readTree).toList();
  }

  @Test
  void anAddressThatFailsTooOftenIsHeldBackBeforeAnyTokenOrPasswordIsChecked() {
    AccountSeeder.SeededUser u = person();
    FromAddress flooder = new FromAddress("127.0.0.2", port);
    for (int i = 0; i < 30; i++) {
      FromAddress.Answer refused = flooder.get("/api/v1/me", Map.of("Authorization", "Bearer gpu_not-a-token-" + i));
      assertThat(refused.status()).as("attempt %d", i).isEqualTo(401);
    }

    FromAddress.Answer held = flooder.get("/api/v1/me", Map.of("Authorization", "Bearer " + u.apiToken()));

    assertThat(held.status()).as("even a good token waits: nothing is checked").isEqualTo(429);
    assertThat(Long.parseLong(held.headers().get("retry-after"))).isBetween(1L, 60L);
    assertThat(JSON.readTree(held.body()).path("error").path("code").stringValue()).isEqualTo("TOO_MANY_FAILURES");
    flooder.get("/login", Map.of("Accept", "text/html"));
    FromAddress.Answer signIn = flooder.form("/login", Map.of("username", u.username(), "password", u.password()));
    assertThat(signIn.status()).as("sign-ins from the address wait too").isEqualTo(429);
    assertThat(signIn.headers()).containsKey("retry-after");
    assertThat(signIn.body()).contains("id=\"refusal\"", "TOO_MANY_FAILURES");
    assertThat(audit(jdbc, AuditEventTypes.SIGN_IN_FAILED, u.id())).as("the password was not even looked at").isEmpty();
    assertThat(get("/api/v1/me", u.apiToken()).status()).as("another address is not held back").isEqualTo(200);
    assertThat(fromAddress(AuditEventTypes.CREDENTIALS_HELD_BACK, "127.0.0.2")).as("held back, on the record")
        .singleElement().satisfies(e -> assertThat(e.path("reasonCode").stringValue()).isEqualTo("TOO_MANY_FAILURES"));
    assertThat(fromAddress(AuditEventTypes.API_TOKEN_REFUSED, "127.0.0.2")).as("the first refusal at once, the rest counted")
        .hasSize(1);

    clock.advance(Duration.ofSeconds(61));
    assertThat(flooder.get("/api/v1/me", Map.of("Authorization", "Bearer gpu_not-a-token-again")).status())
        .as("the minute is over: checked again").isEqualTo(401);

    assertThat(fromAddress(AuditEventTypes.API_TOKEN_REFUSED, "127.0.0.2")).hasSize(3)
        .element(1).satisfies(e -> {
          assertThat(e.path("repeats").intValue()).as("the other 29 of the minute, in one entry").isEqualTo(29);
          assertThat(e.path("reasonCode").stringValue()).isEqualTo("UNKNOWN_TOKEN");
        });
  }

  @Test
  void failedSignInsWithinAMinuteAreOneEntryWithTheirCountAndEachCountsTowardsTheLockout() {
    AccountSeeder.SeededUser u = person();
    WebSession web = new WebSession(baseUrl());
    for (int i = 0; i < 4; i++) {
      assertThat(location(web.password(u.username(), "wrong password " + i))).isEqualTo("/login?error");
    }
    assertThat(audit(jdbc, AuditEventTypes.SIGN_IN_FAILED, u.id())).hasSize(1);

    clock.advance(Duration.ofSeconds(61));
    web.password(u.username(), "wrong password 4");

    List<JsonNode> failed = audit(jdbc, AuditEventTypes.SIGN_IN_FAILED, u.id());
    assertThat(failed).hasSize(3);
    assertThat(failed.get(1).path("repeats").intValue()).isEqualTo(3);
    assertThat(failed.get(1).path("reasonCode").stringValue()).isEqualTo("BAD_PASSWORD");
    assertThat(failed.get(2).has("repeats")).isFalse();
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_LOCKED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.path("failures").intValue()).isEqualTo(5));
  }

  @Test
  void aSignInIsAnswered503WhenNoPasswordCheckCanStartAndTheRefusalIsAudited() throws Exception {
    AccountSeeder.SeededUser u = person();
    WebSession web = new WebSession(baseUrl());
    web.page("/login");
    int permits = passwords.permits().availablePermits();
    passwords.permits().acquire(permits); // as many sign-ins as may hash at once are hashing
    Answer busy;
    try {
      busy = web.form("/login", Map.of("username", u.username(), "password", u.password()));
    } finally {
      passwords.permits().release(permits);
    }

    assertThat(busy.status()).isEqualTo(503);
    assertThat(busy.headers().firstValue("Retry-After")).isPresent();
    assertThat(busy.body()).contains("PASSWORD_CHECKS_BUSY");
    assertThat(audit(jdbc, AuditEventTypes.SIGN_IN_FAILED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.path("reasonCode").stringValue()).isEqualTo("PASSWORD_CHECKS_BUSY"));
    assertThat(location(web.signIn(u.username(), u.password(), u.totpSecret(), clock.instant())))
        .as("free again").isEqualTo("/");
  }

  @Test
  void anIdleAccountIsDisabledAtItsOwnNextSignInNotAtTheNextHourlyRun() {
    AccountSeeder.SeededUser u = person();
    clock.advance(Duration.ofDays(91)); // scheduled jobs, the inactivity run among them, wait meanwhile

    Answer refused = new WebSession(baseUrl()).password(u.username(), u.password());

    assertThat(location(refused)).isEqualTo("/login?error");
    assertThat(accounts.find(u.id()).orElseThrow().enabled()).isFalse();
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_DISABLED, u.id())).singleElement().satisfies(e -> {
      assertThat(e.path("actor").stringValue()).isEqualTo("system");
      assertThat(e.path("disabledReason").stringValue()).isEqualTo("INACTIVITY");
    });
    assertThat(audit(jdbc, AuditEventTypes.SIGN_IN_FAILED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.path("reasonCode").stringValue()).isEqualTo("ACCOUNT_INACTIVE"));
  }

  @Test
  void anIdleAccountIsDisabledAtItsOwnNextTokenUse() {
    AccountSeeder.SeededUser u = person();
    WebSession web = new WebSession(baseUrl());
    assertThat(location(web.signIn(u.username(), u.password(), u.totpSecret(), clock.instant()))).isEqualTo("/");
    clock.advance(Duration.ofMinutes(20));
    web.page("/account");
    Answer made = web.json("POST", "/api/v1/tokens", "{\"name\":\"nightly\",\"days\":90}");
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    String token = made.json().path("token").stringValue();

    // 90 days and 10 minutes after the sign-in: the token still has 10 minutes, the account is idle
    clock.advance(Duration.ofDays(90).minusMinutes(10));
    Answer refused = get("/api/v1/me", token);

    assertThat(refused.status()).isEqualTo(401);
    assertThat(accounts.find(u.id()).orElseThrow().enabled()).isFalse();
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_DISABLED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.path("disabledReason").stringValue()).isEqualTo("INACTIVITY"));
    assertThat(audit(jdbc, AuditEventTypes.API_TOKEN_REFUSED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.path("reasonCode").stringValue()).isEqualTo("ACCOUNT_INACTIVE"));
  }
}
