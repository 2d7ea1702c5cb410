package org.glassplate.server.search.web;

import java.util.List;
import java.util.Map;
import org.glassplate.server.reads.PlateRead;
import org.glassplate.server.search.SearchResult;

/** The JSON answer of {@code POST /api/v1/searches}. */
final class SearchJson {
  private SearchJson() {
  }

  /** A page of results, with the index of the search's own audit entry. */
  record Result(String searchId, long auditIndex, List<Read> results, int page, int pageSize, boolean more,
      int camerasCovered, boolean flagged, String policySha256) {
  }

  /** One plate read found; {@code camera}, position, confidence and vehicle fields may be null. */
  record Read(long readId, String capturedAt, long cameraId, String camera, String plate, String state, Double lat,
      Double lon, Double confidence, Vehicle vehicle) {
    @Override
    public String toString() {
      return "Read[" + readId + ", redacted]";
    }
  }

  record Vehicle(String make, String color, String type) {
  }

  static Result result(SearchResult r, Map<Long, String> cameraNames) {
    return new Result(r.searchId().toString(), r.auditIndex(),
        r.results().stream().map(read -> read(read, cameraNames)).toList(), r.page(), r.pageSize(), r.more(),
        r.camerasCovered(), r.flagged(), r.policySha256());
  }

  static Read read(PlateRead r, Map<Long, String> cameraNames) {
    return new Read(r.id(), r.capturedAt().toString(), r.cameraId(), cameraNames.get(r.cameraId()), r.plate().value(),
        r.state().value(), r.lat(), r.lon(), r.confidence(),
        new Vehicle(r.vehicle().make(), r.vehicle().color(), r.vehicle().type()));
  }
}
