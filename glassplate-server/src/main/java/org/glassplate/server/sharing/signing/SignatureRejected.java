package org.glassplate.server.sharing.signing;

import java.util.Objects;

/**
 * A signed request rejected for a {@link SignatureFailure}. The message starts with the code and
 * names only components, parameters, algorithms, offsets and times: never the body, a header's
 * value or a keyid, which a caller controls and may carry personal data (R-AUD-4).
 */
public class SignatureRejected extends Exception {
  private static final long serialVersionUID = 1L;
  private final SignatureFailure failure;

  public SignatureRejected(SignatureFailure failure, String detail) {
    super(Objects.requireNonNull(failure, "failure").code() + ": " + detail);
    this.failure = failure;
  }

  /** Why, typed. */
  public SignatureFailure failure() {
    return failure;
  }

  /** The stable code, e.g. {@code EXPIRED}. */
  public String code() {
    return failure.code();
  }
}
