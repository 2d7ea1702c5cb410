package org.glassplate.server.web;

import org.glassplate.server.core.RefusalCode;

/** Codes of refusals by the HTTP layer itself, before or around any feature. */
public enum WebRefusal implements RefusalCode {
  MALFORMED_BODY("the request body is missing, not valid JSON, or a field has the wrong type"),
  BODY_TOO_LARGE("the request body is larger than the server accepts"),
  MISSING_PARAMETER("a required query parameter is missing; `field` names it"),
  UNSUPPORTED_MEDIA_TYPE("the body is not of a content type this endpoint takes"),
  NOT_ACCEPTABLE("the representation asked for in Accept is not available"),
  METHOD_NOT_ALLOWED("the endpoint does not take this HTTP method"),
  UNAUTHENTICATED("no valid sign-in or bearer token"),
  CSRF_TOKEN_REQUIRED("a state-changing request made with the session cookie needs the page's CSRF token"
      + " (header X-CSRF-TOKEN or form field _csrf); bearer-token calls do not"),
  INTERNAL("the server failed; nothing was changed by the request");

  private final String meaning;

  WebRefusal(String meaning) {
    this.meaning = meaning;
  }

  @Override
  public String meaning() {
    return meaning;
  }
}
