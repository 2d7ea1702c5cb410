package org.glassplate.server.reads;

import java.util.List;

/**
 * Reads were stored (published after the ingest transaction committed). {@code reads} are the
 * accepted reads of one batch, with their ids.
 */
public record ReadIngested(long cameraId, List<PlateRead> reads) {
  public ReadIngested {
    reads = List.copyOf(reads);
  }
}
