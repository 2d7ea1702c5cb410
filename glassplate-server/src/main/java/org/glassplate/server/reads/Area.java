package org.glassplate.server.reads;

/** A bounding box in WGS 84 degrees, for area searches (R-SRCH-3). Does not cross the antimeridian. */
public record Area(double south, double west, double north, double east) {
  public Area {
    if (!(south >= -90 && north <= 90 && south <= north)) {
      throw new IllegalArgumentException("south and north must be latitudes with south <= north");
    }
    if (!(west >= -180 && east <= 180 && west <= east)) {
      throw new IllegalArgumentException("west and east must be longitudes with west <= east");
    }
  }

  public boolean contains(double lat, double lon) {
    return lat >= south && lat <= north && lon >= west && lon <= east;
  }
}
