package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.core.Roles;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.support.PageClient;
import org.junit.jupiter.api.Test;

/**
 * The alert form works without the page's script (the footer of every page promises it): the form
 * posts to the page itself, under the same rules as the API: no outcome, or a misread without a
 * note, is refused in words naming the field and records nothing; a chosen outcome with its note is
 * recorded and the page says so.
 */
class AlertFormWithoutScriptIT extends HotlistTestSupport {

  private long raiseAlert() {
    Camera.WithToken cam = cameras.register("No-script cam " + PEOPLE.incrementAndGet(), 36.76, -119.79, 0);
    String plate = plate("NS");
    long list = createList(supervisor, "No-script list", "local");
    approve(supervisor, list, addEntry(operator, list, plate, "CA", "stolen_vehicle", inDays(1)).path("id").longValue());
    Answer read = post("/api/v1/reads", cam.token(), """
        {"reads":[{"plate":"%s","state":"CA","capturedAt":"%s"}]}""".formatted(plate,
        clock.instant().minus(Duration.ofMinutes(2))));
    assertThat(read.json().path("alerts")).as(read.body()).hasSize(1);
    return jdbc.sql("SELECT id FROM hotlist_alert WHERE entry_plate = :p").param("p", plate).query(Long.class).single();
  }

  private String outcome(long alertId) {
    return jdbc.sql("SELECT outcome FROM hotlist_alert WHERE id = :id").param("id", alertId).query(String.class)
        .optional().orElse(null);
  }

  @Test
  void theFormPostsWithoutTheScriptUnderTheSameRules() {
    long alert = raiseAlert();
    AccountSeeder.SeededUser op = seeder.seed(AccountSeeder.Spec.of("hl-noscript-" + PEOPLE.incrementAndGet(),
        "Nora Noscript", Roles.OPERATOR));
    PageClient browser = new PageClient(baseUrl(), op.apiToken());
    Answer page = browser.page("/operator");
    assertThat(page.body()).contains("action=\"/operator/alerts/" + alert + "/verification\"");

    Answer none = browser.form("/operator/alerts/" + alert + "/verification", Map.of("note", ""));
    assertThat(none.status()).isEqualTo(422);
    assertThat(none.body()).contains("id=\"refusal-field\">outcome<", "choose what you found");
    assertThat(outcome(alert)).isNull();

    Answer misread = browser.form("/operator/alerts/" + alert + "/verification", Map.of("outcome", "misread",
        "note", "  "));
    assertThat(misread.status()).isEqualTo(422);
    assertThat(misread.body()).contains("id=\"refusal-field\">note<");
    assertThat(outcome(alert)).isNull();

    Answer done = browser.form("/operator/alerts/" + alert + "/verification", Map.of("outcome", "misread",
        "note", "camera read an 8 as a B"));
    assertThat(done.status()).isEqualTo(303);
    assertThat(done.headers().firstValue("Location").orElseThrow()).endsWith("/operator");
    assertThat(outcome(alert)).isEqualToIgnoringCase("misread");
    assertThat(browser.page("/operator").body()).contains("Alert #" + alert + ": your verification (Misread) is recorded.",
        "Nora Noscript");
  }
}
