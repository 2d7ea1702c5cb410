package org.glassplate.server.oversight;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A misuse investigation (R-GOV-4, issue 16 item 3): opened by an auditor from findings about one
 * person (the subject, by pseudonym), assigned to an auditor, its steps recorded, and closed with an
 * outcome as the state's annual misuse report counts them ({@link Outcome}). Pending for more than
 * {@link #OVERDUE_AFTER} it is overdue.
 *
 * @param id the investigation's number
 * @param subject the pseudonym of the person investigated
 * @param summary what the investigation is about, in the auditor's words (never in the public log); may be null
 * @param openedBy the pseudonym of the auditor who opened it
 * @param assignee the pseudonym of the auditor who investigates, or null before it is assigned
 * @param outcome {@link Outcome#PENDING} while open
 * @param outcomeNote the closing auditor's note, or null
 * @param closedBy who closed it, or null while pending
 * @param findings the ids of the findings it rests on
 * @param steps what happened, oldest first
 */
public record Investigation(long id, String subject, String summary, String openedBy, Instant openedAt,
    String assignee, Instant assignedAt, Outcome outcome, String outcomeNote, String closedBy, Instant closedAt,
    List<Long> findings, List<Step> steps) {

  /** Pending for longer than this, an investigation is overdue (flagged in its list and by the self-audit). */
  public static final Duration OVERDUE_AFTER = Duration.ofDays(180);

  public Investigation {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(openedBy, "openedBy");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(outcome, "outcome");
    findings = List.copyOf(findings);
    steps = List.copyOf(steps);
  }

  /** Whether it is still pending more than {@link #OVERDUE_AFTER} after it was opened, at {@code now}. */
  public boolean overdueAt(Instant now) {
    return outcome == Outcome.PENDING && openedAt.plus(OVERDUE_AFTER).isBefore(now);
  }

  public boolean pending() {
    return outcome == Outcome.PENDING;
  }

  @Override
  public String toString() {
    return "Investigation[" + id + ", " + outcome + ", redacted]";
  }

  /**
   * How an investigation ends, exactly as the state's annual misuse report (CLETS) counts them;
   * {@link #PENDING} is the open state. The names are stable: they are in audit entries and the report.
   */
  public enum Outcome {
    PENDING("pending"),
    NO_MISUSE_FOUND("no misuse found"),
    COUNSELING_OR_TRAINING("counseling or training"),
    WRITTEN_REPRIMAND("written reprimand"),
    SUSPENSION("suspension"),
    TERMINATION("termination"),
    RESIGNATION("resignation"),
    REFERRED_MISDEMEANOR("referred for misdemeanor prosecution"),
    REFERRED_FELONY("referred for felony prosecution"),
    OTHER("other (see the note)");

    private final String words;

    Outcome(String words) {
      this.words = words;
    }

    /** The outcome in plain words, as a page shows it. */
    public String words() {
      return words;
    }

    /** The outcomes an investigation closes with: every one but {@link #PENDING}. */
    public static List<Outcome> closing() {
      return List.of(values()).subList(1, values().length);
    }
  }

  /** What happened in an investigation. */
  public enum StepKind { OPENED, ASSIGNED, NOTE, CLOSED }

  /**
   * One step: what, when, by whom (pseudonym), and the note typed with it (for an assignment: the
   * assignee's pseudonym), or null.
   */
  public record Step(StepKind kind, Instant at, String by, String note) {
    @Override
    public String toString() {
      return "Step[" + kind + ", " + at + ", redacted]";
    }
  }
}
