package org.glassplate.server.reads;

import java.util.List;

/**
 * Checks reads against hot lists inside the ingest transaction, so a read and the alert it raised
 * are stored together or not at all (R-HOT-2). Implemented by the hot-list feature; what it returns
 * is reported to the camera as the batch's {@code alerts}.
 */
public interface ReadMatcher {

  List<?> matchInTransaction(List<PlateRead> reads);
}
