package org.glassplate.server.reads;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.glassplate.server.reads.internal.PartitionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the trigram index of the plates (searches, R-SRCH-3) out of the ingest path: new reads go
 * to the index's pending list, which this moves into the index every second for the partitions
 * that take reads (yesterday, today, tomorrow), so an ingest transaction never has to do it and an
 * alert is held up by it only in a burst of more reads than the 4 MB list holds in a second
 * (R-HOT-2). Measured in docs/benchmarks/search.md.
 */
@Component
class ReadIndexMaintenance {
  private static final Logger log = LoggerFactory.getLogger(ReadIndexMaintenance.class);

  private final PartitionStore store;
  private final Clock clock;
  private volatile boolean warned;

  ReadIndexMaintenance(PartitionStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Scheduled(fixedDelay = 1000, initialDelay = 1000)
  void cleanPendingLists() {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    try {
      store.cleanPendingLists(today.minusDays(1), today, today.plusDays(1));
    } catch (DataAccessException e) {
      if (!warned) {
        warned = true;
        log.warn("cannot clean the plate index's pending list ({}); inserts will do it themselves",
            e.getClass().getSimpleName());
      }
    }
  }
}
