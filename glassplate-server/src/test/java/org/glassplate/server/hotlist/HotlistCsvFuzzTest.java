package org.glassplate.server.hotlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.glassplate.server.reads.StateCode;

/**
 * Fuzzes the hot-list CSV import (issue 12, R-HOT-1): the rows of any file become entries or row
 * errors naming their column, as {@link HotlistImports} stages them; never another exception (a
 * 500 that takes the whole part down), and every accepted entry is one the import can write
 * (its COPY row holds exactly its fields and PostgreSQL reads its expiry).
 *
 * <p>{@code mvn verify} runs this on its seed inputs only (Jazzer's regression mode), the files under
 * {@code src/test/resources/org/glassplate/server/hotlist/HotlistCsvFuzzTestInputs/importsOrRejectsEveryRow/}.
 * To fuzz for a minute (a finding is saved there as a new input, to commit with its fix):
 * <pre>
 * JAZZER_FUZZ=1 flock /tmp/glassplate-maven.lock mvn -B -o -pl glassplate-server test \
 *     -Dtest=HotlistCsvFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class HotlistCsvFuzzTest {
  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  static final List<String> FIELDS = List.of("plate", "state", "reason", "expiresAt");

  @FuzzTest(maxDuration = "60s")
  void importsOrRejectsEveryRow(byte[] input) {
    CsvReader reader = new CsvReader(new String(input, StandardCharsets.UTF_8));
    List<String> header = reader.next();
    if (header == null || header.isEmpty()) {
      return; // refused: "the first part must start with a header line"
    }
    int[] at = new int[FIELDS.size()];
    for (int i = 0; i < FIELDS.size(); i++) {
      at[i] = -1;
      for (int j = 0; j < header.size(); j++) {
        if (header.get(j).trim().equalsIgnoreCase(FIELDS.get(i))) {
          at[i] = j;
        }
      }
    }
    int read = 0;
    List<Hotlists.ValidEntry> accepted = new ArrayList<>();
    List<String> rejectedFields = new ArrayList<>();
    for (List<String> r = reader.next(); r != null; r = reader.next()) {
      if (r.isEmpty() || (r.size() == 1 && r.get(0).isBlank())) {
        continue;
      }
      read++;
      String[] v = new String[FIELDS.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = at[i] >= 0 && at[i] < r.size() ? r.get(at[i]).trim() : null;
      }
      try {
        accepted.add(Hotlists.validate(new Hotlists.NewEntry(v[0], v[1], v[2], HotlistImports.expiry(v[3])), NOW));
      } catch (Hotlists.InvalidEntry e) {
        assertTrue(FIELDS.contains(e.field), e.field);
        rejectedFields.add(e.field);
      } catch (RuntimeException e) {
        assertEquals("BadExpiry", e.getClass().getSimpleName(), "unexpected " + e);
        rejectedFields.add("expiresAt");
      }
    }
    assertEquals(read, accepted.size() + rejectedFields.size(), "every row is an entry or a row error");
    for (Hotlists.ValidEntry e : accepted) {
      assertTrue(e.plate().matches("[A-Z0-9?*]{1,16}"), "a plate or pattern of A-Z, 0-9, ? and *");
      assertEquals(e.partial(), PlatePattern.isPattern(e.plate()));
      if (!e.partial()) {
        assertTrue(PlateCodes.encode(e.plate()) > 0, "the match index can hold the plate");
      }
      assertTrue(e.state() == null || StateCode.isKnown(e.state()) && !e.state().equals("ZZ"));
      assertNotNull(e.reason());
      assertTrue(e.expiresAt().isAfter(NOW));
      // the COPY row: no field may hold a separator, and PostgreSQL reads only four-digit years
      assertFalse((e.plate() + e.reason().code() + (e.state() == null ? "" : e.state())).matches(".*[,\"\\r\\n].*"));
      assertTrue(e.expiresAt().toString().matches("\\d{4}-\\d{2}-\\d{2}T.*Z"), "PostgreSQL cannot store this expiry");
    }
  }
}
