package org.glassplate.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The policy's optional {@code oversight} section: the thresholds of the misuse rules (R-GOV-4), part of
 * the published document, with defaults when absent and field-named errors when wrong.
 */
class PolicyOversightSectionTest {

  /** The shipped default without its oversight section. */
  static String withoutOversight() {
    String doc = PolicyParserTest.defaultDocument();
    int at = doc.indexOf("\noversight:");
    int comment = doc.lastIndexOf("\n\n", at);
    return doc.substring(0, comment + 1);
  }

  @Test
  void theShippedDefaultSaysWhatTheDefaultsAre() {
    assertEquals(PolicyContent.Oversight.DEFAULTS, PolicyParser.parse(PolicyParserTest.defaultDocument()).oversight());
  }

  @Test
  void aDocumentWithoutTheSectionGetsTheDefaults() {
    String doc = withoutOversight();
    assertTrue(!doc.contains("oversight:"), doc.substring(doc.length() - 200));
    assertEquals(PolicyContent.Oversight.DEFAULTS, PolicyParser.parse(doc).oversight());
  }

  @Test
  void aFieldLeftOutGetsItsDefaultAndOneGivenIsRead() {
    String doc = withoutOversight() + """
        oversight:
          repeatedPlate:
            days: 5
          workingHours:
            from: "07:30"
            to: "19:00"
          placeholderCaseNumbers: [none]
        """;
    PolicyContent.Oversight o = PolicyParser.parse(doc).oversight();
    assertEquals(5, o.repeatedPlateDays());
    assertEquals(Duration.ofDays(14), o.repeatedPlateWithin());
    assertEquals(LocalTime.of(7, 30), o.workingHoursFrom());
    assertEquals(List.of("none"), o.placeholderCaseNumbers());
    assertEquals(PolicyContent.Oversight.DEFAULTS.vagueReasons(), o.vagueReasons());
    assertEquals(Duration.ofDays(30), o.dormantAfter());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      '  repeatedPlate:\\n    days: 1'               | document.oversight.repeatedPlate.days
      '  repeatedPlate:\\n    days: 20'              | document.oversight.repeatedPlate.days
      '  repeatedPlate:\\n    within: soon'          | document.oversight.repeatedPlate.within
      '  retriedWithin: P30D'                        | document.oversight.retriedWithin
      '  workingHours:\\n    from: 25:00\\n    to: 06:00' | document.oversight.workingHours.from
      '  workingHours:\\n    from: \"06:00\"'          | document.oversight.workingHours.to
      '  highVolume:\\n    timesPeerMedian: 1'        | document.oversight.highVolume.timesPeerMedian
      '  broadSearch:\\n    lookbackPercent: 101'     | document.oversight.broadSearch.lookbackPercent
      '  dormantAfter: forever'                      | document.oversight.dormantAfter
      '  vagueReasons: [\"--\"]'                       | document.oversight.vagueReasons
      '  nonPurposeReasons: all cameras'             | document.oversight.nonPurposeReasons
      '  dormantAfterDays: 30'                       | document.oversight.dormantAfterDays
      """)
  void aBadFieldIsNamed(String yaml, String field) {
    String doc = withoutOversight() + "oversight:\n" + yaml.replace("\\n", "\n") + "\n";
    InvalidPolicy e = assertThrows(InvalidPolicy.class, () -> PolicyParser.parse(doc));
    assertEquals(field, e.field(), e.getMessage());
  }
}
