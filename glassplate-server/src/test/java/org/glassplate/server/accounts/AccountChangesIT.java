package org.glassplate.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glassplate.server.accounts.AccountsTesting.audit;
import static org.glassplate.server.accounts.AccountsTesting.username;
import static org.glassplate.server.accounts.WebSession.location;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Roles;
import org.glassplate.server.support.AuditEntries;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Two people for every privileged account change (R-ACC-7, issue 12 item 1), and approvals that
 * count people, not accounts (item 2): who made an account is remembered, and neither its maker nor
 * the account made counts as the other's second person.
 */
class AccountChangesIT extends IntegrationTest {
  @Autowired
  AccountSeeder seeder;

  @Autowired
  Accounts accounts;

  private AccountSeeder.SeededUser person(String... roles) {
    return seeder.seed(AccountSeeder.Spec.of(username("chg"), "Casey Change", roles));
  }

  private Answer put(String path, String token, String json) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private Answer approve(long changeId, String token) {
    return post("/api/v1/accounts/changes/" + changeId + "/approval", token, "{}");
  }

  private static String code(Answer a) {
    return a.json().path("error").path("code").asString();
  }

  /** Asks for a new administrator account as {@code requester}; returns the change id. */
  private long askForAdministrator(AccountSeeder.SeededUser requester, String name) {
    Answer asked = post("/api/v1/accounts", requester.apiToken(), """
        {"username":"%s","displayName":"Pat Privileged","roles":["ADMINISTRATOR"]}""".formatted(name));
    assertThat(asked.status()).as(asked.body()).isEqualTo(202);
    return asked.json().get("changeId").asLong();
  }

  /** Signs in for the first time with a password the server issued, enrolling an authenticator. */
  private WebSession firstSignIn(String name, String password) {
    WebSession web = new WebSession(baseUrl());
    assertThat(location(web.password(name, password))).isEqualTo("/login/totp");
    web.page("/login/totp");
    String secret = web.enrollmentSecret();
    assertThat(secret).as("a new authenticator is enrolled").isNotNull();
    assertThat(location(web.form("/login/totp", Map.of("code", Totp.code(secret, Totp.step(clock.instant()))))))
        .isEqualTo("/");
    return web;
  }

  private static String refusalCode(Answer page) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"refusal-code\">([A-Z_]+)<").matcher(page.body());
    return m.find() ? m.group(1) : null;
  }

  @Test
  void anAdministratorAccountIsCreatedOnlyWhenASecondAdministratorApprovesIt() {
    AccountSeeder.SeededUser a = person(Roles.ADMINISTRATOR);
    AccountSeeder.SeededUser c = person(Roles.ADMINISTRATOR);
    String name = username("newadmin");

    Answer asked = post("/api/v1/accounts", a.apiToken(), """
        {"username":"%s","displayName":"Pat Privileged","roles":["ADMINISTRATOR","OPERATOR"]}""".formatted(name));

    assertThat(asked.status()).isEqualTo(202);
    long changeId = asked.json().get("changeId").asLong();
    assertThat(asked.json().propertyNames()).containsExactlyInAnyOrder("changeId", "status");
    assertThat(asked.json().get("status").asString()).isEqualTo("PENDING");
    assertThat(accounts.findByUsername(name)).as("no effect yet").isEmpty();
    JsonNode listed = get("/api/v1/accounts/changes", c.apiToken()).json().get("changes").valueStream()
        .filter(x -> x.get("changeId").asLong() == changeId).findFirst().orElseThrow();
    assertThat(listed.get("kind").asString()).isEqualTo("CREATE");
    assertThat(listed.get("username").asString()).isEqualTo(name);
    assertThat(listed.get("roles").toString()).isEqualTo("[\"ADMINISTRATOR\",\"OPERATOR\"]");
    assertThat(listed.get("requestedBy").asString()).isEqualTo("user:" + a.id());
    assertThat(AccountsTesting.audit(jdbc, AuditEventTypes.ACCOUNT_CHANGE_REQUESTED).stream()
        .filter(e -> e.get("changeId").asLong() == changeId)).singleElement().satisfies(e -> {
          assertThat(e.get("actor").asString()).isEqualTo("user:" + a.id());
          assertThat(e.get("outcome").asString()).isEqualTo("PENDING");
          assertThat(e.get("changeKind").asString()).isEqualTo("CREATE");
          assertThat(e.toString()).doesNotContain(name).doesNotContain("Pat Privileged");
        });
    assertThat(jdbc.sql("SELECT count(*) FROM information_schema.columns WHERE table_name = 'account_change'"
        + " AND column_name LIKE '%password%'").query(Long.class).single()).as("no password is kept").isZero();

    Answer approved = approve(changeId, c.apiToken());

    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    assertThat(approved.json().get("status").asString()).isEqualTo("APPROVED");
    long id = approved.json().get("accountId").asLong();
    String initial = approved.json().get("initialPassword").asString();
    assertThat(initial).hasSizeGreaterThanOrEqualTo(24);
    assertThat(accounts.find(id).orElseThrow().roles()).containsExactlyInAnyOrder(Roles.ADMINISTRATOR,
        Roles.OPERATOR);
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_CREATED, id)).singleElement().satisfies(e -> {
      assertThat(e.get("actor").asString()).isEqualTo("user:" + c.id());
      assertThat(e.get("requestedBy").asString()).isEqualTo("user:" + a.id());
      assertThat(e.get("changeId").asLong()).isEqualTo(changeId);
    });
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_CHANGE_APPROVED, id)).singleElement().satisfies(e -> {
      assertThat(e.get("actor").asString()).isEqualTo("user:" + c.id());
      assertThat(e.get("changeId").asLong()).isEqualTo(changeId);
    });
    assertThat(jdbc.sql("SELECT string_agg(convert_from(entry, 'UTF8') || private_fields::text, '') FROM "
        + AuditEntries.ALL).query(String.class).single()).as("the password is in no audit entry")
        .doesNotContain(initial);
    assertThat(get("/api/v1/accounts/changes", c.apiToken()).body()).doesNotContain("\"changeId\":" + changeId + ",");
    assertThat(approve(changeId, c.apiToken()).status()).as("approved once").isEqualTo(409);
    firstSignIn(name, initial);
  }

  @Test
  void aPasswordCannotBeChosenForAPrivilegedAccountAndNonPrivilegedOnesStayImmediate() {
    AccountSeeder.SeededUser a = person(Roles.ADMINISTRATOR);
    String name = username("chosen");

    Answer withPassword = post("/api/v1/accounts", a.apiToken(), """
        {"username":"%s","displayName":"Sue Visor","password":"violet staircase unicorn 88","roles":["SUPERVISOR"]}
        """.formatted(name));
    Answer operator = post("/api/v1/accounts", a.apiToken(), """
        {"username":"%s","displayName":"Op Erator","password":"violet staircase unicorn 88","roles":["OPERATOR"]}
        """.formatted(username("op")));

    assertThat(withPassword.status()).isEqualTo(422);
    assertThat(withPassword.json().get("error").get("field").asString()).isEqualTo("password");
    assertThat(accounts.findByUsername(name)).isEmpty();
    assertThat(get("/api/v1/accounts/changes", a.apiToken()).body()).doesNotContain(name);
    assertThat(operator.status()).isEqualTo(201);
    assertThat(operator.json().get("roles").toString()).isEqualTo("[\"OPERATOR\"]");
  }

  @Test
  void aGrantWaitsForApprovalAndAStaleOneIsRefused() {
    AccountSeeder.SeededUser a = person(Roles.ADMINISTRATOR);
    AccountSeeder.SeededUser c = person(Roles.ADMINISTRATOR);
    AccountSeeder.SeededUser u = person(Roles.OPERATOR, Roles.INVESTIGATOR);

    Answer asked = put("/api/v1/accounts/" + u.id() + "/roles", a.apiToken(),
        "{\"roles\":[\"OPERATOR\",\"INVESTIGATOR\",\"SUPERVISOR\"]}");
    assertThat(asked.status()).isEqualTo(202);
    assertThat(accounts.find(u.id()).orElseThrow().roles()).doesNotContain(Roles.SUPERVISOR);
    Answer second = put("/api/v1/accounts/" + u.id() + "/roles", a.apiToken(), "{\"roles\":[\"AUDITOR\"]}");
    assertThat(second.status()).isEqualTo(409);
    assertThat(code(second)).isEqualTo("CHANGE_PENDING");
    // a removal needs nobody else and takes effect at once; the grant, asked against the old roles, is now stale
    assertThat(put("/api/v1/accounts/" + u.id() + "/roles", a.apiToken(), "{\"roles\":[\"OPERATOR\"]}").status())
        .isEqualTo(200);

    Answer stale = approve(asked.json().get("changeId").asLong(), c.apiToken());

    assertThat(stale.status()).isEqualTo(409);
    assertThat(code(stale)).isEqualTo("CHANGE_STALE");
    assertThat(accounts.find(u.id()).orElseThrow().roles()).containsExactly(Roles.OPERATOR);
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_CHANGE_REFUSED, u.id())).singleElement()
        .satisfies(e -> assertThat(e.get("reasonCode").asString()).isEqualTo("CHANGE_STALE"));
    Answer rejected = post("/api/v1/accounts/changes/" + asked.json().get("changeId").asLong() + "/rejection",
        c.apiToken(), "{}");
    assertThat(rejected.status()).isEqualTo(200);
    assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_CHANGE_REJECTED, u.id())).singleElement().satisfies(e -> {
      assertThat(e.get("actor").asString()).isEqualTo("user:" + c.id());
      assertThat(e.get("withdrawn").asBoolean()).isFalse();
    });

    Answer again = put("/api/v1/accounts/" + u.id() + "/roles", a.apiToken(), "{\"roles\":[\"OPERATOR\",\"AUDITOR\"]}");
    assertThat(approve(again.json().get("changeId").asLong(), c.apiToken()).status()).isEqualTo(200);
    assertThat(accounts.find(u.id()).orElseThrow().roles()).containsExactlyInAnyOrder(Roles.OPERATOR, Roles.AUDITOR);
    assertThat(audit(jdbc, AuditEventTypes.ROLES_CHANGED, u.id())).last().satisfies(e -> {
      assertThat(e.get("actor").asString()).isEqualTo("user:" + c.id());
      assertThat(e.get("requestedBy").asString()).isEqualTo("user:" + a.id());
      assertThat(e.get("accountRoles").toString()).isEqualTo("[\"AUDITOR\",\"OPERATOR\"]");
    });
  }

  @Test
  void aSupervisorsCredentialsAreResetOnlyWithASecondAdministratorWhoAloneSeesTheNewPassword() {
    AccountSeeder.SeededUser a = person(Roles.ADMINISTRATOR);
    AccountSeeder.SeededUser c = person(Roles.ADMINISTRATOR);
    AccountSeeder.SeededUser s = person(Roles.SUPERVISOR);
    String path = "/api/v1/accounts/" + s.id() + "/credential-reset";

    Answer chosen = post(path, a.apiToken(), "{\"password\":\"violet harbour engine 31\"}");
    assertThat(chosen.status()).isEqualTo(422);
    assertThat(chosen.json().get("error").get("field").asString()).isEqualTo("password");
    Answer asked = post(path, a.apiToken(), "{}");
    assertThat(asked.status()).isEqualTo(202);
    assertThat(get("/api/v1/me", s.apiToken()).status()).as("nothing changed yet").isEqualTo(200);
    assertThat(audit(jdbc, AuditEventTypes.CREDENTIALS_RESET, s.id())).isEmpty();

    Answer approved = approve(asked.json().get("changeId").asLong(), c.apiToken());

    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    String initial = approved.json().get("initialPassword").asString();
    assertThat(get("/api/v1/me", s.apiToken()).status()).as("the old token is revoked").isEqualTo(401);
    assertThat(location(new WebSession(baseUrl()).password(s.username(), s.password()))).isEqualTo("/login?error");
    assertThat(audit(jdbc, AuditEventTypes.CREDENTIALS_RESET, s.id())).singleElement().satisfies(e -> {
      assertThat(e.get("actor").asString()).isEqualTo("user:" + c.id());
      assertThat(e.get("requestedBy").asString()).isEqualTo("user:" + a.id());
      assertThat(e.get("tokensRevoked").asInt()).isEqualTo(1);
    });
    firstSignIn(s.username(), initial);
  }

  @Test
  void anAccountIsNoSecondPersonForWhoeverAskedForItOrApprovedIt() {
    AccountSeeder.SeededUser a = person(Roles.ADMINISTRATOR);
    AccountSeeder.SeededUser c = person(Roles.ADMINISTRATOR);
    AccountSeeder.SeededUser d = person(Roles.ADMINISTRATOR);
    String bName = username("madeadmin");
    Answer made = approve(askForAdministrator(a, bName), c.apiToken());
    long b = made.json().get("accountId").asLong();
    WebSession bWeb = firstSignIn(bName, made.json().get("initialPassword").asString());
    bWeb.page("/admin/accounts");

    long fromA = askForAdministrator(a, username("froma"));
    long fromC = askForAdministrator(c, username("fromc"));
    long fromD = askForAdministrator(d, username("fromd"));
    Answer refusedA = bWeb.form("/admin/accounts/changes/" + fromA + "/approval", Map.of());
    Answer refusedC = bWeb.form("/admin/accounts/changes/" + fromC + "/approval", Map.of());
    Answer approvedD = bWeb.form("/admin/accounts/changes/" + fromD + "/approval", Map.of());

    assertThat(refusalCode(refusedA)).as("B was asked for by A").isEqualTo("SAME_PERSON");
    assertThat(refusalCode(refusedC)).as("B's approver was shown B's first password").isEqualTo("SAME_PERSON");
    assertThat(approvedD.body()).contains("Change " + fromD + " approved").contains("id=\"initial-password\"");
    List<JsonNode> refusals = AccountsTesting.audit(jdbc, AuditEventTypes.ACCOUNT_CHANGE_REFUSED).stream()
        .filter(e -> e.get("actor").asString().equals("user:" + b)).toList();
    assertThat(refusals).extracting(e -> e.get("changeId").asLong()).containsExactly(fromA, fromC);
    assertThat(refusals).extracting(e -> e.get("reasonCode").asString()).containsOnly("SAME_PERSON");
    assertThat(refusals).extracting(e -> e.get("sameAs").asString()).containsOnly("MADE_BY_REQUESTER");
    assertThat(get("/api/v1/accounts/changes", a.apiToken()).body()).contains("\"changeId\":" + fromA + ",")
        .contains("\"changeId\":" + fromC + ",");

    // the other way: C, who was shown B's password, is no second person for B; A, who only asked, is
    AccountSeeder.SeededUser target = person(Roles.OPERATOR);
    bWeb.page("/admin/accounts");
    bWeb.form("/admin/accounts/" + target.id() + "/roles", Map.of("roles", "SUPERVISOR"));
    long fromB = get("/api/v1/accounts/changes", a.apiToken()).json().get("changes").valueStream()
        .filter(x -> x.path("accountId").asLong() == target.id()).findFirst().orElseThrow().get("changeId").asLong();
    Answer byC = approve(fromB, c.apiToken());
    assertThat(byC.status()).isEqualTo(403);
    assertThat(code(byC)).isEqualTo("SAME_PERSON");
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_CHANGE_REFUSED, target.id())).singleElement()
        .satisfies(e -> assertThat(e.get("sameAs").asString()).isEqualTo("HOLDS_REQUESTERS_CREDENTIALS"));
    assertThat(approve(fromB, a.apiToken()).status()).isEqualTo(200);
    assertThat(accounts.find(target.id()).orElseThrow().roles()).containsExactly(Roles.SUPERVISOR);
  }

  @Test
  void anAccountMadeByTheAuthorCannotApproveTheirPolicyProposal() {
    AccountSeeder.SeededUser a = person(Roles.ADMINISTRATOR);
    AccountSeeder.SeededUser c = person(Roles.ADMINISTRATOR);
    String bName = username("policyadmin");
    Answer made = approve(askForAdministrator(a, bName), c.apiToken());
    WebSession bWeb = firstSignIn(bName, made.json().get("initialPassword").asString());
    int version = get("/api/v1/policy", null).json().get("version").asInt();
    String doc = get("/api/v1/policy", null).json().get("document").asString()
        .replaceFirst("(?m)^title: .*$", "title: ALPR Policy (" + bName + ")");
    Answer proposed = post("/api/v1/policy/proposals", a.apiToken(),
        JSON.createObjectNode().put("document", doc).toString());
    assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
    long proposal = proposed.json().get("id").asLong();

    bWeb.page("/admin/policy");
    Answer byB = bWeb.form("/admin/policy/proposals/" + proposal + "/approval", Map.of("note", "looks fine"));

    assertThat(byB.status()).isEqualTo(403);
    assertThat(refusalCode(byB)).isEqualTo("SAME_PERSON");
    assertThat(get("/api/v1/policy", null).json().get("version").asInt()).isEqualTo(version);
    JsonNode refused = AuditEntries.last(jdbc, AuditEventTypes.POLICY_APPROVAL_REFUSED);
    assertThat(refused.get("proposalId").asLong()).isEqualTo(proposal);
    assertThat(refused.get("reasonCode").asString()).isEqualTo("SAME_PERSON");
    assertThat(refused.get("sameAs").asString()).isEqualTo("MADE_BY_REQUESTER");
    assertThat(post("/api/v1/policy/proposals/" + proposal + "/approvals", c.apiToken(), "{}").status())
        .as("an unrelated administrator still approves").isEqualTo(200);
    assertThat(get("/api/v1/policy", null).json().get("version").asInt()).isEqualTo(version + 1);
  }

  @Test
  void whoeverAskedMayWithdrawAndAWithdrawnChangeCannotBeApproved() {
    AccountSeeder.SeededUser a = person(Roles.ADMINISTRATOR);
    AccountSeeder.SeededUser c = person(Roles.ADMINISTRATOR);
    long changeId = askForAdministrator(a, username("withdrawn"));

    Answer withdrawn = post("/api/v1/accounts/changes/" + changeId + "/rejection", a.apiToken(), "{}");

    assertThat(withdrawn.status()).isEqualTo(200);
    assertThat(withdrawn.json().get("status").asString()).isEqualTo("REJECTED");
    Answer late = approve(changeId, c.apiToken());
    assertThat(late.status()).isEqualTo(409);
    assertThat(code(late)).isEqualTo("NOT_PENDING");
    assertThat(AccountsTesting.audit(jdbc, AuditEventTypes.ACCOUNT_CHANGE_REJECTED).stream()
        .filter(e -> e.get("changeId").asLong() == changeId)).singleElement()
        .satisfies(e -> assertThat(e.get("withdrawn").asBoolean()).isTrue());
    assertThat(AccountsTesting.audit(jdbc, AuditEventTypes.ACCOUNT_CHANGE_REFUSED).stream()
        .filter(e -> e.path("changeId").asLong() == changeId)).singleElement()
        .satisfies(e -> assertThat(e.get("reasonCode").asString()).isEqualTo("NOT_PENDING"));
  }

  @Test
  void trainingRecordedByTheAccountsMakerDoesNotCount() {
    AccountSeeder.SeededUser a = person(Roles.ADMINISTRATOR);
    AccountSeeder.SeededUser x = seeder.seed(AccountSeeder.Spec.of(username("resetx"), "Xi Reset", Roles.INVESTIGATOR)
        .withoutTraining());
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    String training = """
        {"course":"ALPR privacy","completedOn":"%s","expiresOn":"%s"}""".formatted(today, today.plusYears(1));
    // A records X's training while nothing ties them: it counts
    assertThat(post("/api/v1/accounts/" + x.id() + "/training", a.apiToken(), training).status()).isEqualTo(201);
    assertThat(get("/api/v1/me/clearance", x.apiToken()).status()).isEqualTo(200);

    // then A resets X (an investigator: at once) and could sign in as X: A's record no longer counts
    Answer reset = post("/api/v1/accounts/" + x.id() + "/credential-reset", a.apiToken(),
        "{\"password\":\"quartz meadow lantern 42\"}");
    assertThat(reset.status()).isEqualTo(200);
    WebSession asX = firstSignIn(x.username(), "quartz meadow lantern 42");
    Answer clearance = asX.json("GET", "/api/v1/me/clearance", null);
    assertThat(clearance.status()).isEqualTo(403);
    assertThat(code(clearance)).isEqualTo("TRAINING_REQUIRED");
    assertThat(clearance.json().get("error").get("message").asString()).contains("recorded by someone else");
    Answer again = post("/api/v1/accounts/" + x.id() + "/training", a.apiToken(), training);
    assertThat(again.status()).isEqualTo(403);
    assertThat(code(again)).isEqualTo("SAME_PERSON");
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_CHANGE_REFUSED, x.id())).singleElement().satisfies(e -> {
      assertThat(e.get("reasonCode").asString()).isEqualTo("SAME_PERSON");
      assertThat(e.get("sameAs").asString()).isEqualTo("HOLDS_REQUESTERS_CREDENTIALS");
    });

    AccountSeeder.SeededUser supervisor = person(Roles.SUPERVISOR);
    assertThat(post("/api/v1/accounts/" + x.id() + "/training", supervisor.apiToken(), training).status())
        .isEqualTo(201);
    assertThat(asX.json("GET", "/api/v1/me/clearance", null).status()).isEqualTo(200);
  }
}
