package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassplate.server.accounts.AccountAdministration;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.accounts.WebSession;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Roles;
import org.glassplate.server.support.EventStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Revocation takes effect at once on live alert streams (issue 12 item 4; R-ACC-7): disabling the
 * person, revoking the token the stream was opened with or removing the operator role ends the stream
 * before the revoking call has answered, and a hit after that reaches no stream of theirs (a second
 * operator's stream shows the hit was sent). A missed revocation is still caught before the next alert
 * is sent; lapsed training and an idle session end the stream at the next check; a person holds at
 * most three streams. Scheduled jobs wait during each test, so that what ends a stream is the step
 * under test, not the periodic check.
 */
class AlertStreamRevocationIT extends HotlistTestSupport {
  @Autowired
  AlertStream alertStream;
  @Autowired
  AccountAdministration administration;

  /** Ends the streams earlier tests left open, as AlertsIT does: they would count views of these hits. */
  @BeforeEach
  void noStreamLeftOpen() {
    alertStream.stop();
    alertStream.start();
  }

  private AccountSeeder.SeededUser newOperator(String name) {
    return seeder.seed(AccountSeeder.Spec.of("hl-rev-" + name + "-" + PEOPLE.incrementAndGet(), "Rev Operator",
        Roles.OPERATOR));
  }

  /** A plate on an active local list: reading it raises an alert. */
  private String listedPlate(String prefix) {
    String plate = plate(prefix);
    long list = createList(supervisor, "Revocation", "local");
    approve(supervisor, list, addEntry(operator, list, plate, null, "stolen_vehicle", inDays(2)).path("id").longValue());
    return plate;
  }

  private EventStream stream(String token) throws Exception {
    return EventStream.open(baseUrl() + "/api/v1/alerts/stream", Map.of("Authorization", "Bearer " + token));
  }

  /** The hit is raised and delivered: the other operator's stream got it, so every stream was served. */
  private void hitSeenBy(EventStream control, String plate) throws Exception {
    JsonNode raised = read(camera(), plate, "CA");
    assertThat(raised).hasSize(1);
    assertThat(control.awaitEvent("alert")).as("the other operator's stream got the hit").isTrue();
  }

  private List<JsonNode> viewsBy(long accountId, long mark) {
    return audit(AuditEventTypes.ALERTS_VIEWED, mark).stream()
        .filter(e -> e.path("actor").stringValue().equals("user:" + accountId)).toList();
  }

  private static String endedReason(EventStream s) {
    assertThat(s.data("ended")).as("%s", s.lines()).hasSize(1);
    return JSON.readTree(s.data("ended").get(0)).path("reason").stringValue();
  }

  private void assertEndAudited(long accountId, long mark, String reason) {
    assertThat(audit(AuditEventTypes.ALERT_STREAM_ENDED, mark))
        .filteredOn(e -> e.path("actor").stringValue().equals("user:" + accountId)).singleElement()
        .satisfies(e -> {
          assertThat(e.path("outcome").stringValue()).isEqualTo("ENDED");
          assertThat(e.path("reasonCode").stringValue()).isEqualTo(reason);
        });
  }

  @Test
  void disablingThePersonEndsTheirStreamBeforeTheCallAnswersAndNoLaterHitReachesThem() throws Exception {
    AccountSeeder.SeededUser op = newOperator("disabled");
    String plate = listedPlate("DS");
    try (var paused = clock.pauseJobs(); EventStream theirs = stream(op.apiToken());
        EventStream control = stream(newOperator("w1").apiToken())) {
      long mark = auditMark();

      Answer disabled = post("/api/v1/accounts/" + op.id() + "/enabled", admin, "{\"enabled\":false}");

      assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
      assertThat(alertStream.openStreams(op.id())).as("ended when the disabling committed").isZero();
      assertThat(theirs.awaitEnd()).as("the server ended the stream").isTrue();
      assertThat(endedReason(theirs)).isEqualTo("ACCOUNT_DISABLED");
      assertEndAudited(op.id(), mark, "ACCOUNT_DISABLED");

      hitSeenBy(control, plate);

      assertThat(theirs.data("alert")).isEmpty();
      assertThat(viewsBy(op.id(), mark)).as("no alert shown to them, so none audited as viewed").isEmpty();
    }
  }

  @Test
  void revokingTheTokenEndsTheStreamOpenedWithIt() throws Exception {
    AccountSeeder.SeededUser op = newOperator("revoked");
    String plate = listedPlate("RT");
    long tokenId = get("/api/v1/tokens", op.apiToken()).json().path("tokens").get(0).path("id").longValue();
    try (var paused = clock.pauseJobs(); EventStream theirs = stream(op.apiToken());
        EventStream control = stream(newOperator("w2").apiToken())) {
      long mark = auditMark();

      Answer revoked = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/tokens/" + tokenId))
          .header("Authorization", "Bearer " + op.apiToken()).DELETE().build());

      assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
      assertThat(alertStream.openStreams(op.id())).isZero();
      assertThat(theirs.awaitEnd()).isTrue();
      assertThat(endedReason(theirs)).isEqualTo("TOKEN_REVOKED");
      assertEndAudited(op.id(), mark, "TOKEN_REVOKED");

      hitSeenBy(control, plate);

      assertThat(theirs.data("alert")).isEmpty();
      assertThat(viewsBy(op.id(), mark)).isEmpty();
    }
  }

  @Test
  void removingTheOperatorRoleEndsTheStream() throws Exception {
    AccountSeeder.SeededUser op = seeder.seed(AccountSeeder.Spec.of("hl-rev-role-" + PEOPLE.incrementAndGet(),
        "Rev Operator", Roles.OPERATOR, Roles.INVESTIGATOR));
    String plate = listedPlate("RR");
    try (var paused = clock.pauseJobs(); EventStream theirs = stream(op.apiToken());
        EventStream control = stream(newOperator("w3").apiToken())) {
      long mark = auditMark();

      Answer changed = send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(baseUrl() + "/api/v1/accounts/" + op.id() + "/roles"))
          .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
          .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"roles\":[\"INVESTIGATOR\"]}")).build());

      assertThat(changed.status()).as(changed.body()).isEqualTo(200);
      assertThat(alertStream.openStreams(op.id())).isZero();
      assertThat(theirs.awaitEnd()).isTrue();
      assertThat(endedReason(theirs)).isEqualTo("ROLE_REMOVED");
      assertEndAudited(op.id(), mark, "ROLE_REMOVED");

      hitSeenBy(control, plate);

      assertThat(theirs.data("alert")).isEmpty();
      assertThat(viewsBy(op.id(), mark)).isEmpty();
    }
  }

  @Test
  void aRevocationWhoseNewsWasMissedIsCaughtBeforeTheNextAlertIsSent() throws Exception {
    AccountSeeder.SeededUser op = newOperator("missed");
    String plate = listedPlate("MN");
    try (var paused = clock.pauseJobs(); EventStream theirs = stream(op.apiToken());
        EventStream control = stream(newOperator("w4").apiToken())) {
      long mark = auditMark();
      // disabled behind the application's back: no AccessRevoked is published
      jdbc.sql("UPDATE account SET enabled = false, disabled_reason = 'ADMINISTRATOR', disabled_at = now() WHERE id = :id")
          .param("id", op.id()).update();
      assertThat(alertStream.openStreams(op.id())).as("nobody told the stream").isEqualTo(1);

      hitSeenBy(control, plate);

      assertThat(theirs.awaitEnd()).isTrue();
      assertThat(endedReason(theirs)).isEqualTo("ACCOUNT_DISABLED");
      assertThat(theirs.data("alert")).as("checked before the alert was sent").isEmpty();
      assertThat(viewsBy(op.id(), mark)).isEmpty();
    }
  }

  @Test
  void aFourthStreamEndsTheOldestAndTheOtherThreeGetTheNextHit() throws Exception {
    AccountSeeder.SeededUser op = newOperator("four");
    String plate = listedPlate("FS");
    List<EventStream> streams = new ArrayList<>();
    try (var paused = clock.pauseJobs()) {
      for (int i = 0; i < 3; i++) {
        streams.add(stream(op.apiToken()));
      }
      assertThat(alertStream.openStreams(op.id())).isEqualTo(3);
      long mark = auditMark();

      streams.add(stream(op.apiToken()));

      assertThat(alertStream.openStreams(op.id())).isEqualTo(AlertStream.MAX_PER_PERSON);
      EventStream oldest = streams.get(0);
      assertThat(oldest.awaitEnd()).isTrue();
      assertThat(endedReason(oldest)).isEqualTo("REPLACED_BY_NEWER_STREAM");
      assertEndAudited(op.id(), mark, "REPLACED_BY_NEWER_STREAM");

      read(camera(), plate, "CA");

      for (EventStream s : streams.subList(1, 4)) {
        assertThat(s.awaitEvent("alert")).as("a newer stream gets the hit").isTrue();
        assertThat(s.data("ended")).isEmpty();
      }
      assertThat(oldest.data("alert")).isEmpty();
    } finally {
      streams.forEach(EventStream::close);
    }
  }

  @Test
  void aStreamEndsWhenTheTrainingOfItsPersonLapses() throws Exception {
    AccountSeeder.SeededUser op = seeder.seed(AccountSeeder.Spec.of("hl-rev-training-" + PEOPLE.incrementAndGet(),
        "Rev Operator", Roles.OPERATOR).withoutTraining());
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    administration.recordTraining(Caller.system(), op.id(), "Annual ALPR course", today.minusDays(300),
        today.plusDays(1));
    try (var paused = clock.pauseJobs(); EventStream theirs = stream(op.apiToken())) {
      long mark = auditMark();
      alertStream.sweep();
      assertThat(alertStream.openStreams(op.id())).as("trained today").isEqualTo(1);

      clock.advance(Duration.ofDays(2));
      alertStream.sweep(); // the scheduled check, run here because jobs wait while the clock is moved

      assertThat(alertStream.openStreams(op.id())).isZero();
      assertThat(theirs.awaitEnd()).isTrue();
      assertThat(endedReason(theirs)).isEqualTo("TRAINING_LAPSED");
      assertEndAudited(op.id(), mark, "TRAINING_LAPSED");
    }
  }

  @Test
  void aStreamOpenedWithTheSessionCookieEndsAtTheSessionsIdleLimit() throws Exception {
    AccountSeeder.SeededUser op = newOperator("session");
    WebSession web = new WebSession(baseUrl());
    assertThat(WebSession.location(web.signIn(op.username(), op.password(), op.totpSecret(), clock.instant())))
        .isEqualTo("/");
    try (var paused = clock.pauseJobs(); EventStream theirs = EventStream.open(baseUrl() + "/api/v1/alerts/stream",
        Map.of("Cookie", "JSESSIONID=" + web.sessionId()))) {
      long mark = auditMark();
      clock.advance(Duration.ofMinutes(29));
      alertStream.sweep();
      assertThat(alertStream.openStreams(op.id())).as("within the limit").isEqualTo(1);

      clock.advance(Duration.ofMinutes(2));
      alertStream.sweep();

      assertThat(alertStream.openStreams(op.id())).isZero();
      assertThat(theirs.awaitEnd()).isTrue();
      assertThat(endedReason(theirs)).isEqualTo("IDLE_TIMEOUT");
      assertEndAudited(op.id(), mark, "IDLE_TIMEOUT");
    }
  }
}
