package org.glassplate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Words for a person: no requirement ids, durations as words (issue 13). */
class WordingTest {
  record Case(String given, String want) {
  }

  @Test
  void dropsRequirementIdsAndSaysDurationsInWords() {
    for (Case c : new Case[] {
        new Case("a case or incident number is required (R-SRCH-1)", "a case or incident number is required"),
        new Case("an account they created (two people, not two accounts: R-ACC-7)",
            "an account they created (two people, not two accounts)"),
        new Case("the window reaches past the retention period of PT720H: from must be", 
            "the window reaches past the retention period of 30 days: from must be"),
        new Case("retention.nonHit PT720H -> PT1440H", "retention.nonHit 30 days -> 60 days"),
        new Case("PT3M, PT12H, P1D, PT36H, PT90S", "3 minutes, 12 hours, 1 day, 1 day 12 hours, 90 seconds"),
        new Case("plate PT720HX and word PTA stay", "plate PT720HX and word PTA stay"),
        new Case(null, null)}) {
      assertThat(Wording.forPerson(c.given())).as("got for %s", c.given()).isEqualTo(c.want());
    }
  }

  @Test
  void aRefusalShownOnAPageIsInWords() {
    RefusalView v = new RefusalView(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, "INVALID_FIELD",
        "a reason is required (R-SRCH-1)", "reason");
    assertThat(v.message()).isEqualTo("a reason is required");
    assertThat(v.code()).isEqualTo("INVALID_FIELD");
  }
}
