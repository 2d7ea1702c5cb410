package org.glassplate.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.support.AuditEntries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * R-SRCH-2 over HTTP (issue 12): a prohibited purpose spelt to dodge the screen, or put in the case
 * number or on-behalf-of instead of the reason, is refused with 403 {@code PROHIBITED_PURPOSE}
 * naming the field, and the refusal is audited like any other: reason code, category, the text in
 * the private fields only, and a {@link SearchDenied} event for oversight.
 */
class EvasiveSearchIT extends SearchTestBase {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      reason     | help I-C-E find him
      reason     | I/C/E detainer
      reason     | I\u200BCE detainer
      reason     | \u0406CE detainer
      reason     | imm\u00ADigration hold
      caseNumber | ICE-2024-0117
      caseNumber | 24-I_C_E-117
      caseNumber | ICE2024117
      caseNumber | \u0399CE-24-117
      caseNumber | DHS\u200B-24-117
      onBehalfOf | I.C.E. field office
      onBehalfOf | Immigration and Customs Enforcement
      onBehalfOf | \u0406mmigration office
      onBehalfOf | H/S/I San Diego
      """)
  void refusesAProhibitedPurposeInAnyFieldAndAuditsTheRefusal(String field, String text) {
    ObjectNode b = body();
    b.put("plate", "7ABC123");
    b.put(field, text);
    int deniedBefore = events.of(SearchDenied.class).size();

    JsonNode entry = assertRefused(search(b), 403, "PROHIBITED_PURPOSE", field, "PROHIBITED_PURPOSE");

    assertEquals("IMMIGRATION", entry.get("reasonCategory").asString());
    assertEquals("ROBBERY", entry.get("offense").asString());
    assertFalse(entry.toString().contains(text), "the text stays private");
    assertEquals(text, AuditEntries.lastPrivate(jdbc, AuditEventTypes.SEARCH_DENIED).get(field).asString());
    List<SearchDenied> denied = events.of(SearchDenied.class);
    assertEquals(deniedBefore + 1, denied.size());
    assertEquals("PROHIBITED_PURPOSE", denied.get(denied.size() - 1).reasonCode());
    assertEquals("IMMIGRATION", denied.get(denied.size() - 1).reasonCategory());
  }

  @ParameterizedTest(name = "case number {0} is allowed")
  @CsvSource(textBlock = """
      24-001187
      CR-24-0012
      HSIEH-2024
      24-POLICE-17
      """)
  void allowsOrdinaryCaseNumbers(String caseNumber) {
    ObjectNode b = body();
    b.put("plate", "7ABC123");
    b.put("caseNumber", caseNumber);
    Answer a = search(b);
    assertEquals(200, a.status(), a.body());
    assertEquals(caseNumber, AuditEntries.lastPrivate(jdbc, AuditEventTypes.SEARCH_PERFORMED).get("caseNumber")
        .asString());
  }

  @Test
  void aReasonWithAControlCharacterIsScreenedNotAFailure() {
    ObjectNode b = body();
    b.put("plate", "7ABC123");
    b.put("reason", "I\u0000CE asked for the car");
    assertRefused(search(b), 403, "PROHIBITED_PURPOSE", "reason", "PROHIBITED_PURPOSE");
  }
}
