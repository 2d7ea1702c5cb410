package org.glassplate.server.reads;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** For tests of other packages: how {@link ReadIngest} judges each read of a batch and what it stores. */
public final class IngestRules {
  private IngestRules() {
  }

  /** {@link ReadIngest#validate} with the default 30-day retention: why a read is rejected, or empty. */
  public static Optional<Rejection> validate(ReadSubmission s, Camera camera, Instant now) {
    return ReadIngest.validate(s, camera, now, now.minus(Duration.ofDays(30)));
  }

  /** The read stored for a valid submission, built as {@link ReadIngest} builds it. */
  public static PlateRead stored(ReadSubmission s, Camera camera) {
    Double lat = s.lat() != null ? s.lat() : camera.lat();
    Double lon = s.lon() != null ? s.lon() : camera.lon();
    return new PlateRead(0, camera.id(), PlateNumber.normalize(s.plate()), StateCode.parse(s.state()),
        s.capturedAt(), lat, lon, s.confidence(), s.vehicle());
  }
}
