package org.glassplate.server.accounts;

import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditEventTypes;

/**
 * Audited events of the accounts feature (codes 3xx; R-AUD-1, issue 4 item 8): this feature's names for its types in the
 * {@link org.glassplate.server.audit.AuditEventTypes} registry, which keeps every code and name.
 */
public final class AccountsAuditTypes {
  public static final AuditEventType SIGN_IN_SUCCEEDED = AuditEventTypes.SIGN_IN_SUCCEEDED;
  public static final AuditEventType SIGN_IN_FAILED = AuditEventTypes.SIGN_IN_FAILED;
  public static final AuditEventType ACCOUNT_LOCKED = AuditEventTypes.ACCOUNT_LOCKED;
  public static final AuditEventType LOCKOUT_RELEASED = AuditEventTypes.LOCKOUT_RELEASED;
  public static final AuditEventType PASSWORD_CHANGED = AuditEventTypes.PASSWORD_CHANGED;
  public static final AuditEventType MFA_ENROLLED = AuditEventTypes.MFA_ENROLLED;
  public static final AuditEventType ACCOUNT_CREATED = AuditEventTypes.ACCOUNT_CREATED;
  public static final AuditEventType ROLES_CHANGED = AuditEventTypes.ROLES_CHANGED;
  public static final AuditEventType TRAINING_RECORDED = AuditEventTypes.TRAINING_RECORDED;
  public static final AuditEventType ACCOUNT_DISABLED = AuditEventTypes.ACCOUNT_DISABLED;
  public static final AuditEventType ACCOUNT_ENABLED = AuditEventTypes.ACCOUNT_ENABLED;
  public static final AuditEventType API_TOKEN_CREATED = AuditEventTypes.API_TOKEN_CREATED;
  public static final AuditEventType API_TOKEN_REVOKED = AuditEventTypes.API_TOKEN_REVOKED;
  public static final AuditEventType API_TOKEN_REFUSED = AuditEventTypes.API_TOKEN_REFUSED;
  public static final AuditEventType SIGNED_OUT = AuditEventTypes.SIGNED_OUT;
  public static final AuditEventType SESSION_ENDED = AuditEventTypes.SESSION_ENDED;
  public static final AuditEventType ACCOUNT_CHANGE_REFUSED = AuditEventTypes.ACCOUNT_CHANGE_REFUSED;
  public static final AuditEventType CREDENTIALS_RESET = AuditEventTypes.CREDENTIALS_RESET;
  public static final AuditEventType ACCOUNT_CHANGE_REQUESTED = AuditEventTypes.ACCOUNT_CHANGE_REQUESTED;
  public static final AuditEventType ACCOUNT_CHANGE_APPROVED = AuditEventTypes.ACCOUNT_CHANGE_APPROVED;
  public static final AuditEventType ACCOUNT_CHANGE_REJECTED = AuditEventTypes.ACCOUNT_CHANGE_REJECTED;
  public static final AuditEventType CREDENTIALS_HELD_BACK = AuditEventTypes.CREDENTIALS_HELD_BACK;
  public static final AuditEventType CSRF_TOKEN_REFUSED = AuditEventTypes.CSRF_TOKEN_REFUSED;

  private AccountsAuditTypes() {
  }
}
