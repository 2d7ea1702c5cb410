package org.glassplate.server.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import org.glassplate.server.hotlist.HitAccuracy;
import org.glassplate.server.search.DeniedReasons;
import org.junit.jupiter.api.Test;

/** What the public page says in words (issue 13): hit accuracy, refusal kinds, approvals' titles. */
class ReportWordsTest {

  @Test
  void hitAccuracySaysHowManyWereVerifiedBeforeTheRatio() {
    assertThat(TransparencyReport.accuracy(new HitAccuracy("all", 40, 12, 9, 2, 1, 0)).text())
        .isEqualTo("12 verified by a person, of which 9 confirmed (75.0%)");
    assertThat(TransparencyReport.accuracy(new HitAccuracy("all", 40, 0, 0, 0, 0, 0)).text())
        .isEqualTo("none verified yet, so no accuracy to report");
  }

  @Test
  void aProhibitedPurposeIsNotATypingMistake() {
    assertThat(DeniedReasons.kind("PROHIBITED_PURPOSE")).isEqualTo(DeniedReasons.Kind.PROHIBITED_PURPOSE);
    for (String mistake : new String[] {"MISSING_CASE_NUMBER", "MISSING_REASON", "INVALID_WINDOW", "WINDOW_IN_FUTURE",
        "INVALID_PLATE", "UNKNOWN_OFFENSE", "PATTERN_TOO_BROAD"}) {
      assertThat(DeniedReasons.kind(mistake)).as(mistake).isEqualTo(DeniedReasons.Kind.MISTAKE);
    }
    for (String rule : new String[] {"ROLE", "TRAINING_REQUIRED", "LEGAL_FLOOR", "NOT_SHARED", "WINDOW_PAST_RETENTION"}) {
      assertThat(DeniedReasons.kind(rule)).as(rule).isEqualTo(DeniedReasons.Kind.OTHER_RULE);
    }
    assertThat(DeniedReasons.words("MISSING_CASE_NUMBER")).isEqualTo("no case number");
    assertThat(DeniedReasons.words("SOMETHING_NEW")).isEqualTo("something new");
  }

  @Test
  void approvalsAreNamedByTheirCapacityNeverByPseudonym() {
    assertThat(TransparencyReport.title("PROPOSER")).isEqualTo("An administrator, who proposed it");
    assertThat(TransparencyReport.title("APPROVER")).isEqualTo("A second administrator, who approved it");
    assertThat(TransparencyReport.title("SYSTEM")).doesNotContain("user:");
  }
}
