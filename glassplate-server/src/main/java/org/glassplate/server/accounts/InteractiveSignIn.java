package org.glassplate.server.accounts;

import java.io.Serializable;
import java.time.Instant;

/**
 * Details of a {@link org.glassplate.server.web.CallerAuthentication} that comes from a browser
 * session signed in with password and TOTP (as opposed to an API token). Things only a person who
 * just passed MFA may do, such as creating an API token, check for it.
 *
 * @param signedInAt when the TOTP step completed
 * @param sessionId the browser session of the request, so that a long-lived request (an alert stream)
 *     ends with it; null in the copy kept inside the session itself
 */
public record InteractiveSignIn(Instant signedInAt, String sessionId) implements Serializable {

  public InteractiveSignIn(Instant signedInAt) {
    this(signedInAt, null);
  }
}
