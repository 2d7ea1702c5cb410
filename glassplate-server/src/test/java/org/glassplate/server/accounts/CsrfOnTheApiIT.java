package org.glassplate.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glassplate.server.accounts.AccountsTesting.audit;
import static org.glassplate.server.accounts.AccountsTesting.username;
import static org.glassplate.server.accounts.WebSession.location;

import java.net.URI;
import java.net.http.HttpRequest;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Roles;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A state-changing API call that the session cookie signs in needs the CSRF token, as a form does;
 * calls with a bearer token, and camera ingest with its own credential, do not (issue 12 item 9).
 */
class CsrfOnTheApiIT extends IntegrationTest {
  @Autowired
  AccountSeeder seeder;
  @Autowired
  Cameras cameras;

  private int tokensOf(long accountId) {
    return jdbc.sql("SELECT count(*) FROM api_token WHERE account_id = :a").param("a", accountId)
        .query(Integer.class).single();
  }

  @Test
  void aCookieSignedPostWithoutTheTokenIsRefusedWithAClearBodyAndAudited() {
    AccountSeeder.SeededUser u = seeder.seed(AccountSeeder.Spec.of(username("csrf"), "Cee Surf", Roles.INVESTIGATOR));
    WebSession web = new WebSession(baseUrl());
    assertThat(location(web.signIn(u.username(), u.password(), u.totpSecret(), clock.instant()))).isEqualTo("/");
    int before = tokensOf(u.id());

    Answer forged = web.json("POST", "/api/v1/tokens", "{\"name\":\"forged\",\"days\":5}", false);

    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.json().path("error").path("code").stringValue()).isEqualTo("CSRF_TOKEN_REQUIRED");
    assertThat(forged.json().path("error").path("message").stringValue()).contains("X-CSRF-TOKEN", "Bearer");
    assertThat(tokensOf(u.id())).as("nothing made").isEqualTo(before);
    assertThat(audit(jdbc, AuditEventTypes.CSRF_TOKEN_REFUSED, u.id())).singleElement().satisfies(e -> {
      assertThat(e.path("actor").stringValue()).isEqualTo("user:" + u.id());
      assertThat(e.path("method").stringValue()).isEqualTo("POST");
      assertThat(e.path("outcome").stringValue()).isEqualTo("DENIED");
    });
    long tokenId = get("/api/v1/tokens", u.apiToken()).json().path("tokens").get(0).path("id").longValue();
    assertThat(web.json("DELETE", "/api/v1/tokens/" + tokenId, null, false).status()).isEqualTo(403);
    assertThat(get("/api/v1/me", u.apiToken()).status()).as("the DELETE did nothing either").isEqualTo(200);

    Answer made = web.json("POST", "/api/v1/tokens", "{\"name\":\"with the page's token\",\"days\":5}");

    assertThat(made.status()).as(made.body()).isEqualTo(201);
    assertThat(tokensOf(u.id())).isEqualTo(before + 1);
  }

  @Test
  void bearerCallsAndCameraIngestNeedNoCsrfToken() {
    AccountSeeder.SeededUser u = seeder.seed(AccountSeeder.Spec.of(username("bearer"), "Bea Rer", Roles.INVESTIGATOR));
    WebSession web = new WebSession(baseUrl());
    assertThat(location(web.signIn(u.username(), u.password(), u.totpSecret(), clock.instant()))).isEqualTo("/");
    long tokenId = get("/api/v1/tokens", u.apiToken()).json().path("tokens").get(0).path("id").longValue();

    // a bearer call that also carries the session cookie: the token, not the cookie, signs it in
    Answer revoked = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/tokens/" + tokenId))
        .header("Authorization", "Bearer " + u.apiToken()).header("Cookie", "JSESSIONID=" + web.sessionId())
        .DELETE().build());
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

    String camera = cameras.register("CSRF cam", 36.7, -119.7, null).token();
    Answer ingest = post("/api/v1/reads", camera, """
        {"reads":[{"plate":"7CSR001","state":"CA","capturedAt":"%s"}]}""".formatted(clock.instant()));
    assertThat(ingest.status()).as(ingest.body()).isEqualTo(200);
    assertThat(ingest.json().path("accepted").intValue()).isEqualTo(1);
  }
}
