package org.glassplate.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.glassplate.server.core.Refusal;
import org.glassplate.server.support.RefusalTable;
import org.junit.jupiter.api.Test;

class PasswordsTest {
  private static final Passwords PASSWORDS = new Passwords();

  @Test
  void bundlesAtLeastTenThousandCommonPasswords() {
    assertThat(PASSWORDS.listSize()).isGreaterThanOrEqualTo(10_000);
    assertThat(PASSWORDS.isCommon("Password1234")).isTrue();
    assertThat(PASSWORDS.isCommon("iloveyou")).isTrue();
    assertThat(PASSWORDS.isCommon("quiet lantern harbour 5150")).isFalse();
  }

  @Test
  void refusesACommonPasswordNamingTheRule() {
    assertThatThrownBy(() -> PASSWORDS.check("password", "Password1234", "someone"))
        .isInstanceOfSatisfying(Refusal.class, e -> {
          assertThat(RefusalTable.status(e).value()).isEqualTo(422);
          assertThat(e.field()).isEqualTo("password");
          assertThat(e.getMessage()).contains("too common").doesNotContain("Password1234");
        });
  }

  @Test
  void refusesPasswordsShorterThanTwelveCharacters() {
    assertThatThrownBy(() -> PASSWORDS.check("password", "k7#Qp2!zLm9", "someone"))
        .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.getMessage()).contains("at least 12"));
    PASSWORDS.check("password", "k7#Qp2!zLm9x", "someone");
  }

  @Test
  void refusesAPasswordContainingTheUsername() {
    assertThatThrownBy(() -> PASSWORDS.check("password", "ivy-investigator-2026!", "ivy-investigator"))
        .isInstanceOf(Refusal.class);
  }

  @Test
  void storesArgon2idHashesThatMatchOnlyThePassword() {
    String hash = PASSWORDS.hash("quiet lantern harbour 5150");

    assertThat(hash).startsWith("{argon2}$argon2id$").doesNotContain("quiet lantern");
    assertThat(PASSWORDS.matches("quiet lantern harbour 5150", hash)).isTrue();
    assertThat(PASSWORDS.matches("quiet lantern harbour 5151", hash)).isFalse();
    assertThat(PASSWORDS.hash("quiet lantern harbour 5150")).as("salted").isNotEqualTo(hash);
  }

  @Test
  void aHashThatCannotStartWithinTheWaitIsRefusedAsBusyWithRetryAfter() throws Exception {
    Passwords one = new Passwords(1, java.time.Duration.ofMillis(50));
    String hash = one.hash("quiet lantern harbour 5150");
    one.permits().acquire(); // another sign-in is hashing

    try {
      for (Runnable hashing : java.util.List.<Runnable>of(() -> one.matches("quiet lantern harbour 5150", hash),
          () -> one.hash("quiet lantern harbour 5150"), () -> one.burn("whatever"))) {
        assertThatThrownBy(hashing::run).isInstanceOfSatisfying(org.glassplate.server.core.RetryLater.class, e -> {
          assertThat(e.code()).isEqualTo("PASSWORD_CHECKS_BUSY");
          assertThat(RefusalTable.status(e).value()).isEqualTo(503);
          assertThat(e.retryAfterSeconds()).isPositive();
        });
      }
    } finally {
      one.permits().release();
    }

    assertThat(one.matches("quiet lantern harbour 5150", hash)).as("free again").isTrue();
    assertThat(one.permits().availablePermits()).as("every permit given back").isEqualTo(1);
  }
}
