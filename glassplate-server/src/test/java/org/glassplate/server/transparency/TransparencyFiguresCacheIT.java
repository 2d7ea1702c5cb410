package org.glassplate.server.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The 30-day figures of the public page are computed at most once a minute, so that a flood of
 * requests for it costs nothing more (issue 12 item 8); they are never older than a minute, and the
 * policy and the cameras are always current.
 */
class TransparencyFiguresCacheIT extends IntegrationTest {
  @Autowired
  Cameras cameras;
  @Autowired
  TransparencyReport report;

  private long readsShown() {
    return get("/transparency.json", null).json().path("reads").path("last30Days").longValue();
  }

  @Test
  void theFiguresAreReusedForAtMostAMinute() {
    stayWithinOneUtcDay();
    report.forgetFigures(); // none left from another test
    long before = readsShown();
    int camerasBefore = get("/transparency.json", null).json().path("cameras").path("active").intValue();
    Camera.WithToken cam = cameras.register("Cache cam", 36.7, -119.7, null);
    Answer ingest = post("/api/v1/reads", cam.token(), """
        {"reads":[{"plate":"7CCH001","state":"CA","capturedAt":"%s"}]}""".formatted(clock.instant()));
    assertThat(ingest.json().path("accepted").intValue()).isEqualTo(1);

    assertThat(readsShown()).as("within the minute: the figures computed before").isEqualTo(before);
    assertThat(get("/transparency.json", null).json().path("cameras").path("active").intValue())
        .as("the cameras are read afresh").isEqualTo(camerasBefore + 1);
    clock.advance(TransparencyReport.FIGURES_MAX_AGE.minusSeconds(20));
    assertThat(readsShown()).as("still within the minute").isEqualTo(before);

    clock.advance(java.time.Duration.ofSeconds(21));

    assertThat(readsShown()).as("a minute on: computed again").isEqualTo(before + 1);
  }

  /**
   * The figures count whole UTC days up to today, so a test that crosses midnight would see other tests'
   * reads of "tomorrow" (a camera's clock may run 5 minutes ahead; other tests move the clock) come into
   * the window: near midnight, start just after it (this test failed in CI at 23:59 once).
   */
  private void stayWithinOneUtcDay() {
    java.time.Instant now = clock.instant();
    java.time.Instant midnight = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(java.time.Duration.ofDays(1));
    if (java.time.Duration.between(now, midnight).compareTo(java.time.Duration.ofMinutes(10)) < 0) {
      clock.advance(java.time.Duration.between(now, midnight).plusMinutes(1));
    }
  }
}
