package org.glassplate.server.sharing.signing;

import java.time.Instant;

/**
 * Remembers the nonces of accepted signatures so that a captured request cannot be sent again:
 * the verifier asks only once a signature is otherwise valid, and rejects it as
 * {@link SignatureFailure#REPLAYED} when this answers false.
 */
@FunctionalInterface
public interface ReplayCheck {

  /**
   * True the first time {@code nonce} is seen for {@code keyId}, and records it; false on every later
   * call. It need not be kept after {@code expires}, when the signature is refused as expired anyway.
   */
  boolean firstUse(String keyId, String nonce, Instant expires);
}
