package org.glassplate.server.demo;

/** Where the demo agency is: a fictional California city, placed in the Central Valley. */
final class DemoCity {
  static final String AGENCY_ID = "mesa-verde-pd";
  static final String AGENCY_NAME = "Mesa Verde Police Department";
  static final double LAT = 36.7468;
  static final double LON = -119.7726;
  static final String[] CAMERA_NAMES = {
      "Olive Ave & Blackstone (NB)", "Shaw Ave & Cedar (EB)", "Kings Canyon Rd & Chestnut (WB)",
      "Ventura Ave & M St (SB)", "Herndon Ave & Palm (EB)", "Belmont Ave & First St (WB)",
      "Patrol unit 12 (mobile)", "Patrol unit 31 (mobile)"};

  private DemoCity() {
  }

  /** Seattle's centre: the profile's positions are moved here keeping their offsets from it. */
  static final double SEATTLE_LAT = 47.6062;
  static final double SEATTLE_LON = -122.3321;

  static double lat(double seattleLat) {
    return LAT + (seattleLat - SEATTLE_LAT);
  }

  static double lon(double seattleLon) {
    return LON + (seattleLon - SEATTLE_LON);
  }

  /** The demo camera that replays profile device {@code device} (busiest first; extra devices wrap around). */
  static int cameraOf(int device, int cameras) {
    return device % cameras;
  }
}
