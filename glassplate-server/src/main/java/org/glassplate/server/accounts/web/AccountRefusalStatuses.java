package org.glassplate.server.accounts.web;

import org.glassplate.server.accounts.AccountRefusal;
import org.glassplate.server.web.RefusalStatuses;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The HTTP status of each {@link AccountRefusal} code. */
@Component
class AccountRefusalStatuses implements RefusalStatuses<AccountRefusal> {

  @Override
  public Class<AccountRefusal> codes() {
    return AccountRefusal.class;
  }

  @Override
  public HttpStatus status(AccountRefusal code) {
    return switch (code) {
      case TRAINING_REQUIRED, SIGN_IN_REQUIRED, ACCOUNT_DISABLED, SUPERVISOR_REQUIRED -> HttpStatus.FORBIDDEN;
      case ALREADY_ENROLLED, USERNAME_TAKEN, NOT_LOCKED, SELF_DEMOTION, SELF_RESET, SELF_DISABLE, SELF_GRANT,
          SELF_TRAINING, CHANGE_PENDING, CHANGE_STALE -> HttpStatus.CONFLICT;
      case TOO_MANY_FAILURES -> HttpStatus.TOO_MANY_REQUESTS;
      case PASSWORD_CHECKS_BUSY -> HttpStatus.SERVICE_UNAVAILABLE;
    };
  }
}
