package org.glassplate.server.demo;

/**
 * Where the demo agency is: a fictional California city, placed in the Central Valley; where its
 * cameras read (a fixed camera at its corner, a patrol car along its beat), and which camera makes a
 * simulated read.
 */
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

  /**
   * The camera that makes a simulated read: every other read is the camera of the profile's device
   * (so the busy cameras are busy when the real devices were), the others go to any camera alike, so
   * that every camera sends reads at any hour, a quiet device's camera too.
   */
  static int cameraFor(int device, int cameras, java.util.Random random) {
    return random.nextBoolean() ? cameraOf(device, cameras) : random.nextInt(cameras);
  }

  /** Whether a demo camera is a patrol car's (it reads along a route) rather than a fixed one at a corner. */
  static boolean patrol(String cameraName) {
    return cameraName.contains("(mobile)");
  }

  /** How far a fixed camera's reads may lie from where it stands: GPS noise and the width of the street. */
  static final double FIXED_SPREAD_METRES = 15;
  /** A patrol car's speed along its route. */
  static final double PATROL_KMH = 25;
  private static final double METRES_PER_DEGREE = 111_320;

  /**
   * A patrol car's beat around its station: a loop through the blocks around it, as offsets in metres
   * (east, north), about 1.6 km by 1 km; a car goes round it at {@link #PATROL_KMH}.
   */
  private static final double[][] BEAT = {
      {-800, -500}, {0, -500}, {800, -500}, {800, 0}, {400, 500}, {-400, 500}, {-800, 0}, {-800, -500}};

  /**
   * Where camera {@code (lat, lon)} reads at {@code at}: a fixed camera at its corner, give or take
   * {@link #FIXED_SPREAD_METRES}; a patrol car where it is on its beat at that moment (each car starts
   * the loop at its own point, {@code phase} metres in), give or take a few metres.
   */
  static double[] readPosition(boolean patrol, double lat, double lon, java.time.Instant at, double phase,
      java.util.Random random) {
    double east;
    double north;
    if (patrol) {
      double[] p = onBeat(at.toEpochMilli() / 1000.0 * PATROL_KMH / 3.6 + phase);
      east = p[0] + (random.nextDouble() - 0.5) * 10;
      north = p[1] + (random.nextDouble() - 0.5) * 10;
    } else {
      double r = FIXED_SPREAD_METRES * Math.sqrt(random.nextDouble());
      double angle = random.nextDouble() * 2 * Math.PI;
      east = r * Math.cos(angle);
      north = r * Math.sin(angle);
    }
    double readLat = lat + north / METRES_PER_DEGREE;
    double readLon = lon + east / (METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)));
    return new double[] {Math.round(readLat * 1e6) / 1e6, Math.round(readLon * 1e6) / 1e6};
  }

  /** The point {@code metres} along the beat (round and round), as east and north offsets in metres. */
  static double[] onBeat(double metres) {
    double length = 0;
    for (int i = 1; i < BEAT.length; i++) {
      length += Math.hypot(BEAT[i][0] - BEAT[i - 1][0], BEAT[i][1] - BEAT[i - 1][1]);
    }
    double d = ((metres % length) + length) % length;
    for (int i = 1; i < BEAT.length; i++) {
      double leg = Math.hypot(BEAT[i][0] - BEAT[i - 1][0], BEAT[i][1] - BEAT[i - 1][1]);
      if (d <= leg) {
        double f = d / leg;
        return new double[] {BEAT[i - 1][0] + f * (BEAT[i][0] - BEAT[i - 1][0]),
            BEAT[i - 1][1] + f * (BEAT[i][1] - BEAT[i - 1][1])};
      }
      d -= leg;
    }
    return BEAT[0].clone();
  }

  /** How far a point of the beat can be from the station, in metres (its farthest corner). */
  static double beatRadius() {
    double max = 0;
    for (double[] p : BEAT) {
      max = Math.max(max, Math.hypot(p[0], p[1]));
    }
    return max;
  }
}
