package org.glassplate.server.hotlist;

/**
 * Packs a normalized plate (1 to 8 of A-Z, 0-9) into a long: base 37 with symbols 1..36, so that
 * leading zeros count ("0A" and "A" differ). 37^8 &lt; 2^42, so every code is positive and never 0,
 * which the hash set uses as "empty".
 *
 * <p>Look-alike characters (R-SRCH-3, R-HOT-2): 0/O/D/Q, 1/I, 2/Z, 5/S, 8/B, 6/G. A read's
 * single-substitution variants are computed on the code itself, without building strings.
 */
final class PlateCodes {
  static final int MAX_LENGTH = 8;
  private static final long[] POW = new long[MAX_LENGTH + 1];
  /** For each symbol value, the symbols it may be mistaken for (empty when none). */
  private static final int[][] ALTERNATES = new int[37][];

  static {
    POW[0] = 1;
    for (int i = 1; i <= MAX_LENGTH; i++) {
      POW[i] = POW[i - 1] * 37;
    }
    for (int i = 0; i < ALTERNATES.length; i++) {
      ALTERNATES[i] = new int[0];
    }
    String[] groups = {"0ODQ", "1I", "2Z", "5S", "8B", "6G"};
    for (String g : groups) {
      for (int i = 0; i < g.length(); i++) {
        int[] alts = new int[g.length() - 1];
        int k = 0;
        for (int j = 0; j < g.length(); j++) {
          if (j != i) {
            alts[k++] = symbol(g.charAt(j));
          }
        }
        ALTERNATES[symbol(g.charAt(i))] = alts;
      }
    }
  }

  private PlateCodes() {
  }

  /** 1..36 for 0-9 and A-Z, or -1 for anything else. */
  static int symbol(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0' + 1;
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A' + 11;
    }
    return -1;
  }

  /** The code of a normalized plate, or -1 if it is not one (too long, other characters). */
  static long encode(CharSequence plate) {
    int n = plate.length();
    if (n == 0 || n > MAX_LENGTH) {
      return -1;
    }
    long code = 0;
    for (int i = 0; i < n; i++) {
      int s = symbol(plate.charAt(i));
      if (s < 0) {
        return -1;
      }
      code = code * 37 + s;
    }
    return code;
  }

  static String decode(long code) {
    StringBuilder sb = new StringBuilder(MAX_LENGTH);
    while (code > 0) {
      int s = (int) (code % 37);
      sb.append(s <= 10 ? (char) ('0' + s - 1) : (char) ('A' + s - 11));
      code /= 37;
    }
    return sb.reverse().toString();
  }

  /** The symbols a symbol may be mistaken for (shared array: do not modify). */
  static int[] alternates(int symbol) {
    return ALTERNATES[symbol];
  }

  /** The weight of position {@code i} in a plate of {@code n} characters. */
  static long weight(int n, int i) {
    return POW[n - 1 - i];
  }

  /** Receives look-alike variants; returns false to stop early. */
  @FunctionalInterface
  interface VariantSink {
    boolean accept(long variant);
  }

  /**
   * Calls {@code sink} with the code of every plate that differs from {@code plate} by exactly one
   * look-alike substitution (at most 8 positions × 3 alternates).
   *
   * @return the number of variants produced
   */
  static int forEachLookAlike(CharSequence plate, long code, VariantSink sink) {
    int n = plate.length();
    int produced = 0;
    for (int i = 0; i < n; i++) {
      int s = symbol(plate.charAt(i));
      int[] alts = ALTERNATES[s];
      if (alts.length == 0) {
        continue;
      }
      long weight = POW[n - 1 - i];
      for (int a : alts) {
        produced++;
        if (!sink.accept(code + (a - s) * weight)) {
          return produced;
        }
      }
    }
    return produced;
  }

  /** Whether two plates of equal length differ by exactly one look-alike substitution. */
  static boolean isLookAlike(String read, String entry) {
    if (read.length() != entry.length()) {
      return false;
    }
    int diffs = 0;
    for (int i = 0; i < read.length(); i++) {
      char a = read.charAt(i);
      char b = entry.charAt(i);
      if (a != b) {
        if (++diffs > 1) {
          return false;
        }
        boolean alike = false;
        for (int alt : ALTERNATES[symbol(a)]) {
          alike |= alt == symbol(b);
        }
        if (!alike) {
          return false;
        }
      }
    }
    return diffs == 1;
  }
}
