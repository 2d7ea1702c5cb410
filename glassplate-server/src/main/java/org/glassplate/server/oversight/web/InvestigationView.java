package org.glassplate.server.oversight.web;

import java.util.List;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.web.ShownTime;

/**
 * The view model of {@code oversight/investigation.jte}: one investigation with its findings (linked)
 * and its steps, and, while it is pending, the forms that assign it, record a step and close it with an
 * outcome in plain words. A refusal is shown next to the field of the form it concerns ({@code form}:
 * {@code assignment}, {@code step} or {@code outcome}), with what was typed.
 */
public record InvestigationView(Layout layout, String message, InvestigationsView.Row investigation, String summary,
    String outcomeNote, String closedBy, ShownTime closedAt, List<FindingLink> findings, List<Step> steps,
    List<FindingsView.Option> auditors, List<FindingsView.Option> outcomes, RefusalView refusal, String form,
    String typedNote, String typedOutcomeNote) {

  /** A finding it rests on, linked to its page. */
  public record FindingLink(long id, String rule, String summary, String state) {
  }

  /** What happened: in words, when, by whom (by name), and the note typed with it, if any. */
  public record Step(String what, ShownTime at, String by, String note) {
  }

  private boolean invalid(String f, String field) {
    return refusal != null && f.equals(form) && field.equals(refusal.field());
  }

  public boolean invalidAssignee() {
    return invalid("assignment", "assignee");
  }

  public boolean invalidStepNote() {
    return invalid("step", "note");
  }

  public boolean invalidOutcome() {
    return invalid("outcome", "outcome");
  }

  public boolean invalidOutcomeNote() {
    return invalid("outcome", "note");
  }

  /** Whether the refusal concerns this form ({@code assignment}, {@code step} or {@code outcome}). */
  public boolean refused(String f) {
    return refusal != null && f.equals(form);
  }
}
