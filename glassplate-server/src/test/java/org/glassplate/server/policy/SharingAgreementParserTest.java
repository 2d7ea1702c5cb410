package org.glassplate.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.glassplate.log.note.Ed25519NoteSigner;
import org.glassplate.log.note.WitnessSigner;
import org.glassplate.server.support.AgreementYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R-SHR-1: a sharing agreement is an entry of the policy document, read as strictly as the rest of it. */
class SharingAgreementParserTest {
  static final String BASE = PolicyParserTest.defaultDocument();
  static final String ENTRY = AgreementYaml.entry("sac-pd");

  static String withEntry(String entry) {
    return AgreementYaml.with(BASE, entry);
  }

  @Test
  void readsEveryFieldOfAnAgreement() {
    PolicyContent c = PolicyParser.parse(withEntry(ENTRY
        .replace("cameras: all", "cameras: [3, 7]")
        .replace("reads: hits-only", "reads: all")
        .replace("direction: both", "direction: we-answer")), "CA");
    assertEquals("sharing.agreements", c.sharing().listField());
    SharingAgreement a = c.sharing().agreements().get(0);
    assertEquals("sac-pd", a.id());
    assertEquals("Partner sac-pd", a.name());
    assertEquals("CA", a.state());
    assertEquals(SharingAgreement.Kind.LOCAL, a.kind());
    assertEquals("MOU sac-pd", a.reference());
    SharingAgreement.Terms t = a.terms();
    assertEquals(URI.create("https://sac-pd.example.gov"), t.url());
    assertEquals(AgreementYaml.KEY, t.publicKey());
    assertEquals(SharingAgreement.Direction.WE_ANSWER, t.direction());
    assertFalse(t.scope().allCameras());
    assertEquals(List.of(3L, 7L), t.scope().cameras());
    assertFalse(t.scope().hitsOnly());
    assertEquals(Duration.ofDays(7), t.scope().lookback());
    assertEquals("P7D", t.scope().lookbackIso());
    assertEquals(List.of("STOLEN_VEHICLE", "HOMICIDE"), t.scope().offenses());
    assertEquals(LocalDate.of(2020, 1, 1), t.starts());
    assertEquals(LocalDate.of(2099, 1, 1), t.expires());
    assertNull(t.witnessKey(), "a document written before issue 15 names no witness key");
    assertNull(t.logKey());
  }

  static final String WITNESS_KEY = WitnessSigner.fromSeed("localhost/glassplate/sac-pd/witness",
      new byte[32]).key().vkey();
  static final String LOG_KEY = Ed25519NoteSigner.fromSeed("localhost/glassplate/sac-pd", new byte[32]).verifierKey();

  @Test
  void readsThePartnersWitnessAndLogKeys() {
    SharingAgreement.Terms t = PolicyParser.parse(withEntry(ENTRY.replace("      direction:",
        "      witnessKey: " + WITNESS_KEY + "\n      logKey: " + LOG_KEY + "\n      direction:")), "CA")
        .sharing().agreements().get(0).terms();
    assertEquals(WITNESS_KEY, t.witnessKey());
    assertEquals(LOG_KEY, t.logKey());
  }

  @Test
  void namesTheWitnessOrLogKeyThatIsNotOne() {
    record Case(String field, String value, String want) {
    }
    for (Case c : List.of(
        new Case("witnessKey", LOG_KEY, "type 0x04"), // the log's key is not a witness key
        new Case("witnessKey", "sac-pd+0000+AAAA", "malformed witness key"),
        new Case("logKey", WITNESS_KEY, "audit log key"),
        new Case("logKey", "not a key", "audit log key"))) {
      String doc = withEntry(ENTRY.replace("      direction:", "      " + c.field() + ": " + c.value()
          + "\n      direction:"));
      InvalidPolicy e = assertThrows(InvalidPolicy.class, () -> PolicyParser.parse(doc, "CA"), c.toString());
      assertEquals("document.sharing.agreements[0]." + c.field(), e.field(), e.getMessage());
      assertTrue(e.getMessage().contains(c.want()), "got " + e.getMessage() + " want " + c.want());
    }
  }

  @Test
  void theDocumentedExampleKeyIsAnEd25519KeyOf32Bytes() {
    assertNull(SharingAgreement.publicKeyProblem(AgreementYaml.KEY));
    assertTrue(BASE.contains("publicKey: " + AgreementYaml.KEY), "the default document's commented example");
  }

  @Test
  void anAgreementIsInForceFromItsStartUntilTheDayBeforeItExpires() {
    SharingAgreement a = PolicyParser.parse(withEntry(ENTRY)).sharing().agreements().get(0);
    assertFalse(a.inForceOn(LocalDate.of(2019, 12, 31)));
    assertTrue(a.inForceOn(LocalDate.of(2020, 1, 1)));
    assertTrue(a.inForceOn(LocalDate.of(2098, 12, 31)));
    assertFalse(a.inForceOn(LocalDate.of(2099, 1, 1)));
  }

  @Test
  void aDocumentWrittenBeforeAgreementsHadTermsStillParses() {
    String old = withEntry(ENTRY).replace("\n  agreements:\n" + ENTRY, "\n  recipients:\n"
        + "    - {id: sac-pd, name: Sacramento Police Department, state: CA, type: city, agreement: MOU 7}\n"
        + "    - {id: chp, name: California Highway Patrol, state: CA, type: state}\n");
    PolicyContent c = PolicyParser.parse(old, "CA");
    assertEquals("sharing.recipients", c.sharing().listField());
    assertEquals(List.of(SharingAgreement.recipient("sac-pd", "Sacramento Police Department", "CA",
            SharingAgreement.Kind.LOCAL, "MOU 7"),
        SharingAgreement.recipient("chp", "California Highway Patrol", "CA", SharingAgreement.Kind.STATE_AGENCY, null)),
        c.sharing().agreements());
    assertTrue(c.sharing().agreements().get(0).inForceOn(LocalDate.of(2025, 1, 1)));
    assertEquals("document.sharing.recipients", assertThrows(InvalidPolicy.class,
        () -> PolicyParser.parse(old.replace("\n  recipients:", "\n  agreements: []\n  recipients:"))).field());
  }

  @Test
  void theListIsRequired() {
    InvalidPolicy e = assertThrows(InvalidPolicy.class, () -> PolicyParser.parse(BASE.replace("  agreements: []\n", "")));
    assertEquals("document.sharing.agreements", e.field());
    assertTrue(e.getMessage().contains("is required"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      bad id            | id: sac-pd                  | id: Sac PD                | id                | must be 1 to 64 of a-z
      missing name      | '      name: Partner sac-pd\\n' | ''                     | name              | is required
      bad state         | state: CA                   | state: California         | state             | two-letter
      bad kind          | kind: local                 | kind: city                | kind              | local, state-agency, federal, private
      url not a url     | url: https://sac-pd.example.gov | url: https://exa mple | url             | must be a URL
      url plain http    | url: https://sac-pd.example.gov | url: http://sac-pd.example.gov | url        | must be https
      url relative      | url: https://sac-pd.example.gov | url: /federation     | url               | absolute URL
      url with query    | url: https://sac-pd.example.gov | url: https://sac-pd.example.gov/?a=1 | url | no user, query or fragment
      key not base64    | publicKey: 11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo= | publicKey: not-base64!  | publicKey         | base64
      key too short     | publicKey: 11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo= | publicKey: AAAA | publicKey | this one is 3 bytes
      bad direction     | direction: both             | direction: mutual         | direction         | we-answer, they-answer or both
      cameras word      | cameras: all                | cameras: some             | scope.cameras     | must be all or a list
      cameras not ids   | cameras: all                | cameras: [north-gate]     | scope.cameras     | camera ids
      cameras twice     | cameras: all                | cameras: [3, 3]           | scope.cameras     | appears twice
      cameras empty     | cameras: all                | cameras: []               | scope.cameras     | at least 1 item
      bad reads         | reads: hits-only            | reads: hits               | scope.reads       | all or hits-only
      bad lookback      | lookback: P7D               | lookback: a week          | scope.lookback    | must be a duration
      lookback too long | lookback: P7D               | lookback: P31D            | scope.lookback    | must not be longer than retention.nonHit
      unknown offense   | offenses: [STOLEN_VEHICLE, HOMICIDE] | offenses: [STOLEN_VEHICLE, JAYWALKING] | scope.offenses | unknown offense code 'JAYWALKING'
      no offenses       | offenses: [STOLEN_VEHICLE, HOMICIDE] | offenses: []     | scope.offenses    | at least 1 item
      offense twice     | offenses: [STOLEN_VEHICLE, HOMICIDE] | offenses: [HOMICIDE, HOMICIDE] | scope.offenses | appears twice
      unknown scope key | reads: hits-only            | reads: hits-only\\n        plates: all | scope.plates | unknown field
      bad start         | starts: 2020-01-01          | starts: soon              | starts            | must be a date
      expires at start  | expires: 2099-01-01         | expires: 2020-01-01       | expires           | must be after starts (2020-01-01)
      expires before    | expires: 2099-01-01         | expires: 2019-06-30       | expires           | must be after starts
      missing reference | '      reference: MOU sac-pd\\n' | ''                    | reference         | is required
      unknown field     | reference: MOU sac-pd       | reference: MOU sac-pd\\n      owner: x | owner | unknown field
      """)
  void namesTheFieldOfEachMistake(String name, String from, String to, String field, String message) {
    String entry = ENTRY.replace(unescape(from), unescape(to));
    if (entry.equals(ENTRY)) {
      throw new AssertionError("the case changes nothing: " + name);
    }
    String doc = withEntry(entry);
    InvalidPolicy e = assertThrows(InvalidPolicy.class, () -> PolicyParser.parse(doc, "CA"));
    assertEquals("document.sharing.agreements[0]." + field, e.field(), e.getMessage());
    assertTrue(e.getMessage().contains(message), "got " + e.getMessage() + " want " + message);
    assertTrue(e.getMessage().startsWith("line " + e.line() + ": sharing.agreements[0]." + field + ": "),
        e.getMessage());
  }

  @Test
  void theSecondAgreementsErrorsNameItsIndex() {
    String doc = AgreementYaml.with(BASE, ENTRY, AgreementYaml.entry("chp").replace("lookback: P7D", "lookback: P90D"));
    InvalidPolicy e = assertThrows(InvalidPolicy.class, () -> PolicyParser.parse(doc));
    assertEquals("document.sharing.agreements[1].scope.lookback", e.field());
    assertEquals(PolicyParserTest.lineOf(doc, "lookback: P90D"), e.line());
  }

  @Test
  void aLookbackAsLongAsRetentionIsAllowedAndAShorterRetentionRefusesIt() {
    String doc = withEntry(ENTRY.replace("lookback: P7D", "lookback: P30D"));
    assertEquals(Duration.ofDays(30), PolicyParser.parse(doc).sharing().agreements().get(0).terms().scope().lookback());
    InvalidPolicy e = assertThrows(InvalidPolicy.class,
        () -> PolicyParser.parse(doc.replace("nonHit: P30D", "nonHit: P14D")));
    assertEquals("document.sharing.agreements[0].scope.lookback", e.field());
  }

  @Test
  void anIdTwiceIsRefused() {
    InvalidPolicy e = assertThrows(InvalidPolicy.class, () -> PolicyParser.parse(AgreementYaml.with(BASE, ENTRY, ENTRY)));
    assertEquals("document.sharing.agreements[1].id", e.field());
  }

  @Test
  void loopbackHttpIsAllowedForTests() {
    for (String url : List.of("http://127.0.0.1:8081", "http://localhost:9000/", "https://partner.example.gov/glassplate")) {
      assertNull(SharingAgreement.urlProblem(URI.create(url)), url);
    }
  }

  private static String unescape(String s) {
    return s.replace("\\n", "\n");
  }
}
