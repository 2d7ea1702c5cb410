package org.glassplate.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The refusal code label of the search counter is one of the closed set of reason codes, else OTHER (issue 18). */
class SearchMetricsTest {
  record Case(String reasonCode, String want) {
  }

  @Test
  void labelsOnlyKnownReasonCodes() {
    for (Case c : List.of(new Case("PROHIBITED_PURPOSE", "PROHIBITED_PURPOSE"),
        new Case("MISSING_CASE_NUMBER", "MISSING_CASE_NUMBER"), new Case("TRAINING_REQUIRED", "TRAINING_REQUIRED"),
        new Case("OUTSIDE_SCOPE", "OUTSIDE_SCOPE"), new Case("ABCDEF", "OTHER"), new Case("7ABC123", "OTHER"),
        new Case("24-001187", "OTHER"), new Case(null, "OTHER"))) {
      assertThat(SearchMetrics.code(c.reasonCode())).as("code(%s)", c.reasonCode()).isEqualTo(c.want());
    }
  }
}
