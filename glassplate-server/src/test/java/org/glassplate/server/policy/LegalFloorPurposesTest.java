package org.glassplate.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassplate.server.core.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R-SRCH-2, R-SHR-2: no field of a California policy can switch off the prohibited-purpose terms the
 * legal floor requires (issue 12): listing them as not prohibited, in any spelling or inside a
 * phrase the floor does not know to be innocent, or naming them as an authorized purpose, is
 * refused with {@code LEGAL_FLOOR}.
 */
class LegalFloorPurposesTest {
  static final LegalFloor CALIFORNIA = LegalFloorTest.CALIFORNIA;

  /** The shipped default with {@code notProhibited} replaced by {@code items}. */
  static String withNotProhibited(String items) {
    String doc = PolicyParserTest.defaultDocument();
    int from = doc.indexOf("  notProhibited: [");
    int to = doc.indexOf(']', from);
    return doc.substring(0, from) + "  notProhibited: [" + items + doc.substring(to);
  }

  static Refusal refusal(String doc) {
    return assertThrows(Refusal.class, () -> CALIFORNIA.check(PolicyParser.parse(doc, "CA")));
  }

  @Test
  void refusesAPolicyThatListsIceAndImmigrationAsNotProhibited() {
    Refusal e = refusal(withNotProhibited("ICE, immigration"));
    assertEquals("LEGAL_FLOOR", e.code());
    assertEquals("document.purposes.notProhibited[0]", e.field());
    assertTrue(e.getMessage().contains("Government Code 7284.6"), e.getMessage());
  }

  @Test
  void refusesAPolicyThatListsIceAsNotProhibited() {
    Refusal e = refusal(withNotProhibited("ice cream, ICE"));
    assertEquals("LEGAL_FLOOR", e.code());
    assertEquals("document.purposes.notProhibited[1]", e.field());
  }

  @ParameterizedTest(name = "notProhibited: [{0}] is refused")
  @ValueSource(strings = {"immigration", "I.C.E.", "'ice*'", "\u0406CE", "ice agent", "ICE raid", "ice agents",
      "deportations", "DHS", "H S I", "abortion", "abortion clinic", "reproductive", "'i*'"})
  void refusesEveryPhraseThatWouldAllowAFloorTerm(String phrase) {
    Refusal e = refusal(withNotProhibited("dry ice, " + phrase));
    assertEquals("LEGAL_FLOOR", e.code(), e.getMessage());
    assertEquals("document.purposes.notProhibited[1]", e.field());
  }

  @Test
  void refusesAPolicyThatAuthorizesAFloorPurpose() {
    String doc = PolicyParserTest.defaultDocument().replace("    - Locating missing and at-risk persons",
        "    - Assisting ICE with removals.\n    - Locating missing and at-risk persons");
    Refusal e = refusal(doc);
    assertEquals("LEGAL_FLOOR", e.code());
    assertEquals("document.purposes.authorized[2]", e.field());
  }

  @Test
  void acceptsTheShippedDefaultAndItsInnocentPhrases() {
    CALIFORNIA.check(PolicyParser.parse(PolicyParserTest.defaultDocument(), "CA"));
    CALIFORNIA.check(PolicyParser.parse(withNotProhibited(String.join(", ", LegalFloor.INNOCENT_PHRASES)
        + ", personal property, Black-Ice"), "CA"));
  }
}
