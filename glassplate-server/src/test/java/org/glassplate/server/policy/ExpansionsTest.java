package org.glassplate.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.glassplate.server.support.AgreementYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R-GOV-2: what counts as an expansion that needs a governing-body approval. */
class ExpansionsTest {
  static final String BASE = PolicyParserTest.defaultDocument();

  static List<String> expansions(String after) {
    return Expansions.between(PolicyParser.parse(BASE), PolicyParser.parse(after));
  }

  @Test
  void longerRetentionIsAnExpansion() {
    assertEquals(List.of("retention.nonHit PT720H -> PT1440H"), expansions(BASE.replace("nonHit: P30D", "nonHit: P60D")));
  }

  @Test
  void shorterRetentionIsNot() {
    assertEquals(List.of(), expansions(BASE.replace("nonHit: P30D", "nonHit: PT3M")));
  }

  @Test
  void anotherHotlistSourceIsAnExpansion() {
    assertEquals(List.of("hotlists.sources adds ncic"),
        expansions(BASE.replace("sources: [local, state]", "sources: [local, state, ncic]")));
  }

  @Test
  void aNewAgreementIsAnExpansion() {
    assertEquals(List.of("sharing.agreements adds sac-pd"),
        expansions(AgreementYaml.with(BASE, AgreementYaml.entry("sac-pd"))));
  }

  static final String ONE = AgreementYaml.with(BASE, AgreementYaml.entry("sac-pd")
      .replace("cameras: all", "cameras: [3, 7]").replace("direction: both", "direction: we-answer"));

  /** The expansions from {@link #ONE} to it with {@code from} replaced by {@code to}. */
  static List<String> widening(String from, String to) {
    String after = ONE.replace(from, to);
    if (after.equals(ONE)) {
      throw new AssertionError("nothing changed: " + from);
    }
    return Expansions.between(PolicyParser.parse(ONE), PolicyParser.parse(after));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      cameras: [3, 7]         | cameras: all                | sharing.agreements sac-pd scope.cameras [3, 7] -> all
      cameras: [3, 7]         | cameras: [3, 7, 9]          | sharing.agreements sac-pd scope.cameras adds [9]
      reads: hits-only        | reads: all                  | sharing.agreements sac-pd scope.reads hits-only -> all
      lookback: P7D           | lookback: P14D              | sharing.agreements sac-pd scope.lookback PT168H -> PT336H
      offenses: [STOLEN_VEHICLE, HOMICIDE] | offenses: [STOLEN_VEHICLE, HOMICIDE, ROBBERY] | sharing.agreements sac-pd scope.offenses adds ROBBERY
      expires: 2099-01-01     | expires: 2100-01-01         | sharing.agreements sac-pd expires 2099-01-01 -> 2100-01-01
      starts: 2020-01-01      | starts: 2019-01-01          | sharing.agreements sac-pd starts 2020-01-01 -> 2019-01-01
      direction: we-answer    | direction: both             | sharing.agreements sac-pd direction we-answer -> both
      direction: we-answer    | direction: they-answer      | sharing.agreements sac-pd direction we-answer -> they-answer
      kind: local             | kind: state-agency          | sharing.agreements sac-pd kind local -> state-agency
      """)
  void aWiderAgreementIsAnExpansion(String from, String to, String want) {
    assertEquals(List.of(want), widening(from, to));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      cameras: [3, 7]         | cameras: [7]
      lookback: P7D           | lookback: P1D
      offenses: [STOLEN_VEHICLE, HOMICIDE] | offenses: [HOMICIDE]
      expires: 2099-01-01     | expires: 2030-01-01
      starts: 2020-01-01      | starts: 2024-01-01
      url: https://sac-pd.example.gov | url: https://alpr.sac-pd.example.gov
      publicKey: 11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo= | publicKey: PUAXw+hDiVqStwqnTRt+vJyYLM8uxJaMwM1V8Sr0Zgw=
      reference: MOU sac-pd   | reference: MOU sac-pd amendment 1
      """)
  void aNarrowerAgreementIsNot(String from, String to) {
    assertEquals(List.of(), widening(from, to));
  }

  @Test
  void endingAnAgreementIsNot() {
    assertEquals(List.of(), Expansions.between(PolicyParser.parse(ONE), PolicyParser.parse(BASE)));
  }

  @Test
  void givingAnOlderRecipientEntryTermsIsAnExpansion() {
    String old = BASE.replace("\n  agreements: []\n",
        "\n  recipients:\n    - {id: sac-pd, name: Partner sac-pd, state: CA, type: city, agreement: MOU sac-pd}\n");
    assertEquals(List.of("sharing.agreements sac-pd gains the terms of an agreement"),
        Expansions.between(PolicyParser.parse(old), PolicyParser.parse(ONE)));
    assertEquals(List.of(), Expansions.between(PolicyParser.parse(ONE), PolicyParser.parse(old)));
  }

  @Test
  void removingASourceOrEditingTextIsNot() {
    assertEquals(List.of(), expansions(BASE.replace("sources: [local, state]", "sources: [local]")
        .replace("title: ALPR Usage and Privacy Policy", "title: ALPR Policy")));
  }
}
