package org.glassplate.server.reads;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored plate read: what a camera saw, where and when. Only vehicles and plates, never
 * people (R-ING-1).
 */
public record PlateRead(long id, long cameraId, PlateNumber plate, StateCode state, Instant capturedAt,
    Double lat, Double lon, Double confidence, Vehicle vehicle) {

  public PlateRead {
    Objects.requireNonNull(plate, "plate");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(capturedAt, "capturedAt");
    vehicle = vehicle == null ? Vehicle.NONE : vehicle;
  }

  /** What the camera said about the vehicle; every part optional. */
  public record Vehicle(String make, String color, String type) {
    public static final Vehicle NONE = new Vehicle(null, null, null);
  }
}
