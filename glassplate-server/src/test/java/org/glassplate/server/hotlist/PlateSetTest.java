package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlateSetTest {

  @Test
  void containsExactlyWhatWasAdded() {
    Random r = new Random(42);
    long[] codes = new long[100_000];
    Set<Long> want = new HashSet<>();
    for (int i = 0; i < codes.length; i++) {
      codes[i] = 1 + (r.nextLong() & ((1L << 42) - 1));
      want.add(codes[i]);
    }
    PlateSet set = PlateSet.of(codes, codes.length);
    assertThat(set.size()).isEqualTo(want.size());
    for (long c : codes) {
      assertThat(set.contains(c)).isTrue();
    }
    int falsePositives = 0;
    for (int i = 0; i < 100_000; i++) {
      long c = 1 + (r.nextLong() & ((1L << 42) - 1));
      if (set.contains(c) != want.contains(c)) {
        falsePositives++;
      }
    }
    assertThat(falsePositives).isZero();
  }

  @Test
  void ignoresDuplicatesAndNonCodes() {
    PlateSet set = PlateSet.of(5, 5, 0, -1, 7);
    assertThat(set.size()).isEqualTo(2);
    assertThat(set.contains(0)).isFalse();
    assertThat(set.contains(-1)).isFalse();
    assertThat(set.plus(9).contains(9)).isTrue();
    assertThat(PlateSet.EMPTY.contains(5)).isFalse();
  }

  @Test
  void tenMillionPlatesFitIn128MiB() {
    assertThat(8L * PlateSet.capacityFor(10_000_000)).isEqualTo(128L << 20);
  }
}
