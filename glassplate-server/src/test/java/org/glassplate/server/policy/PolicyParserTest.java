package org.glassplate.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy document is read strictly, and a bad one is refused naming its line and field (R-GOV-1). */
class PolicyParserTest {

  static String defaultDocument() {
    try (InputStream in = PolicyParserTest.class.getClassLoader().getResourceAsStream(Policies.DEFAULT_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void readsTheShippedCaliforniaDefault() {
    PolicyContent c = PolicyParser.parse(defaultDocument(), "CA");
    assertEquals(Duration.ofDays(30), c.retention().nonHit());
    assertEquals(Duration.ofDays(365), c.retention().hit());
    assertEquals(Set.of("local", "state"), c.hotlists().sources());
    assertEquals(List.of(), c.sharing().agreements());
    assertEquals(Duration.ofDays(365), c.access().trainingValidity());
    assertEquals(90, c.access().inactivityDays());
    assertTrue(c.offenses().stream().anyMatch(o -> o.code().equals("STOLEN_VEHICLE")));
    assertEquals("Chief of Police", c.custodian().title());
    assertTrue(c.purposes().prohibited().stream().anyMatch(p -> p.category().equals("IMMIGRATION")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      PT3M      | PT3M
      P30D      | PT720H
      p1dt12h   | PT36H
      3 minutes | PT3M
      12 hours  | PT12H
      30 days   | PT720H
      2 weeks   | PT336H
      """)
  void readsIsoAndWordDurations(String text, String iso) {
    assertEquals(Duration.parse(iso), PolicyParser.parseDuration(text));
  }

  @Test
  void aNewHampshireThreeMinuteRetentionIsAllowed() {
    String doc = defaultDocument().replace("nonHit: P30D", "nonHit: PT3M");
    assertEquals(Duration.ofMinutes(3), PolicyParser.parse(doc).retention().nonHit());
  }

  @Test
  void namesTheLineAndFieldOfABadDuration() {
    String doc = defaultDocument().replace("nonHit: P30D", "nonHit: thirty days");
    InvalidPolicy e = assertThrows(InvalidPolicy.class, () -> PolicyParser.parse(doc));
    assertEquals(lineOf(doc, "nonHit: thirty days"), e.line());
    assertEquals("document.retention.nonHit", e.field());
    assertTrue(e.getMessage().startsWith("line " + e.line() + ": retention.nonHit: "), e.getMessage());
  }

  @Test
  void namesAMissingField() {
    String doc = defaultDocument().replace("  hit: P365D\n", "");
    InvalidPolicy e = assertThrows(InvalidPolicy.class, () -> PolicyParser.parse(doc));
    assertEquals("document.retention.hit", e.field());
    assertTrue(e.getMessage().contains("is required"), e.getMessage());
    assertEquals(lineOf(doc, "retention:"), e.line()); // the line of the section it is missing from
  }

  @Test
  void refusesAnUnknownFieldRatherThanPublishUnenforcedText() {
    String doc = defaultDocument().replace("  nonHit: P30D", "  nonHit: P30D\n  nonHits: P1D");
    InvalidPolicy e = assertThrows(InvalidPolicy.class, () -> PolicyParser.parse(doc));
    assertEquals("document.retention.nonHits", e.field());
    assertEquals(lineOf(doc, "  nonHits: P1D"), e.line());
    assertTrue(e.getMessage().contains("unknown field"));
  }

  @Test
  void namesTheLineOfAYamlSyntaxError() {
    String doc = defaultDocument().replace("  nonHit: P30D", "  nonHit: [P30D");
    InvalidPolicy e = assertThrows(InvalidPolicy.class, () -> PolicyParser.parse(doc));
    assertTrue(e.getMessage().startsWith("line "), e.getMessage());
    assertTrue(e.line() >= lineOf(doc, "  nonHit: [P30D"), e.getMessage());
  }

  @Test
  void refusesAnUnknownHotlistSource() {
    String doc = defaultDocument().replace("sources: [local, state]", "sources: [local, interpol]");
    InvalidPolicy e = assertThrows(InvalidPolicy.class, () -> PolicyParser.parse(doc));
    assertEquals("document.hotlists.sources", e.field());
    assertEquals(lineOf(doc, "sources: [local, interpol]"), e.line());
  }

  @Test
  void refusesHitRetentionShorterThanNonHit() {
    String doc = defaultDocument().replace("hit: P365D", "hit: P7D");
    InvalidPolicy e = assertThrows(InvalidPolicy.class, () -> PolicyParser.parse(doc));
    assertEquals("document.retention.hit", e.field());
  }

  @Test
  void refusesAnOffenseThatNamesAProhibitedPurpose() {
    String doc = defaultDocument().replace("{code: FELONY_WARRANT, name: Felony warrant}",
        "{code: FELONY_WARRANT, name: Felony warrant}\n    - {code: IMMIGRATION_HOLD, name: Immigration hold}");
    InvalidPolicy e = assertThrows(InvalidPolicy.class, () -> PolicyParser.parse(doc));
    assertEquals("document.search.offenses[16].name", e.field());
  }

  @Test
  void refusesADocumentThatIsNotAMapping() {
    InvalidPolicy e = assertThrows(InvalidPolicy.class, () -> PolicyParser.parse("- just\n- a list\n"));
    assertEquals(1, e.line());
  }

  @Test
  void requiresTheInstallationsState() {
    String doc = defaultDocument().replace("  state: CA", "  state: NV");
    InvalidPolicy e = assertThrows(InvalidPolicy.class, () -> PolicyParser.parse(doc, "CA"));
    assertEquals("document.agency.state", e.field());
  }

  static int lineOf(String doc, String text) {
    String[] lines = doc.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError("not in document: " + text);
  }
}
