package org.glassplate.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.RefusalTable;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Roles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** R-ACC-3: no plate data without current training, and the refusal says why. */
class TrainingGateIT extends IntegrationTest {
  private static final AtomicInteger N = new AtomicInteger();

  @Autowired
  TrainingGate gate;

  @Autowired
  AccountSeeder seeder;

  @Autowired
  Accounts accounts;

  private AccountSeeder.SeededUser investigator(boolean trained) {
    AccountSeeder.Spec spec = AccountSeeder.Spec.of("gate" + N.incrementAndGet(), "Gate Tester", Roles.INVESTIGATOR);
    return seeder.seed(trained ? spec : spec.withoutTraining());
  }

  private static Caller caller(AccountSeeder.SeededUser u) {
    return new Caller(Caller.Kind.USER, u.id(), "user:" + u.id(), Set.of(Roles.INVESTIGATOR), null);
  }

  @Test
  void passesAPersonWithCurrentTraining() {
    AccountSeeder.SeededUser u = investigator(true);

    gate.requireCurrentTraining(caller(u));

    assertThat(gate.hasCurrentTraining(u.id())).isTrue();
  }

  @Test
  void refusesAPersonWithNoTrainingRecorded() {
    AccountSeeder.SeededUser u = investigator(false);

    assertThat(gate.hasCurrentTraining(u.id())).isFalse();
    assertThatThrownBy(() -> gate.requireCurrentTraining(caller(u)))
        .isInstanceOfSatisfying(Refusal.class, e -> {
          assertThat(RefusalTable.status(e).value()).isEqualTo(403);
          assertThat(e.code()).isEqualTo("TRAINING_REQUIRED");
          assertThat(e.getMessage()).contains("no training is recorded");
        });
  }

  @Test
  void refusesAPersonWhoseTrainingExpiredAndSaysWhen() {
    AccountSeeder.SeededUser u = investigator(true);
    LocalDate expiry = accounts.training(u.id()).get(0).expiresOn();

    clock.advance(Duration.ofDays(366));

    assertThat(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).isAfter(expiry);
    assertThat(gate.hasCurrentTraining(u.id())).isFalse();
    assertThatThrownBy(() -> gate.requireCurrentTraining(caller(u)))
        .isInstanceOfSatisfying(Refusal.class, e -> {
          assertThat(e.code()).isEqualTo("TRAINING_REQUIRED");
          assertThat(e.getMessage()).contains("expired on " + expiry);
        });
  }

  @Test
  void letsTheServerThroughButNeverACamera() {
    gate.requireCurrentTraining(Caller.system());

    assertThatThrownBy(() -> gate.requireCurrentTraining(
        new Caller(Caller.Kind.CAMERA, 1, "camera:1", Set.of(Roles.CAMERA), null)))
        .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.code()).isEqualTo("TRAINING_REQUIRED"));
  }

  @Test
  void seededPersonsTokenCarriesTheirRoles() {
    AccountSeeder.SeededUser admin = seeder.seed(AccountSeeder.Spec.of("gateadmin" + N.incrementAndGet(), "A",
        Roles.ADMINISTRATOR));
    AccountSeeder.SeededUser u = investigator(true);

    assertThat(admin.apiToken()).startsWith("gpu_");
    assertThat(get("/api/v1/cameras", admin.apiToken()).status()).isEqualTo(200);
    assertThat(get("/api/v1/cameras", u.apiToken()).status()).isEqualTo(403);
    assertThat(accounts.find(u.id()).orElseThrow().roles()).containsExactly(Roles.INVESTIGATOR);
  }
}
