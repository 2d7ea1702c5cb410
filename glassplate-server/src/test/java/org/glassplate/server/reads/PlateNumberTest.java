package org.glassplate.server.reads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PlateNumberTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "8abc123, 8ABC123",
      "'8 ABC 123', 8ABC123",
      "8-ABC-123, 8ABC123",
      "8.abc.123, 8ABC123",
      "' x ', X",
      "ABCDEFGH, ABCDEFGH",
  })
  void normalizesCaseSpacesDashesAndDots(String raw, String want) {
    assertThat(PlateNumber.normalize(raw).value()).as("got for %s", raw).isEqualTo(want);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "-.-", "ABCDEFGHI", "8ABC_123", "ÄBC123", "8ABC/12"})
  void refusesWhatIsNotAPlate(String raw) {
    assertThatThrownBy(() -> PlateNumber.normalize(raw)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> PlateNumber.normalize(null)).hasMessage("plate is missing");
  }

  @Test
  void errorMessagesNeverEchoThePlate() {
    assertThatThrownBy(() -> PlateNumber.normalize("SECRET1XYZ")).message().doesNotContain("SECRET");
    assertThatThrownBy(() -> PlateNumber.normalize("SECRET_1")).message().doesNotContain("SECRET");
  }

  @Test
  void toStringRedacts() {
    assertThat(PlateNumber.normalize("7XYZ999").toString()).doesNotContain("7XYZ999");
  }
}
