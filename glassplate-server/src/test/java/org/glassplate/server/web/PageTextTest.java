package org.glassplate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page crawl's patterns find what a person must not be shown, and leave plates and words alone. */
class PageTextTest {
  private static boolean found(String what, String text) {
    Pattern p = PageText.CODES.get(what);
    assertThat(p).as(what).isNotNull();
    return p.matcher(text).find();
  }

  @Test
  void anIsoDurationIsFoundInProseButNotInsideAPlate() {
    assertThat(found("an ISO-8601 duration", "retention PT720H")).isTrue();
    assertThat(found("an ISO-8601 duration", "kept P30D.")).isTrue();
    assertThat(found("an ISO-8601 duration", "P1Y2M3DT4H5M6.5S")).isTrue();
    assertThat(found("an ISO-8601 duration", "(PT15M)")).isTrue();
    assertThat(found("an ISO-8601 duration", "plate PT720HX seen")).isFalse();
    assertThat(found("an ISO-8601 duration", "plate P12345 seen")).isFalse();
    assertThat(found("an ISO-8601 duration", "plate 7P30DQ seen")).isFalse();
    assertThat(found("an ISO-8601 duration", "30 days")).isFalse();
  }

  @Test
  void aRequirementIdAndAPseudonymAreFound() {
    assertThat(found("a requirement id", "see R-SRCH-3")).isTrue();
    assertThat(found("a requirement id", "rule R-ACC-7.")).isTrue();
    assertThat(found("a requirement id", "plate R-SRCH")).isFalse();
    assertThat(found("a pseudonym", "approved by user:4")).isTrue();
    assertThat(found("a pseudonym", "approved by user:42, then")).isTrue();
    assertThat(found("a pseudonym", "approved by Sam Decider")).isFalse();
    assertThat(found("a pseudonym", "superuser:4x")).isFalse();
  }

  @Test
  void aMachineCodeIsFoundButNotAPlateOrAWordInCapitals() {
    assertThat(found("a machine code", "refused: INVALID_FIELD")).isTrue();
    assertThat(found("a machine code", "SEARCH_REFUSED.")).isTrue();
    assertThat(found("a machine code", "RETENTION_EXTENSION_REFUSED")).isTrue();
    assertThat(found("a machine code", "plate ABC1234")).isFalse();
    assertThat(found("a machine code", "ROBBERY")).isFalse();
    assertThat(found("a machine code", "a_b")).isFalse();
    assertThat(found("a machine code", "XY_Z1")).isFalse();
  }

  @Test
  void codesInNamesEachCodeWithItsContext() {
    assertThat(PageText.codesIn("kept PT720H for user:4 (R-SRCH-3, INVALID_FIELD); plate PT720HX, P12345"))
        .hasSize(4)
        .anySatisfy(s -> assertThat(s).startsWith("an ISO-8601 duration 'PT720H'"))
        .anySatisfy(s -> assertThat(s).startsWith("a requirement id 'R-SRCH-3'"))
        .anySatisfy(s -> assertThat(s).startsWith("a pseudonym 'user:4'"))
        .anySatisfy(s -> assertThat(s).startsWith("a machine code 'INVALID_FIELD'"));
    assertThat(PageText.codesIn("30 days, Sam Decider, plate PT720HX")).isEmpty();
  }

  @Test
  void aShownTimeHasItsUtcOnHoverAndIsNotAnIsoInstant() {
    assertThat(PageText.timeProblem("2026-05-01 17:15:42 UTC", "2026-05-01 10:15:42 PDT")).isNull();
    assertThat(PageText.timeProblem("2026-05-01T17:15:42Z", "2026-05-01 10:15:42 PDT")).contains("' UTC'");
    assertThat(PageText.timeProblem(null, "2026-05-01 10:15:42 PDT")).isNotNull();
    assertThat(PageText.timeProblem("2026-05-01 17:15:42 UTC", "2026-05-01T17:15:42Z")).contains("ending Z");
  }
}
