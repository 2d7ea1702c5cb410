package org.glassplate.server.web;

import org.springframework.http.HttpStatusCode;

/**
 * A refusal as a page shows it ({@code src/main/jte/tag/refusal.jte}, element id {@code refusal}):
 * its message in words first, then, in a small muted line, its stable code and the form field it
 * concerns (the page marks and focuses that field).
 *
 * @param status the status the page answers with
 * @param code the refusal's stable code, or null for a refusal without one (a failed sign-in)
 * @param message what was refused and why, safe to show the person who asked
 * @param field the form field concerned, or null
 */
public record RefusalView(HttpStatusCode status, String code, String message, String field) {

  /** The message in words for a person (no requirement ids, durations in words: {@link Wording}). */
  public RefusalView {
    message = Wording.forPerson(message);
  }

  /** A refusal as thrown ({@link org.glassplate.server.core.Refusal}), with the status the one table gives its code. */
  public static RefusalView of(org.glassplate.server.core.Refusal e, HttpStatusCode status) {
    return new RefusalView(status, e.code(), e.getMessage(), e.field());
  }

  /** The same refusal, shown against the form's name for its field. */
  public RefusalView withField(String formField) {
    return new RefusalView(status, code, message, formField);
  }
}
