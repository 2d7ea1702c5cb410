package org.glassplate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.core.Roles;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 13: a page refused to a browser is an HTML page with the navigation bar of the person's
 * roles, saying what they may do instead; the API, and any caller not asking for HTML, keeps the
 * JSON error of DESIGN.md.
 */
class RefusedPageIT extends IntegrationTest {
  @Autowired
  AccountSeeder seeder;

  private Answer get(String path, String token, String accept) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + token)
        .header("Accept", accept).GET().build());
  }

  @Test
  void aRefusedPageIsAPageWithTheNavigationBarAndTheApiStaysJson() {
    AccountSeeder.SeededUser ivy = seeder.seed(AccountSeeder.Spec.of("refused-ivy-" + System.nanoTime() % 100_000,
        "Ivy Refused", Roles.INVESTIGATOR));
    Answer page = get("/admin/accounts", ivy.apiToken(), "text/html,application/xhtml+xml,*/*;q=0.8");
    assertThat(page.status()).isEqualTo(403);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("<nav class=\"site\" id=\"nav\"", "<h1 id=\"refused\">Not open to you</h1>",
        "your roles do not open this page", "What you can do instead", "<a href=\"/search\">Search</a>",
        "id=\"sign-out\"").doesNotContain("\"error\":{");

    Answer json = get("/admin/accounts", ivy.apiToken(), "application/json");
    assertThat(json.status()).isEqualTo(403);
    assertThat(json.json().path("error").path("code").asString()).isEqualTo("FORBIDDEN");

    Answer api = get("/api/v1/accounts", ivy.apiToken(), "text/html");
    assertThat(api.status()).isEqualTo(403);
    assertThat(api.json().path("error").path("code").asString()).as("/api answers JSON whatever is asked")
        .isEqualTo("FORBIDDEN");
  }

  @Test
  void aPageRefusedInsideItsControllerIsAPageTooAndTheJsonTwinStaysJson() {
    Answer page = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/transparency?auditBefore=yesterday"))
        .header("Accept", "text/html").GET().build());
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("<nav class=\"site\" id=\"nav\"", "<a href=\"/login\">Sign in</a>",
        "<strong id=\"refusal-code\">INVALID_PARAMETER</strong>", "<code id=\"refusal-field\">auditBefore</code>")
        .doesNotContain("\"error\":{");
    // words first; the code (and the field's name) only in the small muted line after them
    java.util.regex.Matcher muted = java.util.regex.Pattern.compile(
        "<(\\w+) class=\"[^\"]*\\bmuted\\b[^\"]*\"[^>]*>(.*?)</\\1>").matcher(page.body());
    java.util.List<String> mutedParts = new java.util.ArrayList<>();
    while (muted.find()) {
      mutedParts.add(muted.group(2));
    }
    assertThat(mutedParts).as("the code sits inside the muted line")
        .anySatisfy(line -> assertThat(line).contains("<strong id=\"refusal-code\">INVALID_PARAMETER</strong>",
            "<code id=\"refusal-field\">auditBefore</code>"));
    assertThat(mutedParts).noneSatisfy(line -> assertThat(line).contains("refusal-message"));
    assertThat(page.body()).as("the words come first, in the refusal box")
        .containsPattern("<div class=\"refusal\" id=\"refusal\" role=\"alert\"><span id=\"refusal-message\">[^<]+</span>"
            + "<small class=\"muted[^\"]*\"");
    Answer json = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/transparency.json?auditBefore=yesterday"))
        .header("Accept", "application/json").GET().build());
    assertThat(json.status()).isEqualTo(400);
    assertThat(json.json().path("error").path("field").asString()).isEqualTo("auditBefore");
  }
}
