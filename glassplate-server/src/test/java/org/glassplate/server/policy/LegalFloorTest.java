package org.glassplate.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.Agency;
import org.glassplate.server.support.AgreementYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R-SHR-2: whatever the document says, a California agency shares only with California public agencies. */
class LegalFloorTest {
  static final LegalFloor CALIFORNIA = new LegalFloor(new Agency("test-pd", "Test PD", "CA", java.time.ZoneId.of("UTC")));

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      CA | local            | ok
      CA | state-agency     | ok
      NV | local            | out-of-state
      AZ | state-agency     | out-of-state
      CA | federal          | federal
      CA | private          | private
      """)
  void judgesRecipients(String state, String kind, String want) {
    SharingAgreement r = SharingAgreement.recipient("x", "X", state, SharingAgreement.Kind.fromYaml(kind), null);
    Optional<String> v = CALIFORNIA.violation(r);
    switch (want) {
      case "ok" -> assertEquals(Optional.empty(), v);
      case "out-of-state" -> assertEquals(Optional.of(LegalFloor.OUT_OF_STATE), v);
      case "federal" -> assertEquals(Optional.of(LegalFloor.FEDERAL), v);
      default -> assertEquals(Optional.of(LegalFloor.PRIVATE), v);
    }
  }

  @Test
  void refusesAPolicyWithAFederalRecipientNamingTheStatute() {
    String doc = AgreementYaml.with(PolicyParserTest.defaultDocument(), AgreementYaml.entry("sac-pd"),
        AgreementYaml.entry("fbi-sac", "CA", "federal"));
    Refusal e = assertThrows(Refusal.class, () -> CALIFORNIA.check(PolicyParser.parse(doc)));
    assertEquals("LEGAL_FLOOR", e.code());
    assertEquals("document.sharing.agreements[1]", e.field());
    assertTrue(e.getMessage().contains("Civil Code 1798.90.55(b)"), e.getMessage());
  }

  @Test
  void refusesAPolicyThatDropsTheImmigrationProhibition() {
    String doc = PolicyParserTest.defaultDocument().replace("terms: [ICE, HSI, CBP, ERO, DHS, USCIS, immigration,",
        "terms: [USCIS, immigration,");
    Refusal e = assertThrows(Refusal.class, () -> CALIFORNIA.check(PolicyParser.parse(doc)));
    assertEquals("LEGAL_FLOOR", e.code());
    assertTrue(e.getMessage().contains("Government Code 7284.6"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      Sacramento Police Department     | ok
      Nevada County Sheriff            | ok
      California Highway Patrol        | ok
      FBI                              | federal
      U.S. Marshals                    | federal
      Border Patrol El Centro          | federal
      Reno Police Department, Nevada   | out-of-state
      Portland Oregon PD               | out-of-state
      Acme Repossession LLC            | private
      """)
  void judgesOnBehalfOfAgencies(String name, String want) {
    Optional<String> v = CALIFORNIA.onBehalfOfViolation(name);
    switch (want) {
      case "ok" -> assertEquals(Optional.empty(), v);
      case "out-of-state" -> assertEquals(Optional.of(LegalFloor.OUT_OF_STATE), v);
      case "federal" -> assertEquals(Optional.of(LegalFloor.FEDERAL), v);
      default -> assertEquals(Optional.of(LegalFloor.PRIVATE), v);
    }
  }
}
