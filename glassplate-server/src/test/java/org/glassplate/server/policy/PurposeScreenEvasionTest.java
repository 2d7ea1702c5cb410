package org.glassplate.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * R-SRCH-2: the purpose screen cannot be dodged by spelling (issue 12). Every evasion below names a
 * prohibited purpose in a way a person reads at once, and is refused wherever a search carries
 * text: the reason, the case number and on-behalf-of. Every innocent reason below merely looks like
 * one (a prohibited word inside another word, initials, accents) and passes.
 */
class PurposeScreenEvasionTest {
  static final PurposeScreen SCREEN = PurposeScreenTest.SCREEN;

  /** A text and the category it must be refused as. */
  record Evasion(String text, String category) {
    @Override
    public String toString() {
      return text.codePoints().mapToObj(c -> c < 0x7F && c >= 0x20 ? Character.toString(c)
          : String.format("\\u%04X", c)).reduce("", String::concat) + " -> " + category;
    }
  }

  static final String IMMIGRATION = "IMMIGRATION";
  static final String REPRODUCTIVE = "REPRODUCTIVE_OR_GENDER_AFFIRMING_CARE";

  static List<Evasion> evasions() {
    return List.of(
        // single letters joined across any separator
        new Evasion("help I-C-E find him", IMMIGRATION),
        new Evasion("I_C_E", IMMIGRATION),
        new Evasion("I/C/E", IMMIGRATION),
        new Evasion("i . c . e", IMMIGRATION),
        new Evasion("I C E detainer", IMMIGRATION),
        new Evasion("I-C_E/", IMMIGRATION),
        new Evasion("I. C/E", IMMIGRATION),
        new Evasion("I*C*E", IMMIGRATION),
        new Evasion("I,C,E", IMMIGRATION),
        new Evasion("I|C|E", IMMIGRATION),
        new Evasion("I~C~E", IMMIGRATION),
        new Evasion("I\tC\tE", IMMIGRATION),
        new Evasion("a I-C-E agent asked", IMMIGRATION),
        new Evasion("H_S_I", IMMIGRATION),
        new Evasion("D/H/S", IMMIGRATION),
        new Evasion("C-B-P", IMMIGRATION),
        new Evasion("e.r.o", IMMIGRATION),
        new Evasion("IC-E", IMMIGRATION),
        new Evasion("I CE", IMMIGRATION),
        new Evasion("H SI", IMMIGRATION),
        new Evasion("imm-igration", IMMIGRATION),
        new Evasion("i-m-m-i-g-r-a-t-i-o-n", IMMIGRATION),
        new Evasion("d e p o r t", IMMIGRATION),
        new Evasion("homeland-security", IMMIGRATION),
        new Evasion("a.b.o.r.t.i.o.n", REPRODUCTIVE),
        // zero-width, format and control characters
        new Evasion("I\u200BCE", IMMIGRATION),
        new Evasion("I\u200CC\u200CE", IMMIGRATION),
        new Evasion("I\u200DCE", IMMIGRATION),
        new Evasion("I\u2060CE", IMMIGRATION),
        new Evasion("I\uFEFFCE", IMMIGRATION),
        new Evasion("I\u00ADCE", IMMIGRATION),
        new Evasion("I\u2063CE", IMMIGRATION),
        new Evasion("I\u202ECE", IMMIGRATION),
        new Evasion("I\u0007CE", IMMIGRATION),
        new Evasion("I\u0000CE", IMMIGRATION),
        new Evasion("I\u034FCE", IMMIGRATION),
        new Evasion("I\uFE0FCE", IMMIGRATION),
        new Evasion("I\u3164CE", IMMIGRATION),
        new Evasion("I\uDB40\uDC20CE", IMMIGRATION),
        new Evasion("h\u200Bs\u200Bi", IMMIGRATION),
        new Evasion("imm\u00ADigration hold", IMMIGRATION),
        new Evasion("immi\u200Bgration", IMMIGRATION),
        new Evasion("deport\u200Bation", IMMIGRATION),
        new Evasion("ab\u00ADortion clinic", REPRODUCTIVE),
        // look-alike letters of other scripts, compatibility forms, accents
        new Evasion("\u0406CE", IMMIGRATION),
        new Evasion("\u0406\u0421\u0415", IMMIGRATION),
        new Evasion("\u0456ce", IMMIGRATION),
        new Evasion("\u0399C\u0395", IMMIGRATION),
        new Evasion("\u0399\u03F9\u0395", IMMIGRATION),
        new Evasion("\u0456mm\u0456grat\u0456on", IMMIGRATION),
        new Evasion("\u03B9mmigration", IMMIGRATION),
        new Evasion("d\u0435portation", IMMIGRATION),
        new Evasion("\u0430bortion", REPRODUCTIVE),
        new Evasion("\u0420lanned \u0420arenthood", REPRODUCTIVE),
        new Evasion("\uFF29\uFF23\uFF25", IMMIGRATION),
        new Evasion("\uD835\uDC08\uD835\uDC02\uD835\uDC04", IMMIGRATION),
        new Evasion("\u24BE\u24B8\u24BA", IMMIGRATION),
        new Evasion("\u026A\u1D04\u1D07", IMMIGRATION),
        new Evasion("I\u0301C\u0327E\u0300", IMMIGRATION),
        new Evasion("\u00CDCE", IMMIGRATION),
        new Evasion("\uA4F2\uA4DA\uA4F0", IMMIGRATION),
        new Evasion("\uD83C\uDDEE\uD83C\uDDE8\uD83C\uDDEA", IMMIGRATION),
        new Evasion("\u0131ce raid", IMMIGRATION),
        new Evasion("\uFF24\uFF28\uFF33 request", IMMIGRATION),
        // letters and digits that pass for others
        new Evasion("lCE", IMMIGRATION),
        new Evasion("HSl", IMMIGRATION),
        new Evasion("1CE raid", IMMIGRATION),
        new Evasion("ER0 target", IMMIGRATION),
        new Evasion("depor7ation", IMMIGRATION),
        // other categories
        new Evasion("pr\u043Etest downtown", "FIRST_AMENDMENT"),
        new Evasion("p-r-o-t-e-s-t", "FIRST_AMENDMENT"),
        new Evasion("ha\u200Brass the neighbor", "HARASSMENT"),
        new Evasion("m\u0443 \u0435\u0445", "PERSONAL_USE"),
        new Evasion("ex-girl-friend", "PERSONAL_USE"));
  }

  static List<String> innocentReasons() {
    return List.of(
        "ice cream truck theft",
        "ICE CREAM TRUCK stolen from the lot",
        "ice-cream truck stolen",
        "police report of a stolen car",
        "service station robbery",
        "Hsieh reported her car stolen",
        "victim Mr. Hsieh, burglary",
        "notice of stolen plates",
        "Justice Center parking lot hit and run",
        "device stolen from the vehicle",
        "office burglary on Main",
        "Price Street carjacking",
        "Alice Street bridge shooting",
        "black ice crash, hit and run suspect",
        "dry ice bomb left in a mailbox",
        "assault with an ice pick",
        "iced coffee shop robbery",
        "Iceland Avenue burglary",
        "slice of pizza shop robbery",
        "nice weather, car broken into",
        "twice seen near the school",
        "rice warehouse arson",
        "juice bar robbery",
        "voice mail threat, suspect vehicle",
        "Maurice and Janice reported the theft",
        "Beatrice Gonz\u00E1lez, victim of carjacking",
        "witness I. C. Edwards saw the car",
        "witness D. H. Smith saw the car",
        "suspect plate starts with 7 I C",
        "hero who chased the suspect got the plate",
        "zero visibility hit and run",
        "Romero burglary series",
        "Nero Street shooting",
        "report of a stolen car",
        "airport lot theft",
        "passport stolen with the car",
        "support vehicle for a robbery crew",
        "transport van stolen",
        "aborted transaction, then armed robbery",
        "Protestant church burglary",
        "protected witness vehicle",
        "demonstrated the route to detectives",
        "personnel lot break-in",
        "speed bump damage, hit and run",
        "racially mixed crowd witnessed the shooting",
        "Caf\u00E9 M\u00E9xico robbery",
        "Pe\u00F1a Street kidnapping",
        "\u0418\u0432\u0430\u043D \u041F\u0435\u0442\u0440\u043E\u0432 victim of robbery",
        "deportment of suspect in robbery video",
        "THICE robbery suspect",
        "ADHSX",
        "suspect vehicle ADHSX registered owner",
        "Sheriff's Office assist, homicide",
        "CBPD1 is the camera that saw it",
        "office of emergency services stolen truck",
        "licensed contractor van stolen");
  }

  static List<String> innocentCaseNumbers() {
    return List.of("24-001187", "CR-24-0012", "2024-1187-A", "SO-24-33871", "B24-77120", "PD2024-5541", "HSIEH-2024",
        "24-POLICE-17", "NOTICE-24", "OFFICE-2024-9");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("evasions")
  void refusesEvasionsInTheReason(Evasion e) {
    PurposeScreen.Screening s = SCREEN.screen("ROBBERY", e.text());
    assertEquals(PurposeScreen.Verdict.PROHIBITED, s.verdict(), e.toString());
    assertEquals(e.category(), s.category(), e.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("evasions")
  void refusesEvasionsInTheCaseNumberAndOnBehalfOf(Evasion e) {
    assertEquals(e.category(), SCREEN.prohibitedInIdentifier("24-" + e.text() + "-0017").category(), e.toString());
    assertEquals(e.category(), SCREEN.prohibitedIn(e.text() + " field office").category(), e.toString());
  }

  @Test
  void thereAreAtLeastFiftyOfEach() {
    assertTrue(evasions().size() >= 50, "evasions: " + evasions().size());
    assertTrue(innocentReasons().size() >= 50, "innocent reasons: " + innocentReasons().size());
  }

  @ParameterizedTest(name = "\"{0}\" is allowed")
  @MethodSource("innocentReasons")
  void allowsInnocentReasons(String reason) {
    PurposeScreen.Screening s = SCREEN.screen("BURGLARY", reason);
    assertFalse(s.prohibited(), reason + " -> " + s.category());
  }

  @ParameterizedTest(name = "case number {0} is allowed")
  @MethodSource("innocentCaseNumbers")
  void allowsOrdinaryCaseNumbers(String caseNumber) {
    PurposeScreen.Screening s = SCREEN.prohibitedInIdentifier(caseNumber);
    assertFalse(s.prohibited(), caseNumber + " -> " + s.category());
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"ICE2024-17", "24ICE", "HSI24-0009", "2024DHS7"})
  void readsLettersAndDigitsOfACaseNumberAsWords(String caseNumber) {
    assertEquals(IMMIGRATION, SCREEN.prohibitedInIdentifier(caseNumber).category(), caseNumber);
  }

  @Test
  void aLookAlikeThatSpellsNoTermIsNotRefused() {
    assertFalse(SCREEN.prohibitedIn("\u039A\u0399CE").prohibited(), "KICE is not ICE");
  }

  @Test
  void theFloorsTermsAreScreenedEvenWhenAPolicyInForceHidesThem() {
    // a document that a proposal would refuse (LegalFloor), screened as if it were in force anyway
    PolicyContent c = PolicyParser.parse(PolicyParserTest.defaultDocument()
        .replace("notProhibited: [ice cream,", "notProhibited: [ICE, immigration, ice agent, ice cream,"));
    PurposeScreen screen = PurposeScreen.of(c);
    assertEquals(IMMIGRATION, screen.screen("ROBBERY", "ICE detainer").category());
    assertEquals(IMMIGRATION, screen.screen("ROBBERY", "immigration hold").category());
    assertEquals(IMMIGRATION, screen.screen("ROBBERY", "ice agent asked us").category());
    assertFalse(screen.screen("ROBBERY", "ice cream truck stolen").prohibited());
  }
}
