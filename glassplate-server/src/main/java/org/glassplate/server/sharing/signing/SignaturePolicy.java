package org.glassplate.server.sharing.signing;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a verifier demands of a signature beyond its being valid: the components it must cover,
 * whether {@code expires} and {@code nonce} must be present, the clock skew allowed on
 * {@code created}, and the longest {@code expires - created}. {@code created} and {@code keyid} are
 * always required. {@link #FEDERATION} is what partner nodes' requests must meet (issue 14); a test
 * against RFC 9421's own examples, which have neither expires nor nonce, uses a laxer one.
 */
public record SignaturePolicy(Set<String> requiredComponents, boolean requireExpires, boolean requireNonce,
    Duration maxClockSkew, Duration maxValidity) {

  /** Covers method, target URI and content digest; expires and nonce; 60 s skew; at most 5 minutes. */
  public static final SignaturePolicy FEDERATION = new SignaturePolicy(
      Set.copyOf(SignatureParameters.FEDERATION_COMPONENTS), true, true, Duration.ofSeconds(60), Duration.ofMinutes(5));

  public SignaturePolicy {
    requiredComponents = Set.copyOf(requiredComponents);
    Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    Objects.requireNonNull(maxValidity, "maxValidity");
    if (maxClockSkew.isNegative() || maxValidity.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }
}
