package org.glassplate.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.glassplate.server.core.Refusal;

/**
 * Fuzzes the policy YAML (issue 12, R-GOV-1): any document an administrator proposes is either read
 * whole, every section present and the legal floor judged, or refused with {@code INVALID_POLICY}
 * naming its line and field (or {@code LEGAL_FLOOR}); never another exception, which would be a 500.
 *
 * <p>{@code mvn verify} runs this on its seed inputs only (Jazzer's regression mode), the files under
 * {@code src/test/resources/org/glassplate/server/policy/PolicyParserFuzzTestInputs/parsesOrRefusesAnyDocument/}
 * (the shipped default among them). To fuzz for a minute (a finding is saved there as a new input,
 * to commit with its fix):
 * <pre>
 * JAZZER_FUZZ=1 flock /tmp/glassplate-maven.lock mvn -B -o -pl glassplate-server test \
 *     -Dtest=PolicyParserFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class PolicyParserFuzzTest {
  static final PolicyContent DEFAULT = PolicyParser.parse(PolicyParserTest.defaultDocument(), "CA");

  @FuzzTest(maxDuration = "60s")
  void parsesOrRefusesAnyDocument(byte[] input) {
    String document = new String(input, StandardCharsets.UTF_8);
    PolicyContent content;
    try {
      content = PolicyParser.parse(document, "CA");
    } catch (InvalidPolicy e) {
      assertEquals("INVALID_POLICY", e.code());
      assertTrue(e.line() >= 1, e.getMessage());
      assertTrue(e.field().startsWith("document"), e.field());
      return;
    }
    // read whole: every enforced setting is there
    assertEquals("CA", content.agencyState());
    assertFalse(content.offenses().isEmpty());
    assertNotNull(content.retention().nonHit());
    assertTrue(content.retention().hit().compareTo(content.retention().nonHit()) >= 0);
    assertNotNull(content.access().trainingValidity());
    assertFalse(content.purposes().prohibited().isEmpty());
    for (SharingAgreement a : content.sharing().agreements()) {
      if (a.terms() != null) { // a partner's query never reaches past retention, nor names an unknown offense
        assertTrue(a.terms().scope().lookback().compareTo(content.retention().nonHit()) <= 0, a.id());
        assertTrue(a.terms().scope().offenses().stream()
            .allMatch(o -> content.offenses().stream().anyMatch(x -> x.code().equals(o))), a.id());
      }
    }
    try {
      LegalFloorTest.CALIFORNIA.check(content);
    } catch (Refusal e) {
      assertEquals("LEGAL_FLOOR", e.code(), e.getMessage());
    }
    PurposeScreen.of(content).screen(content.offenses().get(0).name(), "armed robbery suspect vehicle");
    Expansions.between(DEFAULT, content);
  }
}
