package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PlateCodesTest {

  @Test
  void codesAreDistinctForLeadingZerosAndRoundTrip() {
    for (String plate : List.of("A", "0A", "00A", "ZZZZZZZZ", "00000000", "8ABC123", "1")) {
      long code = PlateCodes.encode(plate);
      assertThat(code).as(plate).isPositive().isLessThan(1L << 42);
      assertThat(PlateCodes.decode(code)).isEqualTo(plate);
    }
    assertThat(PlateCodes.encode("A")).isNotEqualTo(PlateCodes.encode("0A"));
  }

  @Test
  void refusesWhatIsNotANormalizedPlate() {
    assertThat(PlateCodes.encode("")).isEqualTo(-1);
    assertThat(PlateCodes.encode("ABCDEFGHI")).isEqualTo(-1);
    assertThat(PlateCodes.encode("ab1")).isEqualTo(-1);
    assertThat(PlateCodes.encode("AB-1")).isEqualTo(-1);
  }

  @Test
  void lookAlikeVariantsAreTheSingleSubstitutions() {
    Set<String> got = variants("8ABC123");
    // 8->B, B->8, 1->I, 2->Z; A, C and 3 have no look-alike
    assertThat(got).containsExactlyInAnyOrder("BABC123", "8A8C123", "8ABCI23", "8ABC1Z3");
  }

  @Test
  void zeroHasThreeLookAlikes() {
    assertThat(variants("0")).containsExactlyInAnyOrder("O", "D", "Q");
    assertThat(variants("Q")).containsExactlyInAnyOrder("O", "D", "0");
    assertThat(variants("6G")).containsExactlyInAnyOrder("GG", "66");
    assertThat(variants("5S")).containsExactlyInAnyOrder("SS", "55");
    assertThat(variants("XYX")).isEmpty();
  }

  @Test
  void isLookAlikeNeedsExactlyOneAlikeDifference() {
    assertThat(PlateCodes.isLookAlike("8ABC123", "BABC123")).isTrue();
    assertThat(PlateCodes.isLookAlike("8ABC123", "8ABC123")).isFalse();
    assertThat(PlateCodes.isLookAlike("8ABC123", "BA8C123")).isFalse();
    assertThat(PlateCodes.isLookAlike("8ABC123", "XABC123")).isFalse();
    assertThat(PlateCodes.isLookAlike("8ABC123", "BABC1234")).isFalse();
  }

  private static Set<String> variants(String plate) {
    List<String> out = new ArrayList<>();
    int n = PlateCodes.forEachLookAlike(plate, PlateCodes.encode(plate), v -> out.add(PlateCodes.decode(v)));
    assertThat(n).isEqualTo(out.size());
    return new TreeSet<>(out);
  }
}
