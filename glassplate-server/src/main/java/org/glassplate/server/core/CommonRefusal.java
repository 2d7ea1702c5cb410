package org.glassplate.server.core;

/**
 * Codes that mean the same in every feature, declared once here and reused (a feature does not
 * declare its own {@code NOT_FOUND}). The two-person approval codes are here because hot-list
 * entries, retention grants and policy proposals share that rule and its words; the purpose, offense
 * and retention codes because a search, a partner's query and a written data request are all refused
 * for them.
 */
public enum CommonRefusal implements RefusalCode {
  INVALID_FIELD("a field of the request is missing or breaks a rule; `field` names it"),
  INVALID_PARAMETER("a query or path parameter has the wrong type or form; `field` names it"),
  NOT_FOUND("no such resource, or not one the caller may see"),
  FORBIDDEN("the caller's role does not allow this"),
  NOT_SUPERVISOR("only a supervisor may approve this"),
  NOT_PENDING("what is to be approved is not waiting for approval"),
  PROHIBITED_PURPOSE("the reason, offense, case number or on-behalf-of names a purpose the policy prohibits; the"
      + " refusal is recorded (R-SRCH-2)"),
  UNKNOWN_OFFENSE("the offense is not one of the policy's (GET /api/v1/policy lists them)"),
  WINDOW_PAST_RETENTION("the time window reaches past the retention period"),
  SAME_PERSON("the approver is the person who asked, an account that person created, reset or granted a role"
      + " to, or an account that created or reset theirs (two people, not two accounts: R-ACC-7)");

  private final String meaning;

  CommonRefusal(String meaning) {
    this.meaning = meaning;
  }

  @Override
  public String meaning() {
    return meaning;
  }
}
