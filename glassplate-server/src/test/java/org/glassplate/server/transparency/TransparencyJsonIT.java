package org.glassplate.server.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The first form of /transparency.json (issue 2): public, computed from the live system. */
class TransparencyJsonIT extends IntegrationTest {

  @Autowired
  Cameras cameras;
  @Autowired
  TransparencyReport report;

  @Test
  void countsActiveCamerasAndReadsOfTheLast30DaysWithoutLogin() {
    report.forgetFigures(); // figures computed afresh, none left from another test
    JsonNode before = get("/transparency.json", null).json();
    long readsBefore = before.path("reads").path("last30Days").longValue();
    int camerasBefore = before.path("cameras").path("active").intValue();

    Camera.WithToken a = cameras.register("A", 36.7, -119.7, null);
    Camera.WithToken b = cameras.register("B", 36.8, -119.8, null);
    cameras.setActive(b.camera().id(), false);
    String now = clock.instant().toString();
    String older = clock.instant().minus(Duration.ofDays(29)).toString();
    Answer ingest = post("/api/v1/reads", a.token(), """
        {"reads":[{"plate":"1TTT111","state":"CA","capturedAt":"%s"},{"plate":"1TTT112","state":"CA","capturedAt":"%s"}]}"""
        .formatted(now, older));
    assertThat(ingest.json().path("accepted").intValue()).isEqualTo(2);

    clock.advance(TransparencyReport.FIGURES_MAX_AGE.plusSeconds(1)); // the figures are at most this old
    Answer after = get("/transparency.json", null);
    assertThat(after.status()).isEqualTo(200);
    JsonNode json = after.json();
    assertThat(json.path("agency").path("name").stringValue()).isNotBlank();
    assertThat(json.path("cameras").path("active").intValue()).isEqualTo(camerasBefore + 1);
    assertThat(json.path("reads").path("last30Days").longValue()).isEqualTo(readsBefore + 2);
  }

  @Test
  void dayPartitionsExistFromTheRetentionWindowToTwoDaysAhead() {
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    for (int d = -30; d <= 2; d++) {
      String name = org.glassplate.server.reads.ReadPartitions.partitionName(today.plusDays(d));
      assertThat(jdbc.sql("SELECT to_regclass(:n) IS NOT NULL").param("n", name).query(Boolean.class).single())
          .as(name).isTrue();
    }
  }
}
