package org.glassplate.server.web;

import java.util.Optional;
import org.glassplate.server.core.RetryLater;

/**
 * Failed credentials counted per source address (R-ACC-5; issue 12 item 8), kept by the feature that
 * owns sign-in. The security chain asks before it looks at a bearer token whether the address has
 * failed too often lately (then it answers 429 with {@code Retry-After} without checking the token),
 * and reports every bearer token it refused, so that refused sign-ins and refused tokens share one
 * count per address.
 */
public interface CredentialFailures {

  /**
   * Empty when a credential from this address may be checked now; otherwise the refusal to answer
   * with, already recorded in the audit log.
   *
   * @param step what the address tries, for the record: {@code BEARER}, {@code PASSWORD}, {@code TOTP}
   */
  Optional<RetryLater> holdBack(String sourceAddress, String step);

  /**
   * A bearer token from this address was refused.
   *
   * @param recorded whether the feature that issues such tokens already audited the refusal; false
   *     for a token of a form no feature issues, which is then audited here
   */
  void tokenRefused(String sourceAddress, boolean recorded);
}
