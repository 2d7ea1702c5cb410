package org.glassplate.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the demo's cameras read where they are (a fixed camera at its corner, a patrol car along
 * its beat), every camera sends reads, and every read says what vehicle it saw.
 */
class DemoTrafficTest {
  private static final double LAT = 36.75;
  private static final double LON = -119.77;

  /** Metres between two positions (equirectangular: exact enough across a city). */
  private static double metres(double lat1, double lon1, double lat2, double lon2) {
    double north = (lat2 - lat1) * 111_320;
    double east = (lon2 - lon1) * 111_320 * Math.cos(Math.toRadians(lat1));
    return Math.hypot(north, east);
  }

  @Test
  void aFixedCameraReadsAtItsCorner() {
    Random random = new Random(1);
    Instant t = Instant.parse("2026-11-30T17:00:00Z");
    for (int i = 0; i < 2_000; i++) {
      double[] p = DemoCity.readPosition(false, LAT, LON, t.plusSeconds(i * 37L), 0, random);
      assertThat(metres(LAT, LON, p[0], p[1])).as("read %d", i).isLessThanOrEqualTo(DemoCity.FIXED_SPREAD_METRES + 0.5);
    }
  }

  @Test
  void aPatrolCarReadsAlongItsBeatAndMovesOn() {
    Random random = new Random(2);
    Instant t = Instant.parse("2026-11-30T17:00:00Z");
    double farthest = 0;
    for (int i = 0; i < 2_000; i++) {
      double[] p = DemoCity.readPosition(true, LAT, LON, t.plusSeconds(i * 11L), 0, random);
      double d = metres(LAT, LON, p[0], p[1]);
      assertThat(d).as("read %d", i).isLessThanOrEqualTo(DemoCity.beatRadius() + 10);
      farthest = Math.max(farthest, d);
    }
    assertThat(farthest).as("it drives around, not parked at the station").isGreaterThan(500);
    // two minutes at 25 km/h is about 830 m along the beat: the car is elsewhere
    double[] a = DemoCity.readPosition(true, LAT, LON, t, 0, new Random(3));
    double[] b = DemoCity.readPosition(true, LAT, LON, t.plus(Duration.ofMinutes(2)), 0, new Random(3));
    assertThat(metres(a[0], a[1], b[0], b[1])).isBetween(300.0, 900.0);
    // each point of the beat is on one of its legs: consecutive points a few metres apart
    double[] x = DemoCity.onBeat(100);
    double[] y = DemoCity.onBeat(110);
    assertThat(Math.hypot(x[0] - y[0], x[1] - y[1])).isCloseTo(10, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void everyCameraSendsReadsEvenWhenTheProfileHasOneBusyDevice() {
    Random random = new Random(4);
    Set<Integer> sending = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      sending.add(DemoCity.cameraFor(0, DemoCity.CAMERA_NAMES.length, random)); // only device 0 busy this hour
    }
    assertThat(sending).hasSize(DemoCity.CAMERA_NAMES.length);
  }

  @Test
  void patrolUnitsAreTheMobileCameras() {
    long patrols = java.util.Arrays.stream(DemoCity.CAMERA_NAMES).filter(DemoCity::patrol).count();
    assertThat(patrols).isEqualTo(2);
    assertThat(DemoCity.patrol("Olive Ave & Blackstone (NB)")).isFalse();
  }

  @Test
  void everyPlateHasItsOwnVehicleEveryTimeItPasses() {
    SyntheticPlates.Vehicle v = SyntheticPlates.vehicle("7ABC123");
    assertThat(v).isEqualTo(SyntheticPlates.vehicle("7ABC123"));
    assertThat(v.make()).isNotBlank();
    assertThat(v.color()).isNotBlank();
    assertThat(v.type()).isNotBlank();
    Set<SyntheticPlates.Vehicle> kinds = new HashSet<>();
    for (int k = 0; k < 50; k++) {
      kinds.add(SyntheticPlates.vehicle(TrafficReplay.plate(k).plate()));
    }
    assertThat(kinds).as("plates differ in their vehicles").hasSizeGreaterThan(20);
  }
}
