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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance of issue 12 ("one administrator alone", R-ACC-7): with only their own credentials and
 * the API, an administrator cannot activate a policy, get a second privileged account, reset and use
 * another administrator, re-enable an account, or grant themselves a role and record their own
 * training to search. Each attempt is refused with its code, or left PENDING, and audited.
 */
class OneAdministratorAloneIT extends IntegrationTest {
  @Autowired
  AccountSeeder seeder;

  @Autowired
  Accounts accounts;

  /** The one administrator; everyone else here is someone they act upon, never with. */
  AccountSeeder.SeededUser admin;

  @BeforeEach
  void oneAdministrator() {
    admin = seeder.seed(AccountSeeder.Spec.of(username("alone"), "Al One", Roles.ADMINISTRATOR).withoutTraining());
  }

  private Answer put(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + admin.apiToken()).PUT(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private Answer post(String path, String json) {
    return post(path, admin.apiToken(), json);
  }

  private static String code(Answer a) {
    return a.json().path("error").path("code").asString();
  }

  /** The administrator's own approval of their own change: refused with SAME_PERSON, and audited. */
  private void ownApprovalIsRefused(long changeId) {
    Answer own = post("/api/v1/accounts/changes/" + changeId + "/approval", "{}");
    assertThat(own.status()).as(own.body()).isEqualTo(403);
    assertThat(code(own)).isEqualTo("SAME_PERSON");
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_CHANGE_REFUSED).stream()
        .filter(e -> e.path("changeId").asLong() == changeId)).singleElement().satisfies(e -> {
          assertThat(e.get("actor").asString()).isEqualTo("user:" + admin.id());
          assertThat(e.get("outcome").asString()).isEqualTo("DENIED");
          assertThat(e.get("reasonCode").asString()).isEqualTo("SAME_PERSON");
          assertThat(e.get("sameAs").asString()).isEqualTo("SAME_ACCOUNT");
        });
    assertThat(pending(changeId)).as("still waiting for a second administrator").isNotNull();
  }

  /** Signs in with a password someone else chose, enrolling a new authenticator; the session holds the CSRF token. */
  private WebSession firstSignIn(String username, String password) {
    WebSession web = new WebSession(baseUrl());
    web.password(username, password);
    web.page("/login/totp");
    String secret = web.enrollmentSecret();
    assertThat(location(web.form("/login/totp", Map.of("code", Totp.code(secret, Totp.step(clock.instant()))))))
        .isEqualTo("/");
    web.page("/");
    return web;
  }

  private JsonNode pending(long changeId) {
    return get("/api/v1/accounts/changes", admin.apiToken()).json().get("changes").valueStream()
        .filter(c -> c.get("changeId").asLong() == changeId).findFirst().orElse(null);
  }

  private long requested(Answer asked) {
    assertThat(asked.status()).as(asked.body()).isEqualTo(202);
    assertThat(asked.json().get("status").asString()).isEqualTo("PENDING");
    long changeId = asked.json().get("changeId").asLong();
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_CHANGE_REQUESTED).stream()
        .filter(e -> e.get("changeId").asLong() == changeId)).singleElement()
        .satisfies(e -> assertThat(e.get("actor").asString()).isEqualTo("user:" + admin.id()));
    return changeId;
  }

  @Test
  void cannotActivateAPolicy() {
    JsonNode before = get("/api/v1/policy", null).json();
    String doc = before.get("document").asString()
        .replaceFirst("(?m)^title: .*$", "title: ALPR Policy of " + admin.username());
    Answer proposed = post("/api/v1/policy/proposals", JSON.createObjectNode().put("document", doc).toString());
    assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
    long id = proposed.json().get("id").asLong();

    Answer own = post("/api/v1/policy/proposals/" + id + "/approvals", "{}");

    assertThat(own.status()).isEqualTo(403);
    assertThat(code(own)).isEqualTo("SAME_PERSON");
    assertThat(get("/api/v1/policy", null).json().get("sha256").asString()).isEqualTo(before.get("sha256").asString());
    assertThat(get("/api/v1/policy/proposals/" + id, admin.apiToken()).json().get("status").asString())
        .isEqualTo("PENDING");
    assertThat(AuditEntries.ofType(jdbc, AuditEventTypes.POLICY_APPROVAL_REFUSED).stream()
        .filter(e -> e.path("proposalId").asLong() == id)).singleElement().satisfies(e -> {
          assertThat(e.get("actor").asString()).isEqualTo("user:" + admin.id());
          assertThat(e.get("reasonCode").asString()).isEqualTo("SAME_PERSON");
        });
  }

  @Test
  void cannotGetASecondPrivilegedAccount() {
    String name = username("second");

    Answer chosen = post("/api/v1/accounts", """
        {"username":"%s","displayName":"Sec Ond","password":"violet staircase unicorn 88","roles":["ADMINISTRATOR"]}
        """.formatted(name));
    assertThat(chosen.status()).as("no password of their choosing").isEqualTo(422);
    assertThat(chosen.json().get("error").get("field").asString()).isEqualTo("password");
    long created = requested(post("/api/v1/accounts", """
        {"username":"%s","displayName":"Sec Ond","roles":["ADMINISTRATOR"]}""".formatted(name)));

    ownApprovalIsRefused(created);
    assertThat(accounts.findByUsername(name)).as("the account does not exist, so it approves nothing").isEmpty();
    assertThat(location(new WebSession(baseUrl()).password(name, "violet staircase unicorn 88")))
        .isEqualTo("/login?error");

    // nor by making an ordinary account first and raising it
    Answer puppet = post("/api/v1/accounts", """
        {"username":"%s","displayName":"Pup Pet","password":"amber canyon signal 58","roles":["OPERATOR"]}
        """.formatted(username("puppet")));
    assertThat(puppet.status()).isEqualTo(201);
    long puppetId = puppet.json().get("id").asLong();
    long raised = requested(put("/api/v1/accounts/" + puppetId + "/roles", "{\"roles\":[\"OPERATOR\",\"ADMINISTRATOR\"]}"));
    ownApprovalIsRefused(raised);
    assertThat(accounts.find(puppetId).orElseThrow().roles()).containsExactly(Roles.OPERATOR);
  }

  @Test
  void cannotResetAndUseAnotherAdministrator() {
    AccountSeeder.SeededUser other = seeder.seed(AccountSeeder.Spec.of(username("victim"), "Vic Tim",
        Roles.ADMINISTRATOR));
    String path = "/api/v1/accounts/" + other.id() + "/credential-reset";

    Answer chosen = post(path, "{\"password\":\"violet harbour engine 31\"}");
    assertThat(chosen.status()).as("no password of their choosing").isEqualTo(422);
    assertThat(chosen.json().get("error").get("field").asString()).isEqualTo("password");
    long reset = requested(post(path, "{}"));

    ownApprovalIsRefused(reset);
    assertThat(audit(jdbc, AuditEventTypes.CREDENTIALS_RESET, other.id())).isEmpty();
    assertThat(location(new WebSession(baseUrl()).password(other.username(), "violet harbour engine 31")))
        .isEqualTo("/login?error");
    assertThat(location(new WebSession(baseUrl()).password(other.username(), other.password())))
        .as("the other administrator's own credentials are untouched").isEqualTo("/login/totp");
    assertThat(get("/api/v1/me", other.apiToken()).status()).isEqualTo(200);
  }

  @Test
  void cannotReEnableAnAccountAlone() {
    AccountSeeder.SeededUser u = seeder.seed(AccountSeeder.Spec.of(username("off"), "Off Line", Roles.INVESTIGATOR));
    assertThat(post("/api/v1/accounts/" + u.id() + "/enabled", "{\"enabled\":false}").status()).isEqualTo(200);

    long enable = requested(post("/api/v1/accounts/" + u.id() + "/enabled", "{\"enabled\":true}"));

    ownApprovalIsRefused(enable);
    assertThat(accounts.find(u.id()).orElseThrow().enabled()).isFalse();
    assertThat(get("/api/v1/me", u.apiToken()).status()).isEqualTo(401);
  }

  @Test
  void cannotGrantThemselvesInvestigatorNorRecordTheirOwnTrainingToSearch() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    String training = """
        {"course":"ALPR privacy","completedOn":"%s","expiresOn":"%s"}""".formatted(today, today.plusYears(1));

    Answer grant = put("/api/v1/accounts/" + admin.id() + "/roles", "{\"roles\":[\"ADMINISTRATOR\",\"INVESTIGATOR\"]}");
    Answer trained = post("/api/v1/accounts/" + admin.id() + "/training", training);
    Answer search = post("/api/v1/searches", """
        {"plate":"7ABC123","from":"%s","to":"%s","caseNumber":"24-1187","offense":"STOLEN_VEHICLE",
         "reason":"stolen white pickup"}""".formatted(clock.instant().minusSeconds(3600), clock.instant()));

    assertThat(grant.status()).isEqualTo(409);
    assertThat(code(grant)).isEqualTo("SELF_GRANT");
    assertThat(trained.status()).isEqualTo(409);
    assertThat(code(trained)).isEqualTo("SELF_TRAINING");
    assertThat(search.status()).isEqualTo(403);
    assertThat(accounts.find(admin.id()).orElseThrow().roles()).containsExactly(Roles.ADMINISTRATOR);
    assertThat(accounts.training(admin.id())).isEmpty();
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_CHANGE_REFUSED, admin.id()))
        .extracting(e -> e.get("reasonCode").asString()).containsExactly("SELF_GRANT", "SELF_TRAINING");

    // nor through an investigator account they make, whose password they know
    String name = username("sock");
    Answer sock = post("/api/v1/accounts", """
        {"username":"%s","displayName":"So Ck","password":"amber canyon signal 58","roles":["INVESTIGATOR"]}
        """.formatted(name));
    assertThat(sock.status()).isEqualTo(201);
    long sockId = sock.json().get("id").asLong();
    Answer sockTraining = post("/api/v1/accounts/" + sockId + "/training", training);
    assertThat(sockTraining.status()).isEqualTo(403);
    assertThat(code(sockTraining)).isEqualTo("SAME_PERSON");
    assertThat(audit(jdbc, AuditEventTypes.ACCOUNT_CHANGE_REFUSED, sockId)).singleElement().satisfies(e -> {
      assertThat(e.get("actor").asString()).isEqualTo("user:" + admin.id());
      assertThat(e.get("reasonCode").asString()).isEqualTo("SAME_PERSON");
    });
    WebSession asSock = firstSignIn(name, "amber canyon signal 58");
    Answer clearance = asSock.json("GET", "/api/v1/me/clearance", null);
    assertThat(clearance.status()).as("no plate data without training by someone else").isEqualTo(403);
    assertThat(code(clearance)).isEqualTo("TRAINING_REQUIRED");
    List<JsonNode> trainings = audit(jdbc, AuditEventTypes.TRAINING_RECORDED, sockId);
    assertThat(trainings).isEmpty();
  }

  @Test
  void cannotResetAnInvestigatorTrainedBySomeoneElseAndSearchAsThem() {
    AccountSeeder.SeededUser investigator = seeder.seed(AccountSeeder.Spec.of(username("trained"), "Tra Ined",
        Roles.INVESTIGATOR));
    assertThat(get("/api/v1/me/clearance", investigator.apiToken()).status()).as("trained by the server's seeding")
        .isEqualTo(200);

    Answer reset = post("/api/v1/accounts/" + investigator.id() + "/credential-reset",
        "{\"password\":\"copper lagoon whistle 77\"}");
    assertThat(reset.status()).as("an investigator's reset takes effect at once").isEqualTo(200);
    WebSession asThem = firstSignIn(investigator.username(), "copper lagoon whistle 77");

    Answer clearance = asThem.json("GET", "/api/v1/me/clearance", null);
    assertThat(clearance.status()).as("training from before the reset no longer counts").isEqualTo(403);
    assertThat(code(clearance)).isEqualTo("TRAINING_REQUIRED");
    assertThat(clearance.json().get("error").get("message").asString()).contains("before your credentials were last reset");
    Answer search = asThem.json("POST", "/api/v1/searches", """
        {"plate":"7ABC123","from":"%s","to":"%s","caseNumber":"24-1187","offense":"STOLEN_VEHICLE",
         "reason":"stolen white pickup"}""".formatted(clock.instant().minusSeconds(3600), clock.instant()));
    assertThat(search.status()).isEqualTo(403);
    assertThat(code(search)).isEqualTo("TRAINING_REQUIRED");
  }
}
