package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlatePatternTest {

  @Test
  void questionMarkIsOneCharacterAndStarAnyRun() {
    PlatePattern p = PlatePattern.normalize("7ab?12*");
    assertThat(p.matches("7ABX12")).isTrue();
    assertThat(p.matches("7ABX123")).isTrue();
    assertThat(p.matches("7AB12")).isFalse();
    assertThat(p.matches("8ABX12")).isFalse();
    assertThat(PlatePattern.normalize("*XYZ").matches("123XYZ")).isTrue();
    assertThat(PlatePattern.normalize("*XYZ").matches("XYZ1")).isFalse();
    assertThat(PlatePattern.normalize("A*B*C").matches("AXXBYYC")).isTrue();
  }

  @Test
  void refusesPatternsThatWouldMatchAlmostAnything() {
    assertThatThrownBy(() -> PlatePattern.normalize("A*")).hasMessageContaining("at least 3");
    assertThatThrownBy(() -> PlatePattern.normalize("AB#?")).hasMessageContaining("only A-Z");
  }

  @Test
  void doesNotPrintItsValue() {
    assertThat(PlatePattern.normalize("7AB?12").toString()).doesNotContain("7AB");
  }
}
