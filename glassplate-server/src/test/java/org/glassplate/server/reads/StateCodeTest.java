package org.glassplate.server.reads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateCodeTest {

  @ParameterizedTest
  @ValueSource(strings = {"CA", "ca", " ny ", "DC", "PR", "GU", "VI", "AS", "MP", "ZZ"})
  void acceptsStatesDcTerritoriesAndUnknown(String raw) {
    assertThat(StateCode.parse(raw).value()).isEqualTo(raw.trim().toUpperCase());
  }

  @ParameterizedTest
  @ValueSource(strings = {"XX", "C", "CAL", "ON", "BC", "12"})
  void refusesOtherCodes(String raw) {
    assertThatThrownBy(() -> StateCode.parse(raw)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void missingStateIsUnknown() {
    assertThat(StateCode.parse(null)).isEqualTo(StateCode.UNKNOWN);
    assertThat(StateCode.parse(" ").value()).isEqualTo("ZZ");
  }
}
