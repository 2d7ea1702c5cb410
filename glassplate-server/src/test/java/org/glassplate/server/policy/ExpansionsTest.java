package org.glassplate.server.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

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
  void aNewRecipientIsAnExpansion() {
    assertEquals(List.of("sharing.recipients adds sac-pd"), expansions(BASE.replace("  recipients: []",
        "  recipients:\n    - {id: sac-pd, name: Sacramento Police Department, state: CA, type: city}")));
  }

  @Test
  void removingASourceOrEditingTextIsNot() {
    assertEquals(List.of(), expansions(BASE.replace("sources: [local, state]", "sources: [local]")
        .replace("title: ALPR Usage and Privacy Policy", "title: ALPR Policy")));
  }
}
