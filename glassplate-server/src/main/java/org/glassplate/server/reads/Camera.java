package org.glassplate.server.reads;

/** A plate-reading camera, fixed or mobile. Its credential is kept only as a hash. */
public record Camera(long id, String name, double lat, double lon, Integer heading, boolean active) {

  public Camera {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("camera name is required");
    }
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
      throw new IllegalArgumentException("camera position is out of range");
    }
    if (heading != null && (heading < 0 || heading >= 360)) {
      throw new IllegalArgumentException("heading must be 0 to 359 degrees");
    }
  }

  /** A new camera and its token, which is shown this once and never stored in the clear. */
  public record WithToken(Camera camera, String token) {
  }
}
