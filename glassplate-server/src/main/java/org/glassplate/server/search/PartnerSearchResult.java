package org.glassplate.server.search;

import java.util.List;
import java.util.Map;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.PlateRead;

/**
 * A partner agency's query answered (R-SHR-3): the log index of this node's own audit entry of it
 * (already durable), the reads found inside the agreement's scope, newest first, and the cameras they
 * come from.
 */
public record PartnerSearchResult(long auditIndex, List<PlateRead> results, Map<Long, Camera> cameras,
    int camerasCovered) {
  public PartnerSearchResult {
    results = List.copyOf(results);
    cameras = Map.copyOf(cameras);
  }

  @Override
  public String toString() {
    return "PartnerSearchResult[index " + auditIndex + ", " + results.size() + " results]";
  }
}
