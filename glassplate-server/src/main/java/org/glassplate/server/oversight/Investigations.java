package org.glassplate.server.oversight;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassplate.server.accounts.Account;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.accounts.Approvers;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.CommonRefusal;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.Roles;
import org.glassplate.server.oversight.internal.FindingStore;
import org.glassplate.server.oversight.internal.InvestigationStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Misuse investigations for auditors (R-GOV-4, issue 16 item 3): opened from open findings about one
 * person, assigned to an auditor, their steps recorded and closed with an outcome the state's annual
 * misuse report counts ({@link Investigation.Outcome}). Every change is audited in the same transaction
 * as the change itself (fail closed: if the entry cannot be written, nothing changes); free text stays
 * private in the entry's commitment.
 *
 * <p>No one handles an investigation of themselves: the subject, or an account tied to the subject's
 * (who created, reset or granted a role to whom: {@link Approvers}), may not open, read, assign, record
 * a step of or close it, nor be its assignee ({@code SAME_PERSON}, recorded). Any other auditor may
 * close it, the one who opened it included: an agency may have a single auditor besides the subject.
 */
@Service
public class Investigations {
  /** Most investigations one list shows. */
  public static final int MAX_LISTED = 500;
  /** Most findings one investigation is opened from. */
  public static final int MAX_FINDINGS = 100;
  /** Longest summary or note. */
  public static final int MAX_TEXT = 2000;
  private static final Pattern USER = Pattern.compile("user:(\\d{1,18})");
  private static final Pattern PSEUDONYM = Pattern.compile("[A-Za-z0-9:._/-]{1,130}");

  private final InvestigationStore store;
  private final FindingStore findings;
  private final Accounts accounts;
  private final Approvers approvers;
  private final AuditRecorder audit;
  private final Clock clock;
  private final TransactionTemplate tx;

  Investigations(InvestigationStore store, FindingStore findings, Accounts accounts, Approvers approvers,
      AuditRecorder audit, Clock clock, PlatformTransactionManager transactions) {
    this.store = store;
    this.findings = findings;
    this.accounts = accounts;
    this.approvers = approvers;
    this.audit = audit;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
  }

  /** What a list of investigations may be filtered by. */
  public enum Filter { PENDING, OVERDUE, CLOSED }

  /**
   * Opens an investigation from open findings about one person, who becomes its subject; the findings
   * become {@code UNDER_INVESTIGATION}.
   *
   * @param subject the subject's pseudonym, if the caller names it: it must be the findings' person; may be null
   * @param summary what it is about, in the auditor's words (private); may be null
   * @throws Refusal 422 naming {@code findings}, {@code subject} or {@code summary}; 403 {@code SAME_PERSON};
   *     409 {@code FINDING_NOT_OPEN}
   */
  public Investigation open(List<Long> findingIds, String subject, String summary, Caller auditor) {
    if (findingIds == null || findingIds.isEmpty()) {
      throw Refusal.invalid("findings", "name at least one finding to investigate");
    }
    if (findingIds.size() > MAX_FINDINGS) {
      throw Refusal.invalid("findings", "at most " + MAX_FINDINGS + " findings make one investigation");
    }
    if (findingIds.stream().anyMatch(f -> f == null || f <= 0)) {
      throw Refusal.invalid("findings", "each finding is named by its number");
    }
    List<Long> ids = List.copyOf(new LinkedHashSet<>(findingIds)).stream().sorted().toList();
    String about = text(summary, "summary");
    Set<String> people = new LinkedHashSet<>();
    for (long id : ids) {
      Finding f = findings.find(id).orElseThrow(() -> Refusal.invalid("findings", "there is no finding " + id));
      people.add(f.person());
    }
    if (people.size() > 1) {
      throw Refusal.invalid("findings", "the findings concern " + people.size()
          + " different people: an investigation has one subject");
    }
    String person = people.iterator().next();
    String named = blankToNull(subject);
    if (named != null && !named.equals(person)) {
      throw Refusal.invalid("subject", "the subject is the person the findings concern, and these concern another");
    }
    requireNotSubject(person, auditor, "open an investigation of yourself",
        AuditEvent.of(InvestigationAuditTypes.INVESTIGATION_REFUSED, auditor).with("action", "OPEN")
            .with("findingIds", ids));
    return tx.execute(s -> {
      for (long id : ids) {
        Finding f = findings.lock(id).orElseThrow(() -> Refusal.invalid("findings", "there is no finding " + id));
        if (f.status() != Finding.Status.OPEN) {
          throw new Refusal(FindingRefusal.FINDING_NOT_OPEN, "finding " + id + " is " + f.status()
              + ", not OPEN: an investigation is opened from open findings", "findings");
        }
      }
      Instant now = clock.instant();
      long id = store.insert(person, about, auditor.pseudonym(), now, ids);
      audit.record(AuditEvent.of(InvestigationAuditTypes.INVESTIGATION_OPENED, auditor)
          .with("investigationId", id)
          .with("subject", person)
          .with("findingIds", ids)
          .secret("summary", about)
          .build());
      return store.find(id).orElseThrow();
    });
  }

  /**
   * Assigns a pending investigation to an auditor, who must not be its subject.
   *
   * @param assignee the auditor's pseudonym, e.g. {@code user:12}
   * @throws Refusal 422 naming {@code assignee}; 404; 403 {@code SAME_PERSON}; 409 {@code INVESTIGATION_CLOSED}
   */
  public Investigation assign(long id, String assignee, Caller auditor) {
    String who = blankToNull(assignee);
    if (who == null) {
      throw Refusal.invalid("assignee", "name the auditor who is to investigate");
    }
    Account account = account(who).filter(a -> a.enabled() && a.roles().contains(Roles.AUDITOR))
        .orElseThrow(() -> Refusal.invalid("assignee", "the assignee must be an enabled auditor's account, e.g. user:12"));
    Investigation i = find(id);
    AuditEvent.Builder refused = refused(i, "ASSIGN", auditor);
    requireNotSubject(i.subject(), auditor, "assign an investigation of yourself", refused);
    Caller assigneeAsCaller = new Caller(Caller.Kind.USER, account.id(), account.pseudonym(), account.roles(), null);
    if (account.pseudonym().equals(i.subject()) || subjectAccount(i.subject())
        .flatMap(s -> approvers.tie(s, assigneeAsCaller)).isPresent()) {
      throw audit.recordDenied(refused(i, "ASSIGN", auditor).denied(CommonRefusal.SAME_PERSON.code())
              .with("assignee", account.pseudonym()).build(),
          new Refusal(CommonRefusal.SAME_PERSON, "the subject of an investigation, or an account tied to the "
              + "subject's, cannot investigate it: assign another auditor", "assignee"));
    }
    return change(id, auditor, (now) -> {
      store.assign(id, account.pseudonym(), auditor.pseudonym(), now);
      audit.record(AuditEvent.of(InvestigationAuditTypes.INVESTIGATION_ASSIGNED, auditor)
          .with("investigationId", id)
          .with("assignee", account.pseudonym())
          .build());
    });
  }

  /**
   * Records a step of a pending investigation: the auditor's note (private in the audit entry).
   *
   * @throws Refusal 422 naming {@code note}; 404; 403 {@code SAME_PERSON}; 409 {@code INVESTIGATION_CLOSED}
   */
  public Investigation recordStep(long id, String note, Caller auditor) {
    String text = text(note, "note");
    if (text == null) {
      throw Refusal.invalid("note", "say what was done: the note is required");
    }
    Investigation i = find(id);
    requireNotSubject(i.subject(), auditor, "record a step of an investigation of yourself",
        refused(i, "STEP", auditor));
    return change(id, auditor, (now) -> {
      store.note(id, text, auditor.pseudonym(), now);
      audit.record(AuditEvent.of(InvestigationAuditTypes.INVESTIGATION_STEP_RECORDED, auditor)
          .with("investigationId", id)
          .secret("note", text)
          .build());
    });
  }

  /**
   * Closes a pending investigation with an outcome other than {@code PENDING}; {@code OTHER} needs a note.
   *
   * @throws Refusal 422 naming {@code outcome} or {@code note}; 404; 403 {@code SAME_PERSON};
   *     409 {@code INVESTIGATION_CLOSED}
   */
  public Investigation close(long id, String outcome, String note, Caller auditor) {
    Investigation.Outcome o = outcome(outcome);
    String text = text(note, "note");
    if (o == Investigation.Outcome.OTHER && text == null) {
      throw Refusal.invalid("note", "an outcome of OTHER needs a note saying what it was");
    }
    Investigation i = find(id);
    requireNotSubject(i.subject(), auditor, "close an investigation of yourself", refused(i, "CLOSE", auditor));
    return change(id, auditor, (now) -> {
      store.close(id, o, text, auditor.pseudonym(), now);
      audit.record(AuditEvent.of(InvestigationAuditTypes.INVESTIGATION_CLOSED, auditor)
          .with("investigationId", id)
          .with("subject", i.subject())
          .with("investigationOutcome", o.name())
          .secret("note", text)
          .build());
    });
  }

  /**
   * Investigations newest first (at most {@value #MAX_LISTED}), filtered by {@link Filter} when
   * {@code filter} is not blank; never the caller's own. The listing is recorded.
   *
   * @throws Refusal 422 naming {@code status} when it is no filter
   */
  public List<Investigation> list(String filter, Caller auditor) {
    Filter f = null;
    if (blankToNull(filter) != null) {
      try {
        f = Filter.valueOf(filter.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw Refusal.invalid("status", "status is PENDING, OVERDUE or CLOSED");
      }
    }
    Boolean pending = f == null ? null : f != Filter.CLOSED;
    Instant now = clock.instant();
    List<Investigation> found = new ArrayList<>(store.find(pending, auditor.pseudonym(), MAX_LISTED));
    if (f == Filter.OVERDUE) {
      found.removeIf(i -> !i.overdueAt(now));
    }
    audit.record(AuditEvent.of(InvestigationAuditTypes.INVESTIGATIONS_VIEWED, auditor)
        .with("status", f == null ? null : f.name())
        .with("count", found.size())
        .build());
    return found;
  }

  /**
   * One investigation, its findings and its steps; the reading is recorded.
   *
   * @throws Refusal 404; 403 {@code SAME_PERSON} for its subject
   */
  public Investigation one(long id, Caller auditor) {
    Investigation i = find(id);
    requireNotSubject(i.subject(), auditor, "read an investigation of yourself", refused(i, "READ", auditor));
    audit.record(AuditEvent.of(InvestigationAuditTypes.INVESTIGATIONS_VIEWED, auditor)
        .with("investigationId", id)
        .with("count", 1)
        .build());
    return i;
  }

  /** Whether the investigation is overdue now: pending more than {@link Investigation#OVERDUE_AFTER}. */
  public boolean overdue(Investigation i) {
    return i.overdueAt(clock.instant());
  }

  /** The overdue investigations (at most {@code limit}, the oldest first) and how many there are, at {@code now}. */
  Overdue overdueAt(Instant now, int limit) {
    Instant openedBefore = now.minus(Investigation.OVERDUE_AFTER);
    return new Overdue(store.countPendingOpenedBefore(openedBefore), store.pendingOpenedBefore(openedBefore, limit));
  }

  /** Overdue investigations: how many, and the first few. */
  record Overdue(long count, List<Investigation> first) {
  }

  private Investigation find(long id) {
    return store.find(id).orElseThrow(() -> Refusal.notFound("investigation " + id));
  }

  /** Changes a pending investigation under its lock, audited in the same transaction. */
  private Investigation change(long id, Caller auditor, java.util.function.Consumer<Instant> change) {
    return tx.execute(s -> {
      Investigation locked = store.lock(id).orElseThrow(() -> Refusal.notFound("investigation " + id));
      if (!locked.pending()) {
        throw new Refusal(InvestigationRefusal.INVESTIGATION_CLOSED, "investigation " + id + " is closed ("
            + locked.outcome() + "): it takes no more changes");
      }
      change.accept(clock.instant());
      return store.find(id).orElseThrow();
    });
  }

  private static AuditEvent.Builder refused(Investigation i, String action, Caller auditor) {
    return AuditEvent.of(InvestigationAuditTypes.INVESTIGATION_REFUSED, auditor).with("action", action)
        .with("investigationId", i.id());
  }

  /** Refuses (recorded) when the caller is the subject, or an account tied to the subject's. */
  private void requireNotSubject(String subject, Caller auditor, String what, AuditEvent.Builder denial) {
    if (subject.equals(auditor.pseudonym())) {
      throw audit.recordDenied(denial.denied(CommonRefusal.SAME_PERSON.code()).with("sameAs",
          Approvers.Tie.SAME_ACCOUNT.name()).build(), new Refusal(CommonRefusal.SAME_PERSON, "you cannot " + what
          + ": another auditor must"));
    }
    Optional<Long> account = subjectAccount(subject);
    if (account.isPresent()) {
      approvers.requireDifferentPerson(account.get(), auditor, what, denial);
    }
  }

  private static Optional<Long> subjectAccount(String subject) {
    Matcher m = USER.matcher(subject);
    return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }

  private Optional<Account> account(String pseudonym) {
    if (!PSEUDONYM.matcher(pseudonym).matches()) {
      return Optional.empty();
    }
    return subjectAccount(pseudonym).flatMap(accounts::find);
  }

  private static Investigation.Outcome outcome(String outcome) {
    String o = blankToNull(outcome);
    String allowed = "the outcome is one of " + String.join(", ", Investigation.Outcome.closing().stream()
        .map(Enum::name).toList());
    if (o == null) {
      throw Refusal.invalid("outcome", allowed);
    }
    try {
      Investigation.Outcome found = Investigation.Outcome.valueOf(o);
      if (found == Investigation.Outcome.PENDING) {
        throw Refusal.invalid("outcome", "PENDING is the open state, not an outcome: " + allowed);
      }
      return found;
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("outcome", allowed);
    }
  }

  private static String text(String s, String field) {
    String t = blankToNull(s);
    if (t != null && t.length() > MAX_TEXT) {
      throw Refusal.invalid(field, "longer than " + MAX_TEXT + " characters");
    }
    return t;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
