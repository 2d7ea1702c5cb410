package org.glassplate.server.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Records failures that come in floods (wrong passwords, bad tokens, requests held back) without
 * flooding the log, and without leaving one unrecorded (R-AUD-1; issue 12 item 8). The first failure
 * of a kind within a minute is recorded at once, as {@link AuditRecorder#recordDenied} records it; the
 * further ones of that minute are counted, and recorded as one entry with their count
 * ({@code repeats}, {@code since}, {@code lastAt}) when the minute has closed: by the next failure of
 * that kind after it, or by the flush a few seconds later. A kind is the event type, the actor, the
 * source address and the reason code: failures of two accounts, from two addresses or for two reasons
 * are never folded together.
 *
 * <p>The counts of an open minute are kept in memory and recorded when the server stops: a server
 * that dies loses at most one minute of repeats, never the first failure of a kind.
 */
@Component
public class RepeatedFailures {
  /** How long repeats are folded into one entry. */
  public static final Duration WINDOW = Duration.ofMinutes(1);
  /** Beyond this many open kinds (a flood from very many addresses), failures are recorded one by one. */
  static final int MAX_OPEN = 20_000;

  private final Consumer<AuditEvent> write;
  private final Clock clock;
  private final Map<Kind, Window> open = new HashMap<>();
  private final Deque<AuditEvent> unwritten = new ArrayDeque<>();

  @Autowired
  RepeatedFailures(AuditRecorder audit, Clock clock) {
    this(audit::recordDenied, clock);
  }

  /** Folding that writes with {@code write} (the recorder's {@code recordDenied}, or a test's list). */
  public RepeatedFailures(Consumer<AuditEvent> write, Clock clock) {
    this.write = write;
    this.clock = clock;
  }

  private record Kind(int type, String actor, String source, String reasonCode) {
    static Kind of(AuditEvent e) {
      return new Kind(e.type().code(), e.actor().pseudonym(), Objects.toString(e.actor().sourceAddress(), ""),
          Objects.toString(e.reasonCode(), ""));
    }
  }

  private static final class Window {
    final Instant start;
    final AuditEvent first;
    int repeats;
    Instant lastAt;

    Window(Instant start, AuditEvent first) {
      this.start = start;
      this.first = first;
    }

    /** Whether {@code now} is within this minute (a clock set back closes it too). */
    boolean covers(Instant now) {
      return !now.isBefore(start) && now.isBefore(start.plus(WINDOW));
    }

    /** The entry that records the repeats, or null when there were none. */
    AuditEvent folded() {
      if (repeats == 0) {
        return null;
      }
      AuditEvent.Builder b = AuditEvent.of(first.type(), first.actor()).outcome(first.outcome())
          .reasonCode(first.reasonCode()).policy(first.policySha256());
      first.publicFields().forEach(b::with);
      first.privateFields().forEach(b::secret);
      return b.with("repeats", repeats).with("since", start.toString()).with("lastAt", lastAt.toString()).build();
    }
  }

  /**
   * Records a failure: at once when it is the first of its kind this minute, else as a repeat.
   *
   * @throws AuditUnavailable when an entry due now cannot be written; the caller refuses anyway
   */
  public void record(AuditEvent failure) {
    Kind kind = Kind.of(failure);
    Instant now = clock.instant();
    AuditEvent closed = null;
    boolean first = false;
    boolean direct = false;
    synchronized (this) {
      Window w = open.get(kind);
      if (w != null && !w.covers(now)) {
        open.remove(kind);
        closed = w.folded();
        w = null;
      }
      if (w != null) {
        w.repeats++;
        w.lastAt = now;
      } else if (open.size() < MAX_OPEN) {
        open.put(kind, new Window(now, failure));
        first = true;
      } else {
        direct = true; // too many open kinds: one by one
      }
    }
    if (closed != null) {
      writeOrKeep(closed);
    }
    if (first) {
      try {
        write.accept(failure);
      } catch (RuntimeException e) {
        synchronized (this) {
          open.remove(kind); // the next failure of this kind is recorded at once again
        }
        throw e;
      }
    } else if (direct) {
      write.accept(failure);
    }
  }

  /** Records the repeats of every minute that has closed; also runs every few seconds. */
  @Scheduled(fixedDelayString = "${glassplate.audit.repeats-flush:PT5S}", initialDelayString = "PT5S")
  public void flush() {
    Instant now = clock.instant();
    List<AuditEvent> due = new ArrayList<>();
    synchronized (this) {
      due.addAll(unwritten);
      unwritten.clear();
      for (Iterator<Window> it = open.values().iterator(); it.hasNext(); ) {
        Window w = it.next();
        if (!w.covers(now)) {
          it.remove();
          AuditEvent folded = w.folded();
          if (folded != null) {
            due.add(folded);
          }
        }
      }
    }
    for (AuditEvent e : due) {
      writeOrKeep(e);
    }
  }

  /** At shutdown, records the repeats of the minutes still open, so that a clean stop loses none. */
  @PreDestroy
  void flushAll() {
    List<AuditEvent> due = new ArrayList<>();
    synchronized (this) {
      due.addAll(unwritten);
      unwritten.clear();
      open.values().stream().map(Window::folded).filter(Objects::nonNull).forEach(due::add);
      open.clear();
    }
    for (AuditEvent e : due) {
      try {
        write.accept(e);
      } catch (RuntimeException failed) {
        return; // the log is already gone: nothing more can be recorded
      }
    }
  }

  /** Writes a folded entry; one that cannot be written now is kept for the next flush. */
  private void writeOrKeep(AuditEvent folded) {
    try {
      write.accept(folded);
    } catch (RuntimeException e) {
      synchronized (this) {
        unwritten.add(folded);
      }
    }
  }
}
