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
}
