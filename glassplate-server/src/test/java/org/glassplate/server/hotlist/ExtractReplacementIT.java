package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Replacing a 1,000,000-entry NCIC extract while reads flow misses no match (issue 6 acceptance):
 * plates on both the old and the new extract hit before, during and after the swap.
 */
class ExtractReplacementIT extends HotlistTestSupport {
  static final int ENTRIES = 1_000_000;

  @Autowired
  HotlistImports imports;

  private static Iterator<Hotlists.NewEntry> extract(String prefix, int n, Instant expires) {
    return new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < n;
      }

      @Override
      public Hotlists.NewEntry next() {
        return new Hotlists.NewEntry(prefix + Integer.toString(i++, 36).toUpperCase(), "CA", "stolen_vehicle", expires);
      }
    };
  }

  /** The extract is dense, so look-alike hits come too; the exact one must be there. */
  private static boolean exact(JsonNode alerts) {
    return alerts.valueStream().anyMatch(a -> a.path("matchKind").stringValue().equals("exact"));
  }

  @Test
  void replacingAMillionEntryExtractWhileReadsFlowMissesNoMatch() throws Exception {
    sources("local", "state", "ncic");
    try {
      long list = createList(admin, "NCIC extract", "ncic");
      Caller system = Caller.system();
      Instant expires = inDays(30);
      // old: N0.. ; new: the same plates (both generations) — every plate must keep matching
      imports.replaceExtract(list, extract("N", ENTRIES, expires), system);
      String cam = camera();
      List<String> probes = List.of("N0", "N" + Integer.toString(ENTRIES / 2, 36).toUpperCase(),
          "N" + Integer.toString(ENTRIES - 1, 36).toUpperCase());
      for (String p : probes) {
        assertThat(exact(read(cam, p, "CA"))).as("before the replacement").isTrue();
      }

      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger reads = new AtomicInteger();
      List<String> misses = new ArrayList<>();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread flow = new Thread(() -> {
        try {
          while (!done.get()) {
            for (String p : probes) {
              JsonNode alerts = read(cam, p, "CA");
              reads.incrementAndGet();
              if (!exact(alerts)) {
                synchronized (misses) {
                  misses.add(p);
                }
              }
            }
          }
        } catch (Throwable t) {
          failure.set(t);
        }
      });
      flow.start();
      long mark = auditMark();
      HotlistImports.ImportJob job = imports.replaceExtract(list, extract("N", ENTRIES, expires), system);
      Thread.sleep(200);
      done.set(true);
      flow.join();

      assertThat(failure.get()).isNull();
      assertThat(job.status()).isEqualTo("DONE");
      assertThat(job.rowsAccepted()).isEqualTo(ENTRIES);
      assertThat(reads.get()).as("reads flowed during the replacement").isGreaterThan(10);
      assertThat(misses).as("no read missed its match").isEmpty();
      assertThat(jdbc.sql("SELECT count(*) FROM hotlist_entry WHERE list_id = :l").param("l", list).query(Long.class)
          .single()).as("the old generation is gone").isEqualTo(ENTRIES);
      assertThat(audit(AuditEventTypes.HOTLIST_EXTRACT_REPLACED, mark)).singleElement()
          .satisfies(e -> assertThat(e.path("entries").intValue()).isEqualTo(ENTRIES));
      for (String p : probes) {
        assertThat(exact(read(cam, p, "CA"))).as("after the replacement").isTrue();
      }
    } finally {
      sources("local", "state");
    }
  }
}
