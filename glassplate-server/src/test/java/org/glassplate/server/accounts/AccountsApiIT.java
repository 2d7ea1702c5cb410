package org.glassplate.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glassplate.server.accounts.AccountsTesting.audit;
import static org.glassplate.server.accounts.AccountsTesting.username;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.support.FromAddress;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.core.Roles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The accounts API: roles per endpoint, tokens, password rules, training, inactivity (R-ACC-1 to R-ACC-6). */
// The application this class used is not handed on to the next class: its inactivity run 91 days ahead disables every account of the shared database, other classes' included.
@org.springframework.test.annotation.DirtiesContext(classMode = org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_CLASS)
class AccountsApiIT extends IntegrationTest {
  @Autowired
  AccountSeeder seeder;

  @Autowired
  Accounts accounts;

  @Autowired
  InactivityJob inactivity;

  private AccountSeeder.SeededUser person(String... roles) {
    return seeder.seed(AccountSeeder.Spec.of(username("api"), "Alex Api", roles));
  }

  private Answer put(String path, String token, String json) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private Answer delete(String path, String token) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + token)
        .DELETE().build());
  }

  private static String code(Answer a) {
    return a.json().get("error").get("code").asString();
  }

  @Test
  void anAdministratorListsThePeopleAndTheirRoles() {
    AccountSeeder.SeededUser admin = person(Roles.ADMINISTRATOR);
    AccountSeeder.SeededUser both = person(Roles.OPERATOR, Roles.INVESTIGATOR);

    Answer list = get("/api/v1/accounts", admin.apiToken());

    assertThat(list.status()).isEqualTo(200);
    JsonNode row = null;
    for (JsonNode a : list.json().get("accounts")) {
      if (a.get("id").asLong() == both.id()) {
        row = a;
      }
    }
    assertThat(row).isNotNull();
    assertThat(row.get("username").asString()).isEqualTo(both.username());
    assertThat(row.get("roles").toString()).isEqualTo("[\"INVESTIGATOR\",\"OPERATOR\"]");
    assertThat(row.get("enabled").asBoolean()).isTrue();
    assertThat(row.get("trainingCurrent").asBoolean()).isTrue();
  }

  @Test
  void anInvestigatorsTokenIsRefusedOnAdministrationEndpoints() {
    AccountSeeder.SeededUser investigator = person(Roles.INVESTIGATOR);
    String t = investigator.apiToken();

    assertThat(get("/api/v1/accounts", t).status()).isEqualTo(403);
    assertThat(code(get("/api/v1/accounts", t))).isEqualTo("FORBIDDEN");
    assertThat(get("/api/v1/accounts/" + investigator.id(), t).status()).isEqualTo(403);
    assertThat(post("/api/v1/accounts", t, "{}").status()).isEqualTo(403);
    assertThat(put("/api/v1/accounts/" + investigator.id() + "/roles", t, "{\"roles\":[\"ADMINISTRATOR\"]}").status())
        .isEqualTo(403);
    assertThat(post("/api/v1/accounts/" + investigator.id() + "/lockout-release", t, "{}").status()).isEqualTo(403);
    assertThat(post("/api/v1/accounts/" + investigator.id() + "/enabled", t, "{\"enabled\":true}").status())
        .isEqualTo(403);
    assertThat(post("/api/v1/accounts/" + investigator.id() + "/training", t, "{}").status()).isEqualTo(403);
    assertThat(get("/admin/accounts", t).status()).isEqualTo(403);
    assertThat(get("/api/v1/me", t).status()).isEqualTo(200);
    assertThat(accounts.find(investigator.id()).orElseThrow().roles()).containsExactly(Roles.INVESTIGATOR);
  }

  @Test
  void noTokenIs401() {
    Answer a = get("/api/v1/accounts", null);

    assertThat(a.status()).isEqualTo(401);
    assertThat(code(a)).isEqualTo("UNAUTHENTICATED");
    assertThat(get("/api/v1/me", null).status()).isEqualTo(401);
  }

  @Test
  void aRevokedTokenIs401() {
    AccountSeeder.SeededUser u = person(Roles.INVESTIGATOR);
    long tokenId = tokenId(u);
    assertThat(get("/api/v1/me", u.apiToken()).status()).isEqualTo(200);

    Answer revoked = delete("/api/v1/tokens/" + tokenId, u.apiToken());

    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().get("revokedAt").isNull()).isFalse();
    Answer after = get("/api/v1/me", u.apiToken());
    assertThat(after.status()).isEqualTo(401);
    assertThat(code(after)).isEqualTo("UNAUTHENTICATED");
    assertThat(audit(jdbc, AuditEventTypes.API_TOKEN_REVOKED, u.id())).hasSize(1);
    assertThat(audit(jdbc, AuditEventTypes.API_TOKEN_REFUSED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.get("reasonCode").asString()).isEqualTo("TOKEN_REVOKED"));
  }

  @Test
  void anExpiredTokenIs401() {
    AccountSeeder.SeededUser u = seeder.seed(AccountSeeder.Spec.of(username("exp"), "E", Roles.OPERATOR)
        .withTokenDays(30));
    clock.advance(Duration.ofDays(29));
    assertThat(get("/api/v1/me", u.apiToken()).status()).isEqualTo(200);

    clock.advance(Duration.ofDays(2));

    assertThat(get("/api/v1/me", u.apiToken()).status()).isEqualTo(401);
    assertThat(audit(jdbc, AuditEventTypes.API_TOKEN_REFUSED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.get("reasonCode").asString()).isEqualTo("TOKEN_EXPIRED"));
  }

  @Test
  void anUnknownPersonalTokenIs401AndAudited() {
    int before = audit(jdbc, AuditEventTypes.API_TOKEN_REFUSED).size();

    // from an address of its own: a repeat of another test's unknown token from the same address
    // within the minute would be folded into that test's count, not recorded on its own
    FromAddress elsewhere = new FromAddress("127.0.0.37", port);
    assertThat(elsewhere.get("/api/v1/me", java.util.Map.of("Authorization", "Bearer gpu_not-a-real-token")).status())
        .isEqualTo(401);
    assertThat(audit(jdbc, AuditEventTypes.API_TOKEN_REFUSED)).hasSize(before + 1);
  }

  @Test
  void aCameraTokenIsRefusedEverywhereButIngest() {
    AccountSeeder.SeededUser admin = person(Roles.ADMINISTRATOR);
    Answer camera = post("/api/v1/cameras", admin.apiToken(), "{\"name\":\"Gate cam\",\"lat\":47.6,\"lon\":-122.3}");
    assertThat(camera.status()).isEqualTo(200);
    String cameraToken = camera.json().get("token").asString();

    assertThat(get("/api/v1/me", cameraToken).status()).isEqualTo(403);
    assertThat(get("/api/v1/me/clearance", cameraToken).status()).isEqualTo(403);
    assertThat(get("/api/v1/accounts", cameraToken).status()).isEqualTo(403);
    assertThat(get("/api/v1/tokens", cameraToken).status()).isEqualTo(403);
    assertThat(get("/", cameraToken).status()).isEqualTo(403);
    assertThat(get("/login", cameraToken).status()).isEqualTo(403);
    assertThat(get("/api/v1/cameras", cameraToken).status()).isEqualTo(403);
    assertThat(get("/transparency.json", cameraToken).status()).isEqualTo(403);
    Answer ingest = post("/api/v1/reads", cameraToken, """
        {"reads":[{"plate":"ABC1234","state":"CA","capturedAt":"%s","lat":47.6,"lon":-122.3,"confidence":0.9}]}
        """.formatted(clock.instant().minusSeconds(5)));
    assertThat(ingest.status()).isEqualTo(200);
    assertThat(ingest.json().get("accepted").asInt()).isEqualTo(1);
  }

  @Test
  void aCommonPasswordIsRefusedAtCreationWithAClearMessage() {
    AccountSeeder.SeededUser admin = person(Roles.ADMINISTRATOR);
    String name = username("weak");

    Answer refused = post("/api/v1/accounts", admin.apiToken(), """
        {"username":"%s","displayName":"Wendy Weak","password":"Password1234","roles":["INVESTIGATOR"]}
        """.formatted(name));

    assertThat(refused.status()).isEqualTo(422);
    JsonNode error = refused.json().get("error");
    assertThat(error.get("code").asString()).isEqualTo("INVALID_FIELD");
    assertThat(error.get("field").asString()).isEqualTo("password");
    assertThat(error.get("message").asString()).contains("too common", "30,000 common or breached passwords");
    assertThat(refused.body()).doesNotContain("Password1234");
    assertThat(accounts.findByUsername(name)).isEmpty();
    Answer tooShort = post("/api/v1/accounts", admin.apiToken(), """
        {"username":"%s","displayName":"Wendy Weak","password":"x7#kQ9!p2Lm","roles":["INVESTIGATOR"]}
        """.formatted(name));
    assertThat(tooShort.status()).isEqualTo(422);
    assertThat(tooShort.json().get("error").get("message").asString()).contains("at least 12 characters");
  }

  @Test
  void anAdministratorCreatesAnAccountAndItsIdIsNeverReused() {
    AccountSeeder.SeededUser admin = person(Roles.ADMINISTRATOR);
    AccountSeeder.SeededUser admin2 = person(Roles.ADMINISTRATOR);
    String name = username("new");

    // an auditor account takes two administrators (R-ACC-7); the server chooses its first password
    Answer asked = post("/api/v1/accounts", admin.apiToken(), """
        {"username":"%s","displayName":"Nora New","roles":["auditor"]}
        """.formatted(name));
    assertThat(asked.status()).as(asked.body()).isEqualTo(202);
    Answer created = post("/api/v1/accounts/changes/" + asked.json().get("changeId").asLong() + "/approval",
        admin2.apiToken(), "{}");

    assertThat(created.status()).as(created.body()).isEqualTo(200);
    long id = created.json().get("accountId").asLong();
    assertThat(get("/api/v1/accounts/" + id, admin.apiToken()).json().get("roles").toString())
        .isEqualTo("[\"AUDITOR\"]");
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_CREATED, id)).singleElement().satisfies(e -> {
      assertThat(e.get("actor").asString()).isEqualTo("user:" + admin2.id());
      assertThat(e.get("requestedBy").asString()).isEqualTo("user:" + admin.id());
      assertThat(e.toString()).doesNotContain(name).doesNotContain("Nora New");
    });
    assertThatThrownBy(() -> jdbc.sql("DELETE FROM account WHERE id = :id").param("id", id).update())
        .hasMessageContaining("never deleted");
    Answer again = post("/api/v1/accounts", admin.apiToken(), """
        {"username":"%s","displayName":"Nora Again","roles":["AUDITOR"]}
        """.formatted(name.toUpperCase()));
    assertThat(again.status()).isEqualTo(409);
    assertThat(person(Roles.OPERATOR).id()).isGreaterThan(id);
  }

  @Test
  void roleChangesAreAuditedAndNarrowTheTokensOfThePerson() {
    AccountSeeder.SeededUser admin = person(Roles.ADMINISTRATOR);
    AccountSeeder.SeededUser u = person(Roles.OPERATOR, Roles.SUPERVISOR);
    assertThat(get("/api/v1/cameras", u.apiToken()).status()).isEqualTo(200);

    Answer changed = put("/api/v1/accounts/" + u.id() + "/roles", admin.apiToken(), "{\"roles\":[\"OPERATOR\"]}");

    assertThat(changed.status()).isEqualTo(200);
    assertThat(audit(jdbc, AuditEventTypes.ROLES_CHANGED, u.id())).singleElement().satisfies(e -> {
      assertThat(e.get("previousRoles").toString()).isEqualTo("[\"OPERATOR\",\"SUPERVISOR\"]");
      assertThat(e.get("accountRoles").toString()).isEqualTo("[\"OPERATOR\"]");
    });
    assertThat(get("/api/v1/cameras", u.apiToken()).status()).as("the token lost SUPERVISOR").isEqualTo(403);
    Answer asked = put("/api/v1/accounts/" + u.id() + "/roles", admin.apiToken(),
        "{\"roles\":[\"OPERATOR\",\"ADMINISTRATOR\"]}");
    assertThat(asked.status()).as("granting ADMINISTRATOR takes a second administrator").isEqualTo(202);
    AccountSeeder.SeededUser admin2 = person(Roles.ADMINISTRATOR);
    assertThat(post("/api/v1/accounts/changes/" + asked.json().get("changeId").asLong() + "/approval",
        admin2.apiToken(), "{}").status()).isEqualTo(200);
    assertThat(accounts.find(u.id()).orElseThrow().roles()).containsExactlyInAnyOrder(Roles.OPERATOR,
        Roles.ADMINISTRATOR);
    assertThat(get("/api/v1/accounts", u.apiToken()).status())
        .as("a token never gains roles the person did not have when making it").isEqualTo(403);
    assertThat(put("/api/v1/accounts/" + u.id() + "/roles", admin.apiToken(), "{\"roles\":[\"PARTNER\"]}").status())
        .isEqualTo(422);
  }

  @Test
  void aDisabledPersonsTokenStopsWorkingUntilReEnabled() {
    AccountSeeder.SeededUser admin = person(Roles.ADMINISTRATOR);
    AccountSeeder.SeededUser u = person(Roles.INVESTIGATOR);

    assertThat(post("/api/v1/accounts/" + u.id() + "/enabled", admin.apiToken(), "{\"enabled\":false}").status())
        .isEqualTo(200);
    assertThat(get("/api/v1/me", u.apiToken()).status()).isEqualTo(401);
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_DISABLED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.get("disabledReason").asString()).isEqualTo("ADMINISTRATOR"));

    Answer asked = post("/api/v1/accounts/" + u.id() + "/enabled", admin.apiToken(), "{\"enabled\":true}");
    assertThat(asked.status()).as("re-enabling takes a second administrator").isEqualTo(202);
    assertThat(get("/api/v1/me", u.apiToken()).status()).isEqualTo(401);
    AccountSeeder.SeededUser admin2 = person(Roles.ADMINISTRATOR);
    assertThat(post("/api/v1/accounts/changes/" + asked.json().get("changeId").asLong() + "/approval",
        admin2.apiToken(), "{}").status()).isEqualTo(200);
    assertThat(get("/api/v1/me", u.apiToken()).status()).isEqualTo(200);
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_ENABLED, u.id())).hasSize(1);
  }

  @Test
  void aPersonWithExpiredTrainingIsRefusedWithTrainingRequired() {
    AccountSeeder.SeededUser supervisor = person(Roles.SUPERVISOR);
    AccountSeeder.SeededUser u = seeder.seed(AccountSeeder.Spec.of(username("expiring"), "E", Roles.INVESTIGATOR)
        .withoutTraining());
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate expiry = today.plusDays(5);
    post("/api/v1/accounts/" + u.id() + "/training", supervisor.apiToken(), """
        {"course":"Annual ALPR course","completedOn":"%s","expiresOn":"%s"}""".formatted(today.minusDays(360), expiry));
    Answer ok = get("/api/v1/me/clearance", u.apiToken());
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().get("trainingExpiresOn").asString()).isEqualTo(expiry.toString());

    clock.advance(Duration.ofDays(6));
    Answer refused = get("/api/v1/me/clearance", u.apiToken());

    assertThat(refused.status()).isEqualTo(403);
    assertThat(code(refused)).isEqualTo("TRAINING_REQUIRED");
    assertThat(refused.json().get("error").get("message").asString()).contains("expired on " + expiry);
  }

  @Test
  void aSupervisorRecordsTrainingAndItIsAudited() {
    AccountSeeder.SeededUser supervisor = person(Roles.SUPERVISOR);
    AccountSeeder.SeededUser u = seeder.seed(AccountSeeder.Spec.of(username("untrained"), "U", Roles.INVESTIGATOR)
        .withoutTraining());
    assertThat(code(get("/api/v1/me/clearance", u.apiToken()))).isEqualTo("TRAINING_REQUIRED");
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

    Answer recorded = post("/api/v1/accounts/" + u.id() + "/training", supervisor.apiToken(), """
        {"course":"ALPR privacy 2026","completedOn":"%s","expiresOn":"%s"}""".formatted(today, today.plusYears(1)));

    assertThat(recorded.status()).isEqualTo(201);
    assertThat(get("/api/v1/me/clearance", u.apiToken()).status()).isEqualTo(200);
    assertThat(audit(jdbc, AuditEventTypes.TRAINING_RECORDED, u.id())).singleElement().satisfies(e -> {
      assertThat(e.get("expiresOn").asString()).isEqualTo(today.plusYears(1).toString());
      assertThat(e.toString()).doesNotContain("ALPR privacy 2026");
    });
    Answer bad = post("/api/v1/accounts/" + u.id() + "/training", supervisor.apiToken(), """
        {"course":"x","completedOn":"%s","expiresOn":"not a date"}""".formatted(today));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().get("error").get("field").asString()).isEqualTo("expiresOn");
  }

  @Test
  void anAccountIdleFor91DaysIsDisabledAndOnlyASupervisorReEnablesItAfterRetraining() {
    AccountSeeder.SeededUser idle = person(Roles.INVESTIGATOR);
    clock.advance(Duration.ofDays(89));
    inactivity.run();
    assertThat(accounts.find(idle.id()).orElseThrow().enabled()).isTrue();

    clock.advance(Duration.ofDays(2));
    inactivity.run();

    assertThat(accounts.find(idle.id()).orElseThrow().enabled()).isFalse();
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_DISABLED, idle.id())).singleElement().satisfies(e -> {
      assertThat(e.get("actor").asString()).isEqualTo("system");
      assertThat(e.get("disabledReason").asString()).isEqualTo("INACTIVITY");
      assertThat(e.get("idleDays").asInt()).isEqualTo(91);
    });
    assertThat(get("/api/v1/me", idle.apiToken()).status()).isEqualTo(401);
    // people who are active now (the idle one's colleagues)
    AccountSeeder.SeededUser admin = person(Roles.ADMINISTRATOR);
    AccountSeeder.SeededUser supervisor = person(Roles.SUPERVISOR);

    Answer byAdmin = post("/api/v1/accounts/" + idle.id() + "/enabled", admin.apiToken(), "{\"enabled\":true}");
    assertThat(byAdmin.status()).isEqualTo(403);
    assertThat(code(byAdmin)).isEqualTo("SUPERVISOR_REQUIRED");
    Answer notRetrained = post("/api/v1/accounts/" + idle.id() + "/enabled", supervisor.apiToken(),
        "{\"enabled\":true}");
    assertThat(notRetrained.status()).isEqualTo(403);
    assertThat(code(notRetrained)).isEqualTo("TRAINING_REQUIRED");
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_CHANGE_REFUSED, idle.id())).extracting(e -> e.get("reasonCode").asString())
        .containsExactly("SUPERVISOR_REQUIRED", "TRAINING_REQUIRED");

    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    post("/api/v1/accounts/" + idle.id() + "/training", supervisor.apiToken(), """
        {"course":"Refresher","completedOn":"%s","expiresOn":"%s"}""".formatted(today, today.plusYears(1)));
    Answer asked = post("/api/v1/accounts/" + idle.id() + "/enabled", supervisor.apiToken(), "{\"enabled\":true}");
    assertThat(asked.status()).as(asked.body()).isEqualTo(202);
    assertThat(accounts.find(idle.id()).orElseThrow().enabled()).as("nothing until a second person approves").isFalse();
    Answer enabled = post("/api/v1/accounts/changes/" + asked.json().get("changeId").asLong() + "/approval",
        admin.apiToken(), "{}");

    assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
    assertThat(get("/api/v1/accounts/" + idle.id(), admin.apiToken()).json().get("enabled").asBoolean()).isTrue();
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_ENABLED, idle.id())).singleElement().satisfies(e -> {
      assertThat(e.get("actor").asString()).isEqualTo("user:" + admin.id());
      assertThat(e.get("requestedBy").asString()).isEqualTo("user:" + supervisor.id());
    });
    inactivity.run();
    assertThat(accounts.find(idle.id()).orElseThrow().enabled())
        .as("the idle days count again from the re-enabling").isTrue();
  }

  @Test
  void tokensLastAtMost90DaysAndOnlyASignedInSessionMakesThem() {
    AccountSeeder.SeededUser u = person(Roles.INVESTIGATOR);

    Answer byToken = post("/api/v1/tokens", u.apiToken(), "{\"name\":\"script\",\"days\":30}");
    assertThat(byToken.status()).isEqualTo(403);
    assertThat(code(byToken)).isEqualTo("SIGN_IN_REQUIRED");

    WebSession web = new WebSession(baseUrl());
    web.signIn(u.username(), u.password(), u.totpSecret(), clock.instant());
    assertThat(web.json("POST", "/api/v1/tokens", "{\"name\":\"script\",\"days\":91}").status()).isEqualTo(422);
    Answer made = web.json("POST", "/api/v1/tokens", "{\"name\":\"nightly script\",\"days\":90}");

    assertThat(made.status()).isEqualTo(201);
    String token = made.json().get("token").asString();
    assertThat(token).startsWith("gpu_");
    assertThat(made.json().get("description").get("roles").toString()).isEqualTo("[\"INVESTIGATOR\"]");
    assertThat(get("/api/v1/me", token).json().get("id").asLong()).isEqualTo(u.id());
    long stored = jdbc.sql("SELECT count(*) FROM api_token WHERE encode(token_hash, 'escape') LIKE :t")
        .param("t", "%" + token + "%").query(Long.class).single();
    assertThat(stored).as("only a hash is stored").isZero();
    assertThat(audit(jdbc, AuditEventTypes.API_TOKEN_CREATED, u.id())).hasSize(2);

    web.page("/account");
    Answer page = web.form("/account/tokens", java.util.Map.of("name", "from the page", "days", "7"));
    assertThat(page.body()).contains("id=\"token-value\">gpu_");
  }

  private long tokenId(AccountSeeder.SeededUser u) {
    return get("/api/v1/tokens", u.apiToken()).json().get("tokens").get(0).get("id").asLong();
  }
}
