package org.glassplate.server.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.core.Roles;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, the public page: the last purge named is one that deleted reads; approvals show their
 * titles and notes, never a pseudonym; past policy versions are listed with what each changed; the
 * audit browser filters by event type and shows times to the second; hit accuracy says how many hits
 * were verified before giving a ratio.
 */
class TransparencyPublicPageIT extends IntegrationTest {
  @Autowired
  AccountSeeder seeder;
  @Autowired
  TransparencyReport report;

  private void purge(Instant ranAt, long dropped, long deleted) {
    jdbc.sql("""
            INSERT INTO retention_purge (ran_at, non_hit_cutoff, hit_cutoff, partitions_dropped, reads_dropped,
                                         reads_deleted, reads_kept_for_hits, reads_kept_for_grants)
            VALUES (:at, :at, :at, 0, :dropped, :deleted, 0, 0)""")
        .param("at", Timestamp.from(ranAt)).param("dropped", dropped).param("deleted", deleted).update();
  }

  @Test
  void theLastPurgeNamedIsOneThatDeletedReads() {
    Instant deleting = clock.instant().plus(Duration.ofDays(400)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    purge(deleting, 40, 2);
    purge(deleting.plusSeconds(60), 0, 0); // a later purge that found nothing to delete
    report.forgetFigures(); // the 30-day figures are kept up to a minute
    JsonNode purges = get("/transparency.json", null).json().path("purges");
    assertThat(purges.path("lastAt").asString()).isEqualTo(deleting.toString());
    assertThat(purges.path("lastReadsDeleted").longValue()).isEqualTo(42);
    assertThat(get("/transparency", null).body()).contains("data-figure=\"purges.lastReadsDeleted\">42<");
  }

  @Test
  void approvalsShowTitlesAndNotesAndEveryVersionIsListedWithItsChanges() {
    long n = System.nanoTime() % 100_000;
    AccountSeeder.SeededUser a = seeder.seed(AccountSeeder.Spec.of("tp-admin-a-" + n, "Ada Proposer", Roles.ADMINISTRATOR));
    AccountSeeder.SeededUser b = seeder.seed(AccountSeeder.Spec.of("tp-admin-b-" + n, "Bo Approver", Roles.ADMINISTRATOR));
    String document = get("/api/v1/policy", null).json().get("document").asString();
    int before = get("/api/v1/policy", null).json().get("version").asInt();
    Answer proposed = post("/api/v1/policy/proposals", a.apiToken(), JSON.writeValueAsString(Map.of(
        "document", document.replace("maxExtension: P90D", "maxExtension: P60D"),
        "note", "Shorter extensions, as the council asked")));
    assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
    Answer approved = post("/api/v1/policy/proposals/" + proposed.json().get("id").asLong() + "/approvals",
        b.apiToken(), "{\"note\":\"Checked against the council minutes\"}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);

    JsonNode policy = get("/transparency.json", null).json().path("policy");
    assertThat(policy.path("version").asInt()).isEqualTo(before + 1);
    List<String> titles = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    policy.path("approvals").forEach(x -> {
      titles.add(x.path("title").asString());
      notes.add(x.path("note").asString());
    });
    assertThat(titles).containsExactly("An administrator, who proposed it", "A second administrator, who approved it");
    assertThat(notes).containsExactly("Shorter extensions, as the council asked", "Checked against the council minutes");
    JsonNode versions = policy.path("versions");
    assertThat(versions.get(0).path("version").asInt()).isEqualTo(before + 1);
    assertThat(versions.get(1).path("version").asInt()).isEqualTo(before);
    List<String> diff = new ArrayList<>();
    versions.get(0).path("diff").forEach(l -> diff.add(l.asString()));
    assertThat(diff).contains("-   maxExtension: P90D", "+   maxExtension: P60D");
    assertThat(versions.get(versions.size() - 1).path("diff")).as("the first version has nothing before it").isEmpty();

    String page = get("/transparency", null).body();
    assertThat(page).contains("An administrator, who proposed it", "Shorter extensions, as the council asked",
        "Checked against the council minutes", "id=\"version-" + before + "\"", "+   maxExtension: P60D");
    assertThat(page).doesNotContainPattern("user:\\d+");
  }

  @Test
  void theAuditBrowserFiltersByEventTypeAndShowsTimesToTheSecond() {
    JsonNode browse = get("/transparency.json?auditType=SERVER_STARTED", null).json().path("audit").path("browse");
    assertThat(browse.path("type").asString()).isEqualTo("SERVER_STARTED");
    assertThat(browse.path("entries")).isNotEmpty();
    browse.path("entries").forEach(e -> {
      assertThat(e.path("type").asString()).isEqualTo("SERVER_STARTED");
      assertThat(e.path("event").asString()).isEqualTo("server started");
      assertThat(e.path("localTime").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [A-Z]{3,4}");
    });
    assertThat(browse.path("types").toString()).contains("SEARCH_DENIED", "READS_INGESTED");
    String page = get("/transparency?auditType=SERVER_STARTED", null).body();
    assertThat(page).contains("<option value=\"SERVER_STARTED\" selected>", "<form method=\"get\" action=\"/transparency#audit-browser\"");
    assertThat(page).containsPattern("<time datetime=\"[^\"]+\" title=\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\">"
        + "<span class=\"fig\" data-figure=\"audit.browse.entries.0.localTime\">\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    Answer bad = get("/transparency.json?auditType=NO_SUCH_EVENT", null);
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().path("error").path("field").asString()).isEqualTo("auditType");
  }

  @Test
  void hitAccuracySaysHowManyHitsWereVerifiedBeforeItsRatio() {
    JsonNode accuracy = get("/transparency.json", null).json().path("hits").path("accuracy");
    String text = accuracy.path("text").asString();
    if (accuracy.path("verified").longValue() == 0) {
      assertThat(text).isEqualTo("none verified yet, so no accuracy to report");
    } else {
      assertThat(text).startsWith(accuracy.path("verified").longValue() + " verified by a person, of which "
          + accuracy.path("confirmed").longValue() + " confirmed (");
    }
  }
}
