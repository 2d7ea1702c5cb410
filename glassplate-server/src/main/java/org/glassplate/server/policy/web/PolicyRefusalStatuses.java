package org.glassplate.server.policy.web;

import org.glassplate.server.policy.PolicyRefusal;
import org.glassplate.server.web.RefusalStatuses;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The HTTP status of each {@link PolicyRefusal} code. */
@Component
class PolicyRefusalStatuses implements RefusalStatuses<PolicyRefusal> {

  @Override
  public Class<PolicyRefusal> codes() {
    return PolicyRefusal.class;
  }

  @Override
  public HttpStatus status(PolicyRefusal code) {
    return switch (code) {
      case INVALID_POLICY, NO_CHANGE, GOVERNING_BODY_APPROVAL_REQUIRED -> HttpStatus.UNPROCESSABLE_CONTENT;
      case LEGAL_FLOOR -> HttpStatus.FORBIDDEN;
      case STALE_PROPOSAL -> HttpStatus.CONFLICT;
    };
  }
}
