package org.glassplate.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The demo's agreements are written into each node's policy document as the default document lists them. */
class DemoAgreementsTest {
  static final String HEAD = "sharing:\n  description: none\n";
  static final String TAIL = "\n# Civil Code 1798.90.51(b)(5)\ncustodian:\n  title: Chief\n";

  static String entry(String id, String url) {
    return DemoAgreements.entry(new DemoAgreements.Keys(id, "Name " + id, url, "FED", "W+1+x", "L+2+y"),
        "mesa-verde-pd", LocalDate.of(2026, 5, 1));
  }

  @Test
  void writesTheFirstAgreementInPlaceOfTheEmptyList() {
    String doc = HEAD + "  agreements: []\n" + TAIL;
    String got = DemoAgreements.withAgreement(doc, "valley-pd", entry("valley-pd", "http://127.0.0.1:1"));
    assertEquals(HEAD + "  agreements:\n" + entry("valley-pd", "http://127.0.0.1:1") + TAIL, got);
  }

  @Test
  void replacesThePartnersOwnEntryAndKeepsTheOthers() {
    String harbor = entry("harbor-pd", "http://127.0.0.1:2");
    String doc = HEAD + "  agreements:\n" + entry("valley-pd", "http://127.0.0.1:1") + harbor + TAIL;
    String got = DemoAgreements.withAgreement(doc, "valley-pd", entry("valley-pd", "http://127.0.0.1:3"));
    assertEquals(HEAD + "  agreements:\n" + entry("valley-pd", "http://127.0.0.1:3") + harbor + TAIL, got);
    String last = DemoAgreements.withAgreement(doc, "harbor-pd", entry("harbor-pd", "http://127.0.0.1:4"));
    assertEquals(HEAD + "  agreements:\n" + entry("valley-pd", "http://127.0.0.1:1")
        + entry("harbor-pd", "http://127.0.0.1:4") + TAIL, last);
  }

  @Test
  void addsANewPartnerFirstInAListThatHasOthers() {
    String valley = entry("valley-pd", "http://127.0.0.1:1");
    String doc = HEAD + "  agreements:\n" + valley + TAIL;
    String got = DemoAgreements.withAgreement(doc, "ridge-county-so", entry("ridge-county-so", "http://127.0.0.1:5"));
    assertEquals(HEAD + "  agreements:\n" + entry("ridge-county-so", "http://127.0.0.1:5") + valley + TAIL, got);
  }

  @Test
  void anEntryNamesTheNodesKeysAndAYearFromYesterday() {
    String e = entry("valley-pd", "http://127.0.0.1:1");
    for (String want : new String[] {"    - id: valley-pd\n", "      url: http://127.0.0.1:1\n", "      publicKey: FED\n",
        "      witnessKey: W+1+x\n", "      logKey: L+2+y\n", "      direction: both\n", "      starts: 2026-04-30\n",
        "      expires: 2027-05-01\n", "      reference: Demo MOU mesa-verde-pd and valley-pd\n"}) {
      assertTrue(e.contains(want), "want " + want + " in " + e);
    }
  }

  @Test
  void refusesADocumentWithoutTheAgreementsList() {
    assertThrows(IllegalStateException.class,
        () -> DemoAgreements.withAgreement(HEAD + TAIL, "valley-pd", entry("valley-pd", "http://127.0.0.1:1")));
  }
}
