package org.glassplate.server.core;

/**
 * Codes that mean the same in every feature, declared once here and reused (a feature does not
 * declare its own {@code NOT_FOUND}). The two-person approval codes are here because hot-list
 * entries, retention grants and policy proposals share that rule and its words.
 */
public enum CommonRefusal implements RefusalCode {
  INVALID_FIELD("a field of the request is missing or breaks a rule; `field` names it"),
  INVALID_PARAMETER("a query or path parameter has the wrong type or form; `field` names it"),
  NOT_FOUND("no such resource, or not one the caller may see"),
  FORBIDDEN("the caller's role does not allow this"),
  NOT_SUPERVISOR("only a supervisor may approve this"),
  NOT_PENDING("what is to be approved is not waiting for approval"),
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
