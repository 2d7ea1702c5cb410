package org.glassplate.server.web;

import org.springframework.http.HttpStatusCode;

/**
 * A refusal as a page shows it ({@code src/main/jte/tag/refusal.jte}, element id {@code refusal}):
 * its stable code, its message and the form field it concerns.
 *
 * @param status the status the page answers with
 * @param code the refusal's stable code, or null for a refusal without one (a failed sign-in)
 * @param message what was refused and why, safe to show the person who asked
 * @param field the form field concerned, or null
 */
public record Refusal(HttpStatusCode status, String code, String message, String field) {

  public static Refusal of(ApiException e) {
    return new Refusal(e.status(), e.code(), e.getMessage(), e.field());
  }

  /** The same refusal, shown against the form's name for its field. */
  public Refusal withField(String formField) {
    return new Refusal(status, code, message, formField);
  }
}
