package org.glassplate.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A case number is known clear without cutting it into pieces ({@link PurposeScreen#clearIdentifier}) only
 * where {@link PurposeScreen#prohibitedInIdentifier} says so: its one-pass keys are the pieces' keys run
 * together, on odd identifiers and on 300,000 random ones, and it never calls clear what the screen does not.
 */
class PurposeScreenIdentifierTest {
  static final PurposeScreen SCREEN = PurposeScreenTest.SCREEN;

  @ParameterizedTest
  @ValueSource(strings = {"MV26590771", "n/a", "ICE2024-17", "ice-2024", "1CE2024", "protest", "PR0TEST-1", "ex's car",
      "don't", "a's", "a'", "'a", "1'a", "a'1", "ab1's", "x''y", "l1l1", "  ", "", "-", "2024-ICE", "CASE#FBI/77",
      "Lawful 5150", "imm1gration", "a's's", "it's'", "mv'26", "ICE", "i c e", "I.C.E.", "i-c-e", "ice_agent",
      "A~B`C|D", "o'brien2024", "DEPORT-99", "d3p0rt"})
  void oddIdentifiers(String id) {
    check(id);
  }

  @Test
  void randomIdentifiers() {
    Random r = new Random(16);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -'/#._s'";
    String[] words = {"ice", "ICE", "protest", "deport", "immigration", "fbi", "abortion", "MV", "case", "n/a", "'s"};
    int clear = 0;
    int notClear = 0;
    for (int k = 0; k < 300_000; k++) {
      StringBuilder sb = new StringBuilder();
      for (int n = r.nextInt(14); n > 0; n--) {
        if (r.nextInt(10) == 0) {
          sb.append(words[r.nextInt(words.length)]);
        } else {
          sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
      }
      if (check(sb.toString())) {
        clear++;
      } else {
        notClear++;
      }
    }
    assertTrue(clear > 1000 && notClear > 1000, clear + " clear, " + notClear + " not");
  }

  @Test
  void aTermInAnIdentifierIsNeverCalledClear() {
    assertFalse(SCREEN.clearIdentifier("ICE2024-17"));
    assertTrue(SCREEN.clearIdentifier("MV26590771"));
    assertFalse(SCREEN.clearIdentifier("MV-é-1"), "not ASCII: the screen is asked");
  }

  /** Compares the one-pass keys with the pieces' keys; returns whether it was called clear. */
  static boolean check(String id) {
    String n = id.toLowerCase(Locale.ROOT);
    if (n.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
      assertEquals(PurposeScreen.runTogether(PurposeScreen.normalize(id)),
          PurposeScreen.asciiKeys(n, new StringBuilder(), new StringBuilder()).toString(), id);
    }
    boolean clear = SCREEN.clearIdentifier(id);
    if (clear) {
      assertEquals(PurposeScreen.Verdict.CLEAR, SCREEN.prohibitedInIdentifier(id).verdict(), id);
    }
    return clear;
  }
}
