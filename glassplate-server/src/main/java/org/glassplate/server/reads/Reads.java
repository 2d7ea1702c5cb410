package org.glassplate.server.reads;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glassplate.server.reads.internal.ReadQueries;
import org.springframework.stereotype.Service;

/** Read-only questions other features may ask of the read store. */
@Service
public class Reads {
  /** Look-alike variants are looked up one by one up to this many; beyond, the trigram index answers. */
  static final int MAX_VARIANTS = 32;

  private final ReadQueries queries;

  Reads(ReadQueries queries) {
    this.queries = queries;
  }

  /**
   * One page of reads matching an audited search, newest first (R-SRCH-3). Every query is bounded
   * by the window (which prunes day partitions), the page and a statement timeout, and indexed: a
   * full plate by {@code (plate, captured_at)}, look-alikes by their variants or the trigram index
   * on the look-alike form of the plate, patterns by that trigram index, and camera or area
   * searches by {@code (camera_id, captured_at)}. The caller audits the search; this only reads.
   */
  public List<PlateRead> search(ReadSearch q) {
    if (q.cameras() != null && q.cameras().isEmpty()) {
      return List.of();
    }
    PlateQuery p = q.plate();
    List<String> variants = p.exact() && p.lookAlike() ? variants(p.pattern(), MAX_VARIANTS) : null;
    return queries.search(q, variants);
  }

  /** Every plate that is a look-alike of {@code plate} (itself included), or null if more than {@code max}. */
  static List<String> variants(String plate, int max) {
    List<String> out = new ArrayList<>(List.of(""));
    for (char c : plate.toCharArray()) {
      String group = group(c);
      if ((long) out.size() * group.length() > max) {
        return null;
      }
      List<String> next = new ArrayList<>(out.size() * group.length());
      for (String prefix : out) {
        for (char g : group.toCharArray()) {
          next.add(prefix + g);
        }
      }
      out = next;
    }
    return out;
  }

  private static String group(char c) {
    for (String g : new String[] {"0ODQ", "1I", "2Z", "5S", "8B", "6G"}) {
      if (g.indexOf(c) >= 0) {
        return g;
      }
    }
    return String.valueOf(c);
  }

  /** How many reads are stored with a capture time at or after {@code since}. */
  public long countCapturedSince(Instant since) {
    return queries.countCapturedSince(since);
  }

  /** Reads stored per UTC capture day from {@code since} on, oldest first; days without reads are absent. */
  public Map<LocalDate, Long> countPerDay(Instant since) {
    return queries.countPerDay(since);
  }

  /** The capture time of the oldest read still stored, if any; cheap however many reads there are. */
  public Optional<Instant> oldestCapture() {
    return queries.oldestCapture();
  }

  /** The capture times of those of {@code ids} that are stored. */
  public Map<Long, Instant> capturedAt(Collection<Long> ids) {
    return queries.capturedAt(ids);
  }

  /**
   * The stored reads of {@code ids}, newest first; a purged one is absent. Plate data: the caller
   * checks who may see them and audits the view.
   */
  public List<PlateRead> byIds(Collection<Long> ids) {
    return ids.isEmpty() ? List.of() : queries.byIds(ids);
  }

  /** How many reads are stored in all. */
  public long countAll() {
    return queries.countAll();
  }
}
