package org.glassplate.server.web;

import org.glassplate.server.core.Caller;
import java.util.Optional;

/**
 * A feature that issues bearer tokens (cameras, personal API tokens, partners) plugs in here.
 * Tokens carry a prefix that says which feature issued them, so exactly one authenticator
 * answers for a token.
 */
public interface BearerTokenAuthenticator {

  /** Whether this authenticator issued tokens of this form (by prefix); cheap, no lookup. */
  boolean supports(String token);

  /**
   * The caller the token belongs to, or empty when it is unknown, revoked, expired or belongs to
   * a disabled owner. A failure is the authenticator's to audit.
   */
  Optional<Caller> authenticate(String token, String sourceAddress);

  /**
   * As {@link #authenticate}, with what the issuing feature wants to know later about how this
   * request was authenticated (e.g. which token, so that revoking it can end a live stream): it becomes
   * the {@link CallerAuthentication}'s details.
   */
  default Optional<Authenticated> authenticateWithDetails(String token, String sourceAddress) {
    return authenticate(token, sourceAddress).map(c -> new Authenticated(c, null));
  }

  /** An authenticated caller and the details of how (null when there are none to keep). */
  record Authenticated(Caller caller, Object details) {
  }
}
