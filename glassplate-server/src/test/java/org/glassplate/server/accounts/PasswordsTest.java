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
}
