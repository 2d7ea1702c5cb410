package org.glassplate.server.accounts;

import org.glassplate.server.audit.AuditEventType;

/** Audited events of the accounts feature (codes 3xx, stable forever; R-AUD-1, issue 4 item 8). */
public final class AccountsAuditTypes {
  public static final AuditEventType SIGN_IN_SUCCEEDED = new AuditEventType(301, "SIGN_IN_SUCCEEDED");
  public static final AuditEventType SIGN_IN_FAILED = new AuditEventType(302, "SIGN_IN_FAILED");
  public static final AuditEventType ACCOUNT_LOCKED = new AuditEventType(303, "ACCOUNT_LOCKED");
  public static final AuditEventType LOCKOUT_RELEASED = new AuditEventType(304, "LOCKOUT_RELEASED");
  public static final AuditEventType PASSWORD_CHANGED = new AuditEventType(305, "PASSWORD_CHANGED");
  public static final AuditEventType MFA_ENROLLED = new AuditEventType(306, "MFA_ENROLLED");
  public static final AuditEventType ACCOUNT_CREATED = new AuditEventType(307, "ACCOUNT_CREATED");
  public static final AuditEventType ROLES_CHANGED = new AuditEventType(308, "ROLES_CHANGED");
  public static final AuditEventType TRAINING_RECORDED = new AuditEventType(309, "TRAINING_RECORDED");
  public static final AuditEventType ACCOUNT_DISABLED = new AuditEventType(310, "ACCOUNT_DISABLED");
  public static final AuditEventType ACCOUNT_ENABLED = new AuditEventType(311, "ACCOUNT_ENABLED");
  public static final AuditEventType API_TOKEN_CREATED = new AuditEventType(312, "API_TOKEN_CREATED");
  public static final AuditEventType API_TOKEN_REVOKED = new AuditEventType(313, "API_TOKEN_REVOKED");
  public static final AuditEventType API_TOKEN_REFUSED = new AuditEventType(314, "API_TOKEN_REFUSED");
  public static final AuditEventType SIGNED_OUT = new AuditEventType(315, "SIGNED_OUT");
  public static final AuditEventType SESSION_ENDED = new AuditEventType(316, "SESSION_ENDED");
  public static final AuditEventType ACCOUNT_CHANGE_REFUSED = new AuditEventType(317, "ACCOUNT_CHANGE_REFUSED");
  public static final AuditEventType CREDENTIALS_RESET = new AuditEventType(318, "CREDENTIALS_RESET");

  private AccountsAuditTypes() {
  }
}
