package org.glassplate.server.sharing;

import java.time.Instant;
import java.util.List;

/**
 * The answer 200 of {@code POST /api/v1/federation/searches} (issue 14): the owner's agency id, the log
 * index of the owner's own audit entry of the query, the size of a signed checkpoint of the owner's log
 * (covering that entry when one was signed in time: ask {@code /api/v1/audit/proof/inclusion} for the
 * proof), and the reads found inside the agreement's scope.
 */
public record PartnerAnswer(String agency, long auditIndex, long checkpointSize, List<Result> results) {
  public PartnerAnswer {
    results = results == null ? List.of() : List.copyOf(results);
  }

  /** One read found; {@code vehicle} is null when the camera said nothing about it. */
  public record Result(long readId, String plate, String state, Instant capturedAt, Camera camera, Vehicle vehicle) {
    @Override
    public String toString() {
      return "Result[" + readId + ", redacted]";
    }
  }

  /** The owner's camera that made the read. */
  public record Camera(long id, String name, Double lat, Double lon) {
  }

  /** What the camera said about the vehicle; every part optional. */
  public record Vehicle(String make, String color, String type) {
  }

  @Override
  public String toString() {
    return "PartnerAnswer[" + agency + ", index " + auditIndex + ", " + results.size() + " results]";
  }
}
