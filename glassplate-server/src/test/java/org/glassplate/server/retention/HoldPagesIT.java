package org.glassplate.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.PageClient;
import org.glassplate.server.core.Roles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The legal hold pages' refusals and access rules (issue 6, R-RET-2); the happy path is {@link HoldPagesBrowserIT}. */
class HoldPagesIT extends IntegrationTest {
  private static final AtomicInteger N = new AtomicInteger();

  @Autowired
  AccountSeeder seeder;
  @Autowired
  Cameras cameras;
  @Autowired
  Policies policies;

  private String person(String stem, String... roles) {
    return seeder.seed(AccountSeeder.Spec.of("hold-" + stem + "-" + N.incrementAndGet(), "Holds " + stem, roles))
        .apiToken();
  }

  /** Two reads of a fresh plate, an hour old; returns their ids. */
  private List<Long> reads() {
    Camera.WithToken cam = cameras.register("Hold pages cam " + N.incrementAndGet(), 43.1, -71.1, 0);
    String plate = "HQ" + (5000 + N.incrementAndGet()) + "T";
    Instant at = clock.instant().minus(Duration.ofHours(1));
    Answer a = post("/api/v1/reads", cam.token(), """
        {"reads":[{"plate":"%s","state":"CA","capturedAt":"%s"},{"plate":"%s","state":"CA","capturedAt":"%s"}]}"""
        .formatted(plate, at, plate, at.plusSeconds(2))); // two passes (one read twice is stored once)
    assertThat(a.json().path("accepted").intValue()).as(a.body()).isEqualTo(2);
    return jdbc.sql("SELECT id FROM plate_read WHERE plate = :p ORDER BY id").param("p", plate).query(Long.class).list();
  }

  /** {@code token}'s search of the plate of these reads (a request names only reads its requester's searches found). */
  private void searched(String token, List<Long> ids) {
    Answer search = post("/api/v1/searches", token, """
        {"plate":"%s","from":"%s","to":"%s","caseNumber":"2026-008800","offense":"ROBBERY",
         "reason":"armed robbery at 5th and Main, suspect vehicle seen leaving"}""".formatted(
        jdbc.sql("SELECT plate FROM plate_read WHERE id = :id").param("id", ids.get(0)).query(String.class).single(),
        clock.instant().minus(Duration.ofHours(2)), clock.instant().plus(Duration.ofMinutes(1))));
    assertThat(search.status()).as(search.body()).isEqualTo(200);
    assertThat(search.json().path("results")).hasSize(ids.size());
  }

  private long grants() {
    return jdbc.sql("SELECT count(*) FROM retention_grant").query(Long.class).single();
  }

  private long auditMark() {
    return jdbc.sql("SELECT coalesce(max(id), 0) FROM " + org.glassplate.server.support.AuditEntries.ALL)
        .query(Long.class).single();
  }

  private List<JsonNode> auditedSince(AuditEventType type, long mark) {
    return jdbc.sql("SELECT convert_from(entry, 'UTF8') FROM " + org.glassplate.server.support.AuditEntries.ALL
            + " WHERE id > :mark AND convert_from(entry, 'UTF8')::jsonb ->> 'type' = :t ORDER BY id")
        .param("mark", mark).param("t", type.name()).query(String.class).list().stream().map(JSON::readTree).toList();
  }

  @Test
  void aRefusedRequestNamesTheFieldAndKeepsWhatWasTyped() {
    String investigator = person("ivy", Roles.INVESTIGATOR);
    List<Long> ids = reads();
    Answer search = post("/api/v1/searches", investigator, """
        {"plate":"%s","from":"%s","to":"%s","caseNumber":"2026-008801","offense":"ROBBERY",
         "reason":"armed robbery at 5th and Main, suspect vehicle seen leaving"}""".formatted(
        jdbc.sql("SELECT plate FROM plate_read WHERE id = :id").param("id", ids.get(0)).query(String.class).single(),
        clock.instant().minus(Duration.ofHours(2)), clock.instant().plus(Duration.ofMinutes(1))));
    assertThat(search.status()).as(search.body()).isEqualTo(200);
    String searchId = search.json().path("searchId").stringValue();
    PageClient browser = new PageClient(baseUrl(), investigator);
    assertThat(browser.page("/search").status()).isEqualTo(200);
    String endsOn = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(12).toString();
    long before = grants();
    long mark = auditMark();

    Answer noReason = browser.form("/holds", Map.of("searchId", searchId, "reason", " ", "endsOn", endsOn));
    assertThat(noReason.status()).as(noReason.body()).isEqualTo(422);
    assertThat(noReason.body()).contains("<code id=\"refusal-field\">reason</code>", "a reason is required",
        "name=\"endsOn\" required value=\"" + endsOn + "\"", "name=\"searchId\" value=\"" + searchId + "\"");

    String tooLate = LocalDate.ofInstant(clock.instant().plus(policies.current().maxLegalHold()), ZoneOffset.UTC)
        .plusDays(2).toString();
    Answer overMaximum = browser.form("/holds", Map.of("searchId", searchId, "reason", "trial set for spring",
        "endsOn", tooLate));
    assertThat(overMaximum.status()).as(overMaximum.body()).isEqualTo(422);
    assertThat(overMaximum.body()).contains("<code id=\"refusal-field\">endsOn</code>", "may last at most",
        ">trial set for spring</textarea>", "value=\"" + tooLate + "\"");

    Answer notADate = browser.form("/holds", Map.of("searchId", searchId, "reason", "r", "endsOn", "next week"));
    assertThat(notADate.status()).isEqualTo(422);
    assertThat(notADate.body()).contains("<code id=\"refusal-field\">endsOn</code>", "value=\"next week\"");

    PageClient other = new PageClient(baseUrl(), person("other", Roles.INVESTIGATOR));
    other.page("/search");
    Answer notMine = other.form("/holds", Map.of("searchId", searchId, "reason", "r", "endsOn", endsOn));
    assertThat(notMine.status()).isEqualTo(403);
    assertThat(notMine.body()).contains("<code id=\"refusal-field\">searchId</code>", "no search of yours",
        "NOT_FROM_YOUR_SEARCHES");

    assertThat(grants()).as("nothing was requested").isEqualTo(before);
    assertThat(auditedSince(AuditEventTypes.LEGAL_HOLD_REQUESTED, mark)).isEmpty();

    Answer requested = browser.form("/holds", Map.of("searchId", searchId, "reason", "trial set for spring",
        "endsOn", endsOn));
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    assertThat(requested.body()).contains("requested for 2 reads of case <strong>2026-008801</strong>");
    assertThat(auditedSince(AuditEventTypes.LEGAL_HOLD_REQUESTED, mark)).singleElement()
        .satisfies(e -> assertThat(e.path("endsAt").stringValue()).isEqualTo(endsOn + "T00:00:00Z"));
  }

  @Test
  void theRequesterCannotApproveTheirOwnHold() {
    String supervisor = person("sue", Roles.SUPERVISOR, Roles.INVESTIGATOR);
    List<Long> ids = reads();
    searched(supervisor, ids);
    Answer own = post("/api/v1/legal-holds", supervisor, """
        {"caseNumber":"2026-008802","reason":"hit and run","endsAt":"%s","readIds":%s}"""
        .formatted(clock.instant().plus(Duration.ofDays(3)), ids));
    assertThat(own.status()).as(own.body()).isEqualTo(201);
    long id = own.json().path("id").longValue();
    PageClient browser = new PageClient(baseUrl(), supervisor);
    assertThat(browser.page("/holds").body()).contains("id=\"approval-" + id + "\"");
    long mark = auditMark();

    Answer refused = browser.form("/holds/" + id + "/approval", Map.of());
    assertThat(refused.status()).isEqualTo(303);
    assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/holds");
    Answer after = browser.page("/holds");
    assertThat(after.body()).contains("<div class=\"refusal\" id=\"refusal\" role=\"alert\"><span id=\"refusal-message\">"
        + "Refused (#" + id
        + "): you cannot approve this legal hold (it is your own): approvals count people, not accounts, so a"
        + " different person must do it.</span><small class=\"muted code-line\" id=\"refusal-code-line\">Code for support: "
        + "<strong id=\"refusal-code\">SAME_PERSON</strong></small></div>");
    assertThat(jdbc.sql("SELECT status FROM retention_grant WHERE id = :id").param("id", id).query(String.class)
        .single()).isEqualTo("PENDING");
    assertThat(auditedSince(AuditEventTypes.RETENTION_ACTION_REFUSED, mark)).singleElement()
        .satisfies(e -> assertThat(e.path("reasonCode").stringValue()).isEqualTo("SAME_PERSON"));
    assertThat(auditedSince(AuditEventTypes.LEGAL_HOLD_APPROVED, mark)).isEmpty();
    assertThat(browser.page("/holds").body()).as("the message is shown once").doesNotContain("id=\"refusal\"");

    // another supervisor approves, then ends it
    PageClient other = new PageClient(baseUrl(), person("sid", Roles.SUPERVISOR));
    other.page("/holds");
    assertThat(other.form("/holds/" + id + "/approval", Map.of()).status()).isEqualTo(303);
    assertThat(other.page("/holds").body()).contains("Legal hold #" + id + " approved.", "id=\"end-" + id + "\"");
    assertThat(other.form("/holds/" + id + "/end", Map.of()).status()).isEqualTo(303);
    assertThat(other.page("/holds").body()).contains("Legal hold #" + id + " ended.");
    assertThat(jdbc.sql("SELECT status FROM retention_grant WHERE id = :id").param("id", id).query(String.class)
        .single()).isEqualTo("ENDED");
    assertThat(auditedSince(AuditEventTypes.LEGAL_HOLD_APPROVED, mark)).hasSize(1);
    assertThat(auditedSince(AuditEventTypes.LEGAL_HOLD_ENDED, mark)).hasSize(1);
  }

  @Test
  void auditorsAndSupervisorsSeeTheHoldsAndTheViewIsAuditedAsTheApisIs() {
    String investigator = person("ian", Roles.INVESTIGATOR);
    String auditor = person("aud", Roles.AUDITOR);
    List<Long> ids = reads();
    searched(investigator, ids);
    Answer held = post("/api/v1/legal-holds", investigator, """
        {"caseNumber":"2026-008803","reason":"arson, vehicle seen","endsAt":"%s","readIds":%s}"""
        .formatted(clock.instant().plus(Duration.ofDays(3)), ids));
    long id = held.json().path("id").longValue();

    long mark = auditMark();
    Answer seen = new PageClient(baseUrl(), auditor).page("/holds");
    assertThat(seen.status()).isEqualTo(200);
    assertThat(seen.body()).contains("<tr id=\"grant-" + id + "\" data-status=\"PENDING\">", "2026-008803",
        "arson, vehicle seen").doesNotContain("id=\"approval-" + id + "\"");
    List<JsonNode> pageViews = auditedSince(AuditEventTypes.RETENTION_GRANTS_VIEWED, mark);
    long apiMark = auditMark();
    get("/api/v1/legal-holds", auditor);
    get("/api/v1/retention-extensions", auditor);
    List<JsonNode> apiViews = auditedSince(AuditEventTypes.RETENTION_GRANTS_VIEWED, apiMark);
    assertThat(pageViews).extracting(e -> e.path("kind").stringValue())
        .containsExactly("LEGAL_HOLD", "EXTENSION").isEqualTo(apiViews.stream().map(e -> e.path("kind").stringValue())
            .toList());
    assertThat(pageViews.get(0).toString()).doesNotContain("2026-008803", "arson");

    // investigators may ask for holds, not see them or approve them; an auditor does not approve either
    PageClient ian = new PageClient(baseUrl(), investigator);
    assertThat(ian.page("/holds").status()).isEqualTo(403);
    ian.page("/search");
    assertThat(ian.form("/holds/" + id + "/approval", Map.of()).status()).isEqualTo(403);
    PageClient aud = new PageClient(baseUrl(), auditor);
    aud.page("/holds");
    assertThat(aud.form("/holds/" + id + "/approval", Map.of()).status()).isEqualTo(403);
    assertThat(jdbc.sql("SELECT status FROM retention_grant WHERE id = :id").param("id", id).query(String.class)
        .single()).isEqualTo("PENDING");
  }

  @Test
  void withoutSignInThePagesSendToTheSignInPageAndAFormWithoutItsTokenIsRefused() {
    PageClient nobody = new PageClient(baseUrl(), null);
    Answer page = nobody.page("/holds");
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    assertThat(get("/holds", null).status()).as("not a browser: the API's answer").isEqualTo(401);

    long before = grants();
    assertThat(nobody.form("/holds", Map.of("reason", "r", "endsOn", "2099-01-01")).status()).isIn(302, 401, 403);
    PageClient noToken = new PageClient(baseUrl(), person("nat", Roles.INVESTIGATOR));
    assertThat(noToken.form("/holds", Map.of("reason", "r", "endsOn", "2099-01-01")).status())
        .as("no CSRF token").isEqualTo(403);
    assertThat(grants()).isEqualTo(before);
  }
}
