package org.glassplate.server.hotlist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The in-memory matching index: per hot list, the plate codes of its active entries and its
 * wildcard patterns. It answers "could this read hit?" fast and without the database; PostgreSQL
 * then confirms the candidates (entry still active, not expired, state matches, list generation
 * current), so a stale key here can cause a lookup but never a wrong alert.
 *
 * <p>Each list holds an immutable {@code current} snapshot, a small copy-on-write {@code delta} of
 * entries added since it was built, and, while a whole extract is being replaced, the {@code next}
 * snapshot: lookups probe all of them, so the replacement has no gap in matching.
 */
final class MatchIndex {

  /** A plate or pattern of a list that a read may hit; confirmed against the database. */
  record Candidate(long listId, String plate, MatchKind kind) {
    @Override
    public String toString() {
      return "Candidate[list=" + listId + ", kind=" + kind + "]";
    }
  }

  record Snapshot(PlateSet plates, PlatePattern[] patterns) {
    static final Snapshot EMPTY = new Snapshot(PlateSet.EMPTY, new PlatePattern[0]);

    Snapshot plus(long[] codes, List<PlatePattern> more) {
      PlatePattern[] p = patterns;
      if (!more.isEmpty()) {
        p = Arrays.copyOf(patterns, patterns.length + more.size());
        for (int i = 0; i < more.size(); i++) {
          p[patterns.length + i] = more.get(i);
        }
      }
      return new Snapshot(codes.length == 0 ? plates : plates.plus(codes), p);
    }

    int size() {
      return plates.size() + patterns.length;
    }
  }

  static final class ListIndex {
    final long listId;
    final HotlistSource source;
    volatile Snapshot current = Snapshot.EMPTY;
    volatile Snapshot delta = Snapshot.EMPTY;
    volatile Snapshot next;

    ListIndex(long listId, HotlistSource source) {
      this.listId = listId;
      this.source = source;
    }

    synchronized void add(long[] codes, List<PlatePattern> patterns) {
      delta = delta.plus(codes, patterns);
    }

    /**
     * Makes {@code built} the current snapshot. {@code seen} is the delta as it was when the build
     * started reading the database: what was added to the delta after that is kept.
     */
    synchronized void install(Snapshot built, Snapshot seen) {
      Snapshot d = delta;
      if (d == seen) {
        d = Snapshot.EMPTY;
      } else {
        long[] later = Arrays.stream(d.plates().toArray()).filter(c -> !seen.plates().contains(c)).toArray();
        List<PlatePattern> laterPatterns = Arrays.stream(d.patterns())
            .filter(p -> !Arrays.asList(seen.patterns()).contains(p)).toList();
        d = Snapshot.EMPTY.plus(later, laterPatterns);
      }
      current = built;
      delta = d;
      next = null;
    }

    int size() {
      return current.size() + delta.size();
    }
  }

  private volatile ListIndex[] lists = new ListIndex[0];

  synchronized ListIndex list(long listId, HotlistSource source) {
    for (ListIndex l : lists) {
      if (l.listId == listId) {
        return l;
      }
    }
    ListIndex l = new ListIndex(listId, source);
    ListIndex[] grown = Arrays.copyOf(lists, lists.length + 1);
    grown[lists.length] = l;
    lists = grown;
    return l;
  }

  synchronized void remove(long listId) {
    lists = Arrays.stream(lists).filter(l -> l.listId != listId).toArray(ListIndex[]::new);
  }

  ListIndex[] lists() {
    return lists;
  }

  /** Bit set of {@link HotlistSource#bit()}s. */
  static int mask(Iterable<HotlistSource> sources) {
    int m = 0;
    for (HotlistSource s : sources) {
      m |= s.bit();
    }
    return m;
  }

  /** Whether an exact candidate exists in a list of an enabled source (the hot path of the benchmark). */
  boolean hasExact(String plate, int sourceMask) {
    long code = PlateCodes.encode(plate);
    for (ListIndex l : lists) {
      if ((l.source.bit() & sourceMask) != 0 && containsAnywhere(l, code)) {
        return true;
      }
    }
    return false;
  }

  /** How many look-alike variants of the plate are in lists of enabled sources (no allocation). */
  int lookAlikeHits(String plate, int sourceMask) {
    long code = PlateCodes.encode(plate);
    int n = plate.length();
    int hits = 0;
    for (ListIndex l : lists) {
      if ((l.source.bit() & sourceMask) == 0) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        int s = PlateCodes.symbol(plate.charAt(i));
        int[] alts = PlateCodes.alternates(s);
        if (alts.length == 0) {
          continue;
        }
        long w = PlateCodes.weight(n, i);
        for (int a : alts) {
          if (containsAnywhere(l, code + (a - s) * w)) {
            hits++;
          }
        }
      }
    }
    return hits;
  }

  /** All candidates of one read in lists of enabled sources, added to {@code out}. */
  void candidates(String plate, int sourceMask, List<Candidate> out) {
    long code = PlateCodes.encode(plate);
    if (code <= 0) {
      return;
    }
    for (ListIndex l : lists) {
      if ((l.source.bit() & sourceMask) == 0) {
        continue;
      }
      if (containsAnywhere(l, code)) {
        out.add(new Candidate(l.listId, plate, MatchKind.EXACT));
      }
      int len = plate.length();
      for (int i = 0; i < len; i++) {
        int s = PlateCodes.symbol(plate.charAt(i));
        int[] alts = PlateCodes.alternates(s);
        if (alts.length == 0) {
          continue;
        }
        long w = PlateCodes.weight(len, i);
        for (int a : alts) {
          long v = code + (a - s) * w;
          if (containsAnywhere(l, v)) {
            out.add(new Candidate(l.listId, PlateCodes.decode(v), MatchKind.LOOKALIKE));
          }
        }
      }
      patterns(l.current, l.listId, plate, out);
      patterns(l.delta, l.listId, plate, out);
      Snapshot n = l.next;
      if (n != null) {
        patterns(n, l.listId, plate, out);
      }
    }
  }

  private static void patterns(Snapshot s, long listId, String plate, List<Candidate> out) {
    for (PlatePattern p : s.patterns()) {
      if (p.matches(plate)) {
        out.add(new Candidate(listId, p.value(), MatchKind.PARTIAL));
      }
    }
  }

  private static boolean containsAnywhere(ListIndex l, long code) {
    if (l.current.plates().contains(code)) {
      return true;
    }
    Snapshot d = l.delta;
    if (d.plates().size() > 0 && d.plates().contains(code)) {
      return true;
    }
    Snapshot n = l.next;
    return n != null && n.plates().contains(code);
  }

  /** Builds a snapshot from entries' plates (normalized plates and patterns mixed). */
  static Snapshot build(long[] codes, int n, List<PlatePattern> patterns) {
    return new Snapshot(PlateSet.of(codes, n), patterns.toArray(new PlatePattern[0]));
  }

  /** A growable buffer of codes, to build snapshots from a stream of rows without boxing. */
  static final class CodeBuffer {
    long[] codes = new long[1024];
    int n;
    final List<PlatePattern> patterns = new ArrayList<>();

    void add(String plateOrPattern) {
      if (PlatePattern.isPattern(plateOrPattern)) {
        patterns.add(new PlatePattern(plateOrPattern));
        return;
      }
      long c = PlateCodes.encode(plateOrPattern);
      if (c > 0) {
        if (n == codes.length) {
          codes = Arrays.copyOf(codes, codes.length * 2);
        }
        codes[n++] = c;
      }
    }

    Snapshot build() {
      return MatchIndex.build(codes, n, patterns);
    }
  }
}
