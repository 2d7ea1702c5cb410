package org.glassplate.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R-SRCH-2: prohibited purposes are found as words and abbreviations, and only as words. */
class PurposeScreenTest {
  static final PurposeScreen SCREEN = PurposeScreen.of(PolicyParser.parse(PolicyParserTest.defaultDocument()));

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      ICE detainer                                  | IMMIGRATION
      ice detainer                                  | IMMIGRATION
      assist H.S.I.                                 | IMMIGRATION
      assist H. S. I.                               | IMMIGRATION
      assist h s i with a case                      | IMMIGRATION
      assist hsi                                    | IMMIGRATION
      immigration hold                              | IMMIGRATION
      Immigration-hold request                      | IMMIGRATION
      request from DHS                              | IMMIGRATION
      D.H.S. request                                | IMMIGRATION
      C.B.P. lookout                                | IMMIGRATION
      ERO target                                    | IMMIGRATION
      locate for deportation                        | IMMIGRATION
      subject was deported, now back                | IMMIGRATION
      undocumented person                           | IMMIGRATION
      I.C.E. asked us to find the car               | IMMIGRATION
      ICE detainer near the ice cream shop          | IMMIGRATION
      abortion clinic visit                         | REPRODUCTIVE_OR_GENDER_AFFIRMING_CARE
      visited Planned Parenthood                    | REPRODUCTIVE_OR_GENDER_AFFIRMING_CARE
      went out of state for abortions               | REPRODUCTIVE_OR_GENDER_AFFIRMING_CARE
      gender-affirming care appointment             | REPRODUCTIVE_OR_GENDER_AFFIRMING_CARE
      reproductive health visit                     | REPRODUCTIVE_OR_GENDER_AFFIRMING_CARE
      attended the protest downtown                 | FIRST_AMENDMENT
      identify protesters at city hall              | FIRST_AMENDMENT
      First-Amendment activity                      | FIRST_AMENDMENT
      speeding                                      | TRAFFIC_ENFORCEMENT_ALONE
      unpaid parking tickets                        | TRAFFIC_ENFORCEMENT_ALONE
      personal                                      | PERSONAL_USE
      where is my ex's car                          | PERSONAL_USE
      checking on my ex-girlfriend                  | PERSONAL_USE
      harassing the neighbor                        | HARASSMENT
      targeting mosque attendees                    | PROTECTED_CLASS
      """)
  void refusesProhibitedPurposes(String reason, String category) {
    PurposeScreen.Screening s = SCREEN.screen("ROBBERY", reason);
    assertEquals(PurposeScreen.Verdict.PROHIBITED, s.verdict(), reason);
    assertEquals(category, s.category(), reason);
  }

  @ParameterizedTest(name = "\"{0}\" is allowed")
  @CsvSource(delimiter = '|', textBlock = """
      ice cream truck theft
      Ice Cream Truck stolen from the lot
      black ice crash, hit and run suspect
      suspect vehicle ADHSX registered owner
      ADHSX
      THICE robbery suspect
      deportment of suspect in robbery video
      stolen personal property from vehicle
      suspect fled in silver sedan after armed robbery at 5th and Main
      burglary series on Oak St; witness gave partial plate
      Protestant church burglary
      """)
  void allowsOrdinaryReasons(String reason) {
    PurposeScreen.Screening s = SCREEN.screen("BURGLARY", reason);
    assertEquals(false, s.prohibited(), reason + " -> " + s.category());
  }

  @ParameterizedTest(name = "\"{0}\" is vague")
  @CsvSource(delimiter = '|', textBlock = """
      investigation
      inv
      test
      BOLO
      bolo 24-00123
      Investigation of case 2024-1187
      follow up
      n/a
      """)
  void flagsVagueReasonsWithoutRefusing(String reason) {
    PurposeScreen.Screening s = SCREEN.screen("ROBBERY", reason);
    assertEquals(PurposeScreen.Verdict.VAGUE, s.verdict(), reason);
    assertEquals("VAGUE", s.reasonCategory());
  }

  @ParameterizedTest(name = "\"{0}\" is specific")
  @CsvSource(delimiter = '|', textBlock = """
      armed robbery suspect vehicle
      stolen white pickup seen on Elm
      missing child, amber alert vehicle
      """)
  void acceptsSpecificReasons(String reason) {
    PurposeScreen.Screening s = SCREEN.screen("ROBBERY", reason);
    assertEquals(PurposeScreen.Verdict.CLEAR, s.verdict(), reason);
    assertEquals("STATED", s.reasonCategory());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      H.S.I.          | hsi
      assist H. S. I. | assist,hsi
      A.D.H.S.X       | adhsx
      ex's car        | ex,car
      don't           | dont
      Café-Crème      | cafe,creme
      """)
  void tokensJoinAbbreviationsAndDropPunctuation(String text, String words) {
    assertEquals(List.of(words.split(",")), PurposeScreen.tokens(text));
  }

  /** Real reasons from a public search audit (see the sample file): the vague ones are flagged, none refused. */
  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @org.junit.jupiter.params.provider.CsvFileSource(resources = "/samples/reasons/eugene-or-flock-reasons.csv",
      delimiter = '|', numLinesToSkip = 1)
  void judgesRealReasonsFromAPublicAudit(String reason, String verdict) {
    assertEquals(PurposeScreen.Verdict.valueOf(verdict), SCREEN.screen("GRAND_THEFT", reason).verdict(), reason);
  }

  @org.junit.jupiter.api.Test
  void anOffenseCanBeProhibitedToo() {
    assertEquals("IMMIGRATION", SCREEN.screen("IMMIGRATION VIOLATION", "locate the vehicle").category());
  }
}
