package org.glassplate.server.reads;

import java.time.Instant;

/**
 * A read as a camera sent it, before validation: typed, but not yet checked against the rules.
 * {@code fieldNames} says how each field was called in the submitted format, so a rejection names
 * the field the camera actually sent.
 */
public record ReadSubmission(int index, String plate, String state, Instant capturedAt, Double lat, Double lon,
    Double confidence, PlateRead.Vehicle vehicle, Long cameraId, FieldNames fieldNames) {

  /** The names of the fields in the submitted format. */
  public record FieldNames(String plate, String state, String capturedAt, String lat, String lon,
      String confidence, String camera) {
    public static final FieldNames GLASSPLATE =
        new FieldNames("plate", "state", "capturedAt", "lat", "lon", "confidence", "cameraId");
    public static final FieldNames OPENALPR =
        new FieldNames("best_plate_number", "best_region", "epoch_start", "gps_latitude", "gps_longitude",
            "best_confidence", "camera_id");
  }
}
