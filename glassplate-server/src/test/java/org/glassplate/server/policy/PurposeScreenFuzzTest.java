package org.glassplate.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes the purpose screen (issue 12, R-SRCH-2): whatever a search's reason, case number or
 * on-behalf-of holds, screening answers a verdict and never throws (an exception would be a 500,
 * and a search neither refused nor audited as one), and invisible characters never change it.
 *
 * <p>{@code mvn verify} runs this on its seed inputs only (Jazzer's regression mode), the files under
 * {@code src/test/resources/org/glassplate/server/policy/PurposeScreenFuzzTestInputs/screensAnyText/}.
 * To fuzz for a minute (a finding is saved there as a new input, to commit with its fix):
 * <pre>
 * JAZZER_FUZZ=1 flock /tmp/glassplate-maven.lock mvn -B -o -pl glassplate-server test \
 *     -Dtest=PurposeScreenFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class PurposeScreenFuzzTest {
  static final PurposeScreen SCREEN = PurposeScreenTest.SCREEN;

  @FuzzTest(maxDuration = "60s")
  void screensAnyText(byte[] input) {
    // as UTF-8 (what a request body holds) and as UTF-16 (any Java string, lone surrogates too)
    for (String text : List.of(new String(input, StandardCharsets.UTF_8),
        new String(input, StandardCharsets.UTF_16LE))) {
      PurposeScreen.Screening reason = SCREEN.screen("ROBBERY", text);
      wellFormed(reason);
      PurposeScreen.Screening plain = SCREEN.prohibitedIn(text);
      wellFormed(plain);
      assertEquals(plain.prohibited(), reason.prohibited());
      PurposeScreen.Screening identifier = SCREEN.prohibitedInIdentifier(text);
      wellFormed(identifier);
      assertFalse(plain.prohibited() && !identifier.prohibited(), "an identifier is screened at least as strictly");
      for (String word : PurposeScreen.tokens(text)) {
        assertFalse(word.isEmpty());
      }
      StringBuilder spread = new StringBuilder();
      text.codePoints().forEach(c -> spread.append('\u200B').appendCodePoint(c).append('\u00AD'));
      assertEquals(plain.verdict(), SCREEN.prohibitedIn(spread.toString()).verdict(), "invisible characters matter");
    }
  }

  private static void wellFormed(PurposeScreen.Screening s) {
    assertNotNull(s.verdict());
    assertEquals(s.prohibited(), s.category() != null);
    assertEquals(s.prohibited(), s.description() != null);
  }
}
