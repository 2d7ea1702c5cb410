package org.glassplate.server.oversight.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glassplate.server.audit.AuditEventTypes;

/**
 * What the rules remember of the entries before the one they examine: each person's recent searches
 * (as far back as the longest window of a rule) and when each person last did anything recorded. Kept
 * in memory between runs while it matches the stored cursor, rebuilt from the log otherwise. Plates
 * and reasons in it never leave the server.
 */
public final class History {
  /** Entries of these types are not a person's use of the system (DORMANT_ACCOUNT_USE): signing in and out. */
  static final Set<String> NOT_USE = Set.of(AuditEventTypes.SIGN_IN_SUCCEEDED.name(),
      AuditEventTypes.SIGN_IN_FAILED.name(), AuditEventTypes.SIGNED_OUT.name(), AuditEventTypes.SESSION_ENDED.name(),
      AuditEventTypes.ACCOUNT_LOCKED.name(), AuditEventTypes.LOCKOUT_RELEASED.name(),
      AuditEventTypes.PASSWORD_CHANGED.name(), AuditEventTypes.MFA_ENROLLED.name(),
      AuditEventTypes.API_TOKEN_REFUSED.name());
  /** More people than this, and those silent for longer than the longest window are forgotten. */
  private static final int PEOPLE_BEFORE_PRUNING = 5000;

  /**
   * One search as asked.
   *
   * @param index its log index
   * @param time when
   * @param performed whether it ran (else it was refused)
   * @param plateKey the plate or pattern as matched, or null
   * @param exactPlate whether it was one full plate
   * @param reason the reason as typed, or null ({@link #reasonKey()} as compared)
   * @param onBehalfOf the agency it was for as typed or resolved, or null ({@link #onBehalfOfKey()} as compared)
   * @param reasonCode the refusal's code, or null
   */
  record Search(long index, Instant time, boolean performed, String plateKey, boolean exactPlate, String reason,
      String onBehalfOf, String reasonCode) {

    /** The reason as compared; worked out when asked (REFUSED_THEN_RETRIED, after a refusal of the same plate). */
    String reasonKey() {
      return Words.key(reason);
    }

    /** The agency it was for, as compared ("" for none). */
    String onBehalfOfKey() {
      return Words.key(onBehalfOf);
    }
  }

  /** One person's remembered searches. */
  private static final class Searches {
    /** All of them, in index order. */
    final Deque<Search> all = new ArrayDeque<>();
    /** Those that ran on one full plate, by plate key, in index order (REPEATED_PLATE asks for no others). */
    final Map<String, Deque<Search>> ranByPlate = new HashMap<>();
    /** The times of those that ran, in index order (HIGH_VOLUME counts them). */
    final Times performed = new Times();
    /**
     * How many searches in {@link #all} are earlier than the one before them: while none is, the
     * searches that ran in a window are counted by binary search on {@link #performed}.
     */
    int descents;

    void addLast(Search s) {
      if (!all.isEmpty() && s.time().isBefore(all.peekLast().time())) {
        descents++;
      }
      all.addLast(s);
      if (s.performed()) {
        performed.addLast(s.time());
      }
    }

    Search removeFirst() {
      Search gone = all.removeFirst();
      if (!all.isEmpty() && all.peekFirst().time().isBefore(gone.time())) {
        descents--;
      }
      if (gone.performed()) {
        performed.removeFirst();
      }
      return gone;
    }

    /** {@link History#countPerformed} of all of them, newest first: by binary search while they are in time order. */
    int performedIn(Instant from, Instant to) {
      if (descents > 0) {
        return countPerformed(all.descendingIterator(), from, to);
      }
      // in time order, the walk newest first counts exactly those that ran after from and by to
      return performed.atMost(to, toCursor) - performed.atMost(from, fromCursor);
    }

    /** Where the last counts of the window's end and start stopped (HIGH_VOLUME's windows mostly move forward). */
    final Cursor toCursor = new Cursor();
    final Cursor fromCursor = new Cursor();
  }

  /**
   * Where a count of the instants no later than {@link #last} stopped: every instant before position
   * {@link #position} (counted from the first ever added, removed ones included) is no later than it.
   */
  static final class Cursor {
    Instant last;
    long position;
  }

  /** Instants in a ring, oldest first. */
  private static final class Times {
    private Instant[] ring = new Instant[16];
    private int head;
    private int size;
    /** How many were ever removed from the front. */
    private long removed;

    void addLast(Instant t) {
      if (size == ring.length) {
        Instant[] bigger = new Instant[ring.length * 2];
        for (int i = 0; i < size; i++) {
          bigger[i] = get(i);
        }
        ring = bigger;
        head = 0;
      }
      ring[(head + size) & (ring.length - 1)] = t; // a power of two long
      size++;
    }

    void removeFirst() {
      ring[head] = null;
      head = (head + 1) & (ring.length - 1);
      size--;
      removed++;
    }

    Instant get(int i) {
      return ring[(head + i) & (ring.length - 1)];
    }

    /**
     * {@link #atMost(Instant)}, going on from where the cursor stopped when {@code t} is no earlier than its
     * last instant (those before it are no later than that, hence than {@code t}): a few steps forward, else
     * a binary search over the rest. Leaves the cursor at {@code t}.
     */
    int atMost(Instant t, Cursor c) {
      int n;
      if (c.last != null && !t.isBefore(c.last)) {
        int i = (int) Math.max(0, c.position - removed);
        int steps = 0;
        while (i < size && steps < 8 && !get(i).isAfter(t)) {
          i++;
          steps++;
        }
        n = i < size && steps == 8 ? atMost(t, i) : i;
      } else {
        n = atMost(t, 0);
      }
      c.last = t;
      c.position = removed + n;
      return n;
    }

    /** How many are no later than {@code t}, when they are in time order. */
    int atMost(Instant t) {
      return atMost(t, 0);
    }

    /** {@link #atMost(Instant)} when the first {@code from} are known to be no later than {@code t}. */
    private int atMost(Instant t, int from) {
      int lo = from;
      int hi = size;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (get(mid).isAfter(t)) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return lo;
    }
  }

  private final Map<String, Searches> searches = new HashMap<>();
  private final Map<String, Instant> lastAction = new HashMap<>();
  private final Map<String, Instant> changedLastAction = new HashMap<>();
  private long nextIndex;
  private Instant latest = Instant.EPOCH;

  /** An empty history that has seen everything before {@code nextIndex} (nothing, when it is 0). */
  public History(long nextIndex, Map<String, Instant> lastActions) {
    this.nextIndex = nextIndex;
    this.lastAction.putAll(lastActions);
  }

  /** The index after the last entry this history has seen. */
  public long nextIndex() {
    return nextIndex;
  }

  /** Remembers an entry the rules have examined; forgets searches older than {@code keep} before it. */
  public void add(AuditRecord r, Duration keep) {
    nextIndex = Math.max(nextIndex, r.index() + 1);
    if (r.time().isAfter(latest)) {
      latest = r.time();
    }
    remember(r, keep);
    if (r.actor() != null && !NOT_USE.contains(r.type())) {
      lastAction.put(r.actor(), r.time());
      changedLastAction.put(r.actor(), r.time());
    }
  }

  /** Goes past an entry that cannot be read. */
  void skip(long index) {
    nextIndex = Math.max(nextIndex, index + 1);
  }

  /** Remembers an earlier search while the history is rebuilt (its person's last action is stored apart). */
  void addEarlier(AuditRecord r, Duration keep) {
    remember(r, keep);
  }

  private void remember(AuditRecord r, Duration keep) {
    if (r.actor() == null || !r.searchAsAsked()) {
      return;
    }
    Searches mine = searches.computeIfAbsent(r.actor(), k -> new Searches());
    Search s = new Search(r.index(), r.time(), r.performedSearch(), r.plateKey(), r.exactPlate(), r.secret("reason"),
        onBehalfOf(r), r.reasonCode());
    mine.addLast(s);
    if (ranOnPlate(s)) {
      mine.ranByPlate.computeIfAbsent(s.plateKey(), k -> new ArrayDeque<>(2)).addLast(s); // most plates once
    }
    Instant oldest = r.time().minus(keep);
    while (!mine.all.isEmpty() && mine.all.peekFirst().time().isBefore(oldest)) {
      Search gone = mine.removeFirst();
      if (ranOnPlate(gone)) {
        Deque<Search> same = mine.ranByPlate.get(gone.plateKey());
        same.removeFirst(); // the same search: both are in index order
        if (same.isEmpty()) {
          mine.ranByPlate.remove(gone.plateKey());
        }
      }
    }
    if (searches.size() > PEOPLE_BEFORE_PRUNING) {
      Instant forgotten = latest.minus(keep);
      searches.values().removeIf(d -> d.all.isEmpty() || d.all.peekLast().time().isBefore(forgotten));
    }
  }

  private static boolean ranOnPlate(Search s) {
    return s.performed() && s.exactPlate() && s.plateKey() != null;
  }

  /** The agency a search was for as typed (a refused one) or as resolved (one that ran); null for none. */
  static String onBehalfOf(AuditRecord r) {
    return r.secret("onBehalfOf") != null ? r.secret("onBehalfOf") : r.field("onBehalfOf");
  }

  /** A person's remembered searches that ran on this one full plate (by plate key), oldest first, without copying. */
  Iterable<Search> ranOnPlate(String person, String plateKey) {
    Searches d = searches.get(person);
    Deque<Search> same = d == null ? null : d.ranByPlate.get(plateKey);
    return same == null ? List.of() : Collections.unmodifiableCollection(same);
  }

  /** {@link #ranOnPlate}, newest first. */
  Iterator<Search> ranOnPlateNewestFirst(String person, String plateKey) {
    Searches d = searches.get(person);
    Deque<Search> same = d == null ? null : d.ranByPlate.get(plateKey);
    return same == null ? Collections.emptyIterator() : same.descendingIterator();
  }

  /** A person's remembered searches, newest first, without copying. */
  Iterator<Search> newestFirst(String person) {
    Searches d = searches.get(person);
    return d == null ? Collections.emptyIterator() : d.all.descendingIterator();
  }

  /**
   * How many searches that ran each person other than {@code except} made after {@code from} and no later
   * than {@code to}, sorted; people with none are left out.
   */
  int[] performedByOthers(String except, Instant from, Instant to) {
    int[] out = new int[searches.size()];
    int people = 0;
    for (Map.Entry<String, Searches> e : searches.entrySet()) {
      if (e.getKey().equals(except)) {
        continue;
      }
      int n = e.getValue().performedIn(from, to);
      if (n > 0) {
        out[people++] = n;
      }
    }
    int[] counts = Arrays.copyOf(out, people);
    Arrays.sort(counts);
    return counts;
  }

  /** {@link #countPerformed} of a person's remembered searches. */
  int performedBy(String person, Instant from, Instant to) {
    Searches d = searches.get(person);
    return d == null ? 0 : d.performedIn(from, to);
  }

  /** How many searches that ran, newest first from {@code it}, fall after {@code from} and by {@code to}. */
  static int countPerformed(Iterator<Search> it, Instant from, Instant to) {
    int n = 0;
    while (it.hasNext()) {
      Search s = it.next();
      if (!s.time().isAfter(from)) {
        break;
      }
      if (s.performed() && !s.time().isAfter(to)) {
        n++;
      }
    }
    return n;
  }

  /** When the person last did anything recorded other than signing in or out; null if never. */
  Instant lastAction(String person) {
    return lastAction.get(person);
  }

  /** Last actions that changed since the previous call, to be stored; clears them. */
  public Map<String, Instant> takeChangedLastActions() {
    Map<String, Instant> out = Map.copyOf(changedLastAction);
    changedLastAction.clear();
    return out;
  }
}
