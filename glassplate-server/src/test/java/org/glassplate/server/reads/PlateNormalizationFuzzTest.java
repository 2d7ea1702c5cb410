package org.glassplate.server.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes plate and pattern normalisation (issue 12, R-SRCH-3, R-ING-2): whatever a camera or a
 * person types as a plate or a search pattern is normalised or refused with the
 * {@link IllegalArgumentException} that names the rule (a 4xx naming the field, or a rejected read);
 * never another exception. What is accepted is in normal form (normalising again changes nothing),
 * and a query matches any plate without failing.
 *
 * <p>{@code mvn verify} runs this on its seed inputs only (Jazzer's regression mode), the files under
 * {@code src/test/resources/org/glassplate/server/reads/PlateNormalizationFuzzTestInputs/normalizesAnyPlateOrPattern/}:
 * a line typed as plate and pattern, then a line read as a stored plate. To fuzz for a minute (a
 * finding is saved there as a new input, to commit with its fix):
 * <pre>
 * JAZZER_FUZZ=1 flock /tmp/glassplate-maven.lock mvn -B -o -pl glassplate-server test \
 *     -Dtest=PlateNormalizationFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class PlateNormalizationFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void normalizesAnyPlateOrPattern(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    String typed = nl < 0 ? text : text.substring(0, nl);
    String other = nl < 0 ? "" : text.substring(nl + 1);
    boolean lookAlike = input.length % 2 == 1;

    PlateNumber plate = null;
    try {
      plate = PlateNumber.normalize(typed);
    } catch (IllegalArgumentException e) {
      // refused, naming the rule
    }
    if (plate != null) {
      assertTrue(plate.value().matches("[A-Z0-9]{1,8}"));
      assertEquals(plate, PlateNumber.normalize(plate.value()));
      PlateQuery exact = PlateQuery.plate(typed, lookAlike);
      assertTrue(exact.exact() && exact.indexable() && exact.matches(plate.value()));
      assertEquals(plate.value(), exact.like(false));
    }

    PlateQuery query = null;
    try {
      query = PlateQuery.pattern(typed, lookAlike);
    } catch (IllegalArgumentException e) {
      // refused, naming the rule
    }
    if (query != null) {
      assertTrue(query.pattern().matches("[A-Z0-9*?]{1,15}") && !query.pattern().contains("**"), "normal form");
      assertEquals(query, PlateQuery.pattern(query.pattern(), lookAlike));
      query.indexable();
      query.like(true);
      if (plate != null) {
        assertEquals(query.exact(), query.pattern().equals(plate.value()));
      }
      PlateNumber stored = null;
      try {
        stored = PlateNumber.normalize(other);
      } catch (IllegalArgumentException e) {
        // not a plate
      }
      if (stored != null) {
        boolean matched = query.matches(stored.value());
        if (query.exact() && !lookAlike) {
          assertEquals(query.pattern().equals(stored.value()), matched);
        }
      }
    }
  }
}
