package org.glassplate.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glassplate.server.accounts.AccountsTesting.audit;
import static org.glassplate.server.accounts.AccountsTesting.username;
import static org.glassplate.server.accounts.WebSession.location;

import java.time.Duration;
import java.util.Map;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.core.Roles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The browser sign-in over plain HTTP (R-ACC-2, R-ACC-5): password, TOTP, lockout, session limits, CSRF. */
class SignInIT extends IntegrationTest {
  @Autowired
  AccountSeeder seeder;

  @Autowired
  Accounts accounts;

  private AccountSeeder.SeededUser person(String... roles) {
    return seeder.seed(AccountSeeder.Spec.of(username("signin"), "Sam Signin", roles.length == 0
        ? new String[] {Roles.INVESTIGATOR} : roles));
  }

  private WebSession signedIn(AccountSeeder.SeededUser u) {
    WebSession web = new WebSession(baseUrl());
    Answer done = web.signIn(u.username(), u.password(), u.totpSecret(), clock.instant());
    assertThat(location(done)).isEqualTo("/");
    return web;
  }

  @Test
  void passwordThenTotpLandsOnTheHomePage() {
    AccountSeeder.SeededUser u = person();
    WebSession web = new WebSession(baseUrl());

    Answer afterPassword = web.password(u.username(), u.password());
    assertThat(location(afterPassword)).isEqualTo("/login/totp");
    assertThat(web.page("/").status()).as("the password alone reaches nothing").isEqualTo(302);

    Answer afterTotp = web.totp(Totp.code(u.totpSecret(), Totp.step(clock.instant())));
    assertThat(location(afterTotp)).isEqualTo("/");
    Answer home = web.page("/");
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.body()).contains("Signed in as <strong>Sam Signin</strong>");
    assertThat(web.json("GET", "/api/v1/me", null).json().get("id").asLong()).isEqualTo(u.id());
    assertThat(accounts.find(u.id()).orElseThrow().lastSignInAt()).isNotNull();
    JsonNode entry = audit(jdbc, AuditEventTypes.SIGN_IN_SUCCEEDED, u.id()).get(0);
    assertThat(entry.get("actor").asString()).isEqualTo("user:" + u.id());
    assertThat(entry.get("outcome").asString()).isEqualTo("SUCCESS");
  }

  @Test
  void aWrongTotpDoesNotSignIn() {
    AccountSeeder.SeededUser u = person();
    WebSession web = new WebSession(baseUrl());
    web.password(u.username(), u.password());
    String right = Totp.code(u.totpSecret(), Totp.step(clock.instant()));
    String wrong = right.equals("000000") ? "000001" : "000000";

    Answer answer = web.totp(wrong);

    assertThat(location(answer)).isEqualTo("/login/totp?error");
    assertThat(web.page("/").status()).isEqualTo(302);
    assertThat(web.json("GET", "/api/v1/me", null).status()).isEqualTo(401);
    assertThat(audit(jdbc, AuditEventTypes.SIGN_IN_FAILED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.get("reasonCode").asString()).isEqualTo("BAD_TOTP"));
    assertThat(audit(jdbc, AuditEventTypes.SIGN_IN_SUCCEEDED, u.id())).isEmpty();
  }

  @Test
  void aTotpCodeCannotBeUsedTwice() {
    AccountSeeder.SeededUser u = person();
    java.time.Instant at = clock.instant(); // one code: a second read of the clock may fall in the next 30 s step
    assertThat(location(new WebSession(baseUrl()).signIn(u.username(), u.password(), u.totpSecret(), at)))
        .isEqualTo("/");

    WebSession again = new WebSession(baseUrl());
    Answer reused = again.signIn(u.username(), u.password(), u.totpSecret(), at);

    assertThat(location(reused)).isEqualTo("/login/totp?error");
    assertThat(audit(jdbc, AuditEventTypes.SIGN_IN_FAILED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.get("reasonCode").asString()).isEqualTo("REUSED_TOTP"));
  }

  @Test
  void theSixthFailedSignInWithinFifteenMinutesIsRefusedEvenWithTheRightPasswordUntilReleased() {
    AccountSeeder.SeededUser u = person();
    AccountSeeder.SeededUser admin = person(Roles.ADMINISTRATOR);
    WebSession web = new WebSession(baseUrl());
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(2));
      assertThat(location(web.password(u.username(), "wrong password " + i))).isEqualTo("/login?error");
    }
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_LOCKED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.get("failures").asInt()).isEqualTo(5));
    assertThat(accounts.find(u.id()).orElseThrow().locked()).isTrue();

    clock.advance(Duration.ofMinutes(1));
    Answer sixth = web.password(u.username(), u.password());

    assertThat(location(sixth)).isEqualTo("/login?error");
    assertThat(audit(jdbc, AuditEventTypes.SIGN_IN_FAILED, u.id())).last()
        .satisfies(e -> assertThat(e.get("reasonCode").asString()).isEqualTo("ACCOUNT_LOCKED"));
    clock.advance(Duration.ofHours(2));
    assertThat(location(new WebSession(baseUrl()).password(u.username(), u.password())))
        .as("still locked hours later").isEqualTo("/login?error");

    Answer released = post("/api/v1/accounts/" + u.id() + "/lockout-release", admin.apiToken(), "{}");

    assertThat(released.status()).isEqualTo(200);
    assertThat(released.json().get("locked").asBoolean()).isFalse();
    assertThat(audit(jdbc, AuditEventTypes.LOCKOUT_RELEASED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.get("actor").asString()).isEqualTo("user:" + admin.id()));
    assertThat(location(new WebSession(baseUrl()).signIn(u.username(), u.password(), u.totpSecret(),
        clock.instant()))).isEqualTo("/");
  }

  @Test
  void failuresSpreadOverMoreThanFifteenMinutesDoNotLock() {
    AccountSeeder.SeededUser u = person();
    WebSession web = new WebSession(baseUrl());
    for (int i = 0; i < 8; i++) {
      clock.advance(Duration.ofMinutes(4));
      web.password(u.username(), "wrong password " + i);
    }

    assertThat(accounts.find(u.id()).orElseThrow().locked()).isFalse();
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_LOCKED, u.id())).isEmpty();
    assertThat(audit(jdbc, AuditEventTypes.SIGN_IN_FAILED, u.id())).hasSize(8);
  }

  @Test
  void wrongTotpCodesCountTowardsTheLockout() {
    AccountSeeder.SeededUser u = person();
    WebSession web = new WebSession(baseUrl());
    web.password(u.username(), u.password());
    String right = Totp.code(u.totpSecret(), Totp.step(clock.instant()));
    for (int i = 0; i < 5; i++) {
      web.totp(right.equals("00000" + i) ? "99999" + i : "00000" + i);
    }

    assertThat(accounts.find(u.id()).orElseThrow().locked()).isTrue();
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_LOCKED, u.id())).hasSize(1);
  }

  @Test
  void theFirstSignInEnrollsAnAuthenticatorShowingItsQrCodeAndSecretOnce() {
    AccountSeeder.SeededUser admin = person(Roles.ADMINISTRATOR);
    String name = username("newcomer");
    Answer created = post("/api/v1/accounts", admin.apiToken(), """
        {"username":"%s","displayName":"New Comer","password":"correct horse battery staple 42","roles":["OPERATOR"]}
        """.formatted(name));
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    WebSession web = new WebSession(baseUrl());
    assertThat(location(web.password(name, "correct horse battery staple 42"))).isEqualTo("/login/totp");

    Answer enrollment = web.page("/login/totp");
    String secret = web.enrollmentSecret();
    assertThat(enrollment.body()).contains("<img id=\"qr\"", "src=\"data:image/svg+xml;base64,");
    assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
    assertThat(enrollment.headers().firstValue("Cache-Control").orElse("")).contains("no-store");

    Answer done = web.form("/login/totp", Map.of("code", Totp.code(secret, Totp.step(clock.instant()))));

    assertThat(location(done)).isEqualTo("/");
    assertThat(audit(jdbc, AuditEventTypes.MFA_ENROLLED, id)).hasSize(1);
    assertThat(audit(jdbc, AuditEventTypes.SIGN_IN_SUCCEEDED, id)).hasSize(1);
    clock.advance(Duration.ofSeconds(60));
    WebSession later = new WebSession(baseUrl());
    later.password(name, "correct horse battery staple 42");
    assertThat(later.page("/login/totp").body()).as("the secret is not shown again").doesNotContain(secret)
        .doesNotContain("totp-secret");
    assertThat(location(later.form("/login/totp", Map.of("code", Totp.code(secret, Totp.step(clock.instant()))))))
        .isEqualTo("/");
  }

  @Test
  void pagesSendStrangersToTheSignInPageAndTheApiAnswers401() {
    WebSession web = new WebSession(baseUrl());

    assertThat(location(web.page("/"))).isEqualTo("/login");
    assertThat(location(web.page("/admin/accounts"))).isEqualTo("/login");
    Answer api = web.json("GET", "/api/v1/me", null);
    assertThat(api.status()).isEqualTo(401);
    assertThat(api.json().get("error").get("code").asString()).isEqualTo("UNAUTHENTICATED");
    Answer login = web.page("/login");
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.body()).contains("id=\"consent\"", "Authorized use only", "audit log");
  }

  @Test
  void theSignInFormsNeedTheCsrfToken() {
    AccountSeeder.SeededUser u = person();
    WebSession web = new WebSession(baseUrl());
    web.page("/login");

    Answer forged = web.form("/login", Map.of("username", u.username(), "password", u.password()), false);

    assertThat(forged.status()).isEqualTo(403);
    assertThat(audit(jdbc, AuditEventTypes.SIGN_IN_FAILED, u.id())).isEmpty();
    assertThat(audit(jdbc, AuditEventTypes.SIGN_IN_SUCCEEDED, u.id())).isEmpty();
  }

  @Test
  void everySignInStepGetsANewSessionId() {
    AccountSeeder.SeededUser u = person();
    WebSession web = new WebSession(baseUrl());
    web.page("/login");
    String before = web.sessionId();
    web.form("/login", Map.of("username", u.username(), "password", u.password()));
    String afterPassword = web.sessionId();
    web.totp(Totp.code(u.totpSecret(), Totp.step(clock.instant())));
    String afterTotp = web.sessionId();

    assertThat(before).isNotNull();
    assertThat(afterPassword).isNotEqualTo(before);
    assertThat(afterTotp).isNotEqualTo(afterPassword);
    assertThat(web.page("/").status()).isEqualTo(200);
  }

  @Test
  void aSessionEndsAfterThirtyIdleMinutes() {
    AccountSeeder.SeededUser u = person();
    WebSession web = signedIn(u);
    clock.advance(Duration.ofMinutes(29));
    assertThat(web.page("/").status()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(31));

    assertThat(location(web.page("/"))).isEqualTo("/login");
    assertThat(audit(jdbc, AuditEventTypes.SESSION_ENDED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.get("reasonCode").asString()).isEqualTo("IDLE_TIMEOUT"));
  }

  @Test
  void aSessionEndsAfterTwelveHoursEvenWhenBusy() {
    AccountSeeder.SeededUser u = person();
    WebSession web = signedIn(u);
    for (int i = 0; i < 28; i++) {
      clock.advance(Duration.ofMinutes(25));
      assertThat(web.page("/").status()).as("request %d, %d minutes in", i, (i + 1) * 25).isEqualTo(200);
    }

    clock.advance(Duration.ofMinutes(25));

    assertThat(location(web.page("/"))).isEqualTo("/login");
    assertThat(audit(jdbc, AuditEventTypes.SESSION_ENDED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.get("reasonCode").asString()).isEqualTo("ABSOLUTE_TIMEOUT"));
  }

  @Test
  void signingOutEndsTheSession() {
    AccountSeeder.SeededUser u = person();
    WebSession web = signedIn(u);
    web.page("/");

    Answer out = web.form("/logout", Map.of());

    assertThat(location(out)).isEqualTo("/login?signedOut");
    assertThat(location(web.page("/"))).isEqualTo("/login");
    assertThat(audit(jdbc, AuditEventTypes.SIGNED_OUT, u.id())).hasSize(1);
  }

  @Test
  void disablingAnAccountEndsItsSessionAndRoleChangesApplyAtOnce() {
    AccountSeeder.SeededUser u = person(Roles.INVESTIGATOR, Roles.OPERATOR);
    AccountSeeder.SeededUser admin = person(Roles.ADMINISTRATOR);
    WebSession web = signedIn(u);

    put("/api/v1/accounts/" + u.id() + "/roles", admin.apiToken(), "{\"roles\":[\"OPERATOR\"]}");
    assertThat(web.json("GET", "/api/v1/me", null).json().get("roles").toString()).isEqualTo("[\"OPERATOR\"]");

    assertThat(post("/api/v1/accounts/" + u.id() + "/enabled", admin.apiToken(), "{\"enabled\":false}").status())
        .isEqualTo(200);

    assertThat(location(web.page("/"))).isEqualTo("/login");
    assertThat(audit(jdbc, AuditEventTypes.SESSION_ENDED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.get("reasonCode").asString()).isEqualTo("ACCOUNT_DISABLED_OR_LOCKED"));
  }

  @Test
  void anAdministratorResetsAForgottenPasswordAndALostAuthenticator() {
    AccountSeeder.SeededUser u = person(Roles.INVESTIGATOR);
    AccountSeeder.SeededUser admin = person(Roles.ADMINISTRATOR);
    WebSession web = signedIn(u);
    clock.advance(Duration.ofSeconds(60));
    String path = "/api/v1/accounts/" + u.id() + "/credential-reset";

    Answer common = post(path, admin.apiToken(), "{\"password\":\"Password1234\"}");
    assertThat(common.status()).isEqualTo(422);
    assertThat(common.json().path("error").path("field").asString()).isEqualTo("password");
    assertThat(post("/api/v1/accounts/" + admin.id() + "/credential-reset", admin.apiToken(),
        "{\"password\":\"violet harbour engine 31\"}").status()).as("not one's own").isEqualTo(409);
    assertThat(post(path, u.apiToken(), "{\"password\":\"violet harbour engine 31\"}").status()).isEqualTo(403);
    assertThat(web.page("/").status()).as("refusals change nothing").isEqualTo(200);

    Answer reset = post(path, admin.apiToken(), "{\"password\":\"violet harbour engine 31\"}");

    assertThat(reset.status()).as(reset.body()).isEqualTo(200);
    assertThat(reset.json().path("tokensRevoked").asInt()).isEqualTo(1);
    assertThat(location(web.page("/"))).as("the session from before the reset ends").isEqualTo("/login");
    assertThat(audit(jdbc, AuditEventTypes.SESSION_ENDED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.get("reasonCode").asString()).isEqualTo("CREDENTIALS_RESET"));
    assertThat(get("/api/v1/me", u.apiToken()).status()).as("the person's API token is revoked").isEqualTo(401);
    assertThat(audit(jdbc, AuditEventTypes.CREDENTIALS_RESET, u.id())).singleElement().satisfies(e -> {
      assertThat(e.get("actor").asString()).isEqualTo("user:" + admin.id());
      assertThat(e.get("tokensRevoked").asInt()).isEqualTo(1);
      assertThat(e.toString()).doesNotContain("violet");
    });
    assertThat(location(new WebSession(baseUrl()).password(u.username(), u.password()))).isEqualTo("/login?error");

    WebSession fresh = new WebSession(baseUrl());
    assertThat(location(fresh.password(u.username(), "violet harbour engine 31"))).isEqualTo("/login/totp");
    assertThat(fresh.page("/login/totp").body()).as("a new authenticator is enrolled").contains("<img id=\"qr\"");
    String secret = fresh.enrollmentSecret();
    assertThat(secret).isNotEqualTo(u.totpSecret());
    assertThat(location(fresh.form("/login/totp", Map.of("code", Totp.code(secret, Totp.step(clock.instant()))))))
        .isEqualTo("/");
    assertThat(fresh.page("/").status()).as("a session after the reset lives on").isEqualTo(200);
  }

  @Test
  void anAdministratorResetsCredentialsOnTheAdminPage() {
    AccountSeeder.SeededUser u = person(Roles.OPERATOR);
    AccountSeeder.SeededUser admin = person(Roles.ADMINISTRATOR);
    WebSession web = signedIn(admin);
    assertThat(web.page("/admin/accounts").body()).contains("action=\"/admin/accounts/" + u.id() + "/credential-reset\"");

    Answer done = web.form("/admin/accounts/" + u.id() + "/credential-reset", Map.of("password", "amber canyon signal 58"));

    assertThat(done.body()).contains("Credentials of account " + u.id() + " reset").doesNotContain("amber canyon");
    assertThat(audit(jdbc, AuditEventTypes.CREDENTIALS_RESET, u.id())).hasSize(1);
    assertThat(location(new WebSession(baseUrl()).password(u.username(), "amber canyon signal 58")))
        .isEqualTo("/login/totp");
  }

  @Test
  void aSignedInPersonChangesTheirPassword() {
    AccountSeeder.SeededUser u = person();
    WebSession web = signedIn(u);
    web.page("/account");

    Answer tooCommon = web.form("/account/password", Map.of("currentPassword", u.password(),
        "newPassword", "Password1234"));
    assertThat(tooCommon.body()).contains("id=\"refusal\"", "too common");
    Answer changed = web.form("/account/password", Map.of("currentPassword", u.password(),
        "newPassword", "a much longer new passphrase 7"));

    assertThat(changed.body()).contains("id=\"password-changed\"");
    assertThat(audit(jdbc, AuditEventTypes.PASSWORD_CHANGED, u.id())).hasSize(1);
    clock.advance(Duration.ofSeconds(60));
    assertThat(location(new WebSession(baseUrl()).password(u.username(), u.password()))).isEqualTo("/login?error");
    assertThat(location(new WebSession(baseUrl()).password(u.username(), "a much longer new passphrase 7")))
        .isEqualTo("/login/totp");
  }

  @Test
  void anAdministratorManagesAccountsOnThePlainAdminPage() {
    AccountSeeder.SeededUser admin = person(Roles.ADMINISTRATOR);
    AccountSeeder.SeededUser investigator = person(Roles.INVESTIGATOR);
    WebSession web = signedIn(admin);
    assertThat(web.page("/admin/accounts").body()).contains("id=\"account-" + investigator.id() + "\"");
    String name = username("paged");

    Answer refused = web.form("/admin/accounts", Map.of("username", name, "displayName", "Pat Page",
        "password", "Password1234", "roles", "OPERATOR"));
    assertThat(refused.body()).contains("too common");
    Answer created = web.form("/admin/accounts", Map.of("username", name, "displayName", "Pat Page",
        "password", "tangerine lighthouse quartz 9", "roles", "OPERATOR"));
    long id = accounts.findByUsername(name).orElseThrow().id();
    assertThat(created.body()).contains("Account " + id + " created");
    web.form("/admin/accounts/" + id + "/enabled", Map.of("enabled", "false"));

    assertThat(accounts.find(id).orElseThrow().enabled()).isFalse();
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_CREATED, id)).singleElement()
        .satisfies(e -> assertThat(e.get("actor").asString()).isEqualTo("user:" + admin.id()));
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_DISABLED, id)).hasSize(1);
    WebSession other = signedIn(investigator);
    assertThat(other.page("/admin/accounts").status()).isEqualTo(403);
  }

  private Answer put(String path, String token, String json) {
    return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build());
  }
}
