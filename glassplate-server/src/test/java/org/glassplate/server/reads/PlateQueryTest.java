package org.glassplate.server.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R-SRCH-3: what a plate, a wildcard pattern and a look-alike query match. */
class PlateQueryTest {

  @ParameterizedTest(name = "{0} lookalike={1} ~ {2} = {3}")
  @CsvSource(delimiter = '|', textBlock = """
      7ABC*    | false | 7ABC123  | true
      7ABC*    | false | 7ABC     | true
      7ABC*    | false | 7ABD123  | false
      7AB?123  | false | 7ABC123  | true
      7AB?123  | false | 7AB123   | false
      7AB?123  | false | 7ABCC123 | false
      *123     | false | 8ABC123  | true
      *123     | false | 1234     | false
      *ABC*    | false | ABC      | true
      *ABC*    | false | 8A8C123  | false
      *ABC*    | true  | 8A8C123  | true
      8ABC123  | true  | BABC123  | true
      8ABC123  | true  | 8A8C123  | true
      8ABC123  | true  | BA8CIZ3  | true
      8ABC123  | true  | 8ABC124  | false
      0DQO     | true  | O0D0     | true
      0DQO     | false | O0D0     | false
      5SAM001  | true  | SSAM00I  | true
      6G?      | true  | G6X      | true
      ?        | false | A        | true
      ?        | false | AB       | false
      """)
  void matches(String pattern, boolean lookAlike, String plate, boolean want) {
    assertEquals(want, PlateQuery.pattern(pattern, lookAlike).matches(plate));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      7abc-*        | 7ABC*
      7 AB? 123     | 7AB?123
      **12**3       | *12*3
      """)
  void normalizesPatterns(String raw, String want) {
    assertEquals(want, PlateQuery.pattern(raw, false).pattern());
  }

  @ParameterizedTest(name = "{0} indexable={1}")
  @CsvSource(delimiter = '|', textBlock = """
      7ABC123 | true
      7A*     | true
      *23     | true
      ?AB?12? | false
      *ABC*   | true
      7*      | false
      7?B?1?3 | false
      *       | false
      """)
  void knowsWhichPatternsAnIndexCanAnswer(String pattern, boolean want) {
    assertEquals(want, PlateQuery.pattern(pattern, false).indexable());
  }

  @Test
  void refusesWhatIsNotAPlatePattern() {
    for (String bad : List.of("7AB%", "'; DROP", "ABCDEFGHI", "", "___")) {
      assertThrows(IllegalArgumentException.class, () -> PlateQuery.pattern(bad, false), bad);
    }
  }

  @Test
  void enumeratesLookAlikeVariants() {
    assertEquals(List.of("8B", "BB", "88", "B8").stream().sorted().toList(),
        Reads.variants("8B", 100).stream().sorted().toList());
    assertEquals(null, Reads.variants("OOOOOOOO", 1024));
  }

  @Test
  void redactsInToString() {
    assertEquals("PlateQuery[redacted, lookAlike=false]", PlateQuery.plate("7ABC123", false).toString());
  }
}
