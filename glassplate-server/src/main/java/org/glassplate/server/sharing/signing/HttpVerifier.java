package org.glassplate.server.sharing.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies an Ed25519 signature on a request (RFC 9421 section 3.2) and holds it to a
 * {@link SignaturePolicy}. Checks in this order, each failure a distinct {@link SignatureFailure}:
 * both fields present with the label; well-formed; {@code alg}, if given, is ed25519; the required
 * components covered; {@code created}, {@code keyid} and what the policy requires present; the
 * times; the key known; the signature valid; the Content-Digest, if covered, matching the body; and
 * last the nonce's first use, so that only an authentic request can use up a nonce.
 */
public final class HttpVerifier {
  private final SignaturePolicy policy;
  private final Function<String, Optional<PublicKey>> keys;
  private final ReplayCheck replay;
  private final Clock clock;

  /**
   * @param keys the public key of a keyid (an agency id), empty when unknown
   * @param replay asked once per otherwise valid signature that carries a nonce
   */
  public HttpVerifier(SignaturePolicy policy, Function<String, Optional<PublicKey>> keys, ReplayCheck replay,
      Clock clock) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.replay = Objects.requireNonNull(replay, "replay");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Verifies the signature under {@code label}, or throws why not. */
  public VerifiedSignature verify(RequestMessage message, String label) throws SignatureRejected {
    String inputField = joined(message, SignatureHeaders.SIGNATURE_INPUT);
    String signatureField = joined(message, SignatureHeaders.SIGNATURE);
    if (inputField == null || signatureField == null) {
      throw new SignatureRejected(SignatureFailure.MISSING_SIGNATURE,
          inputField == null ? "no Signature-Input" : "no Signature");
    }
    Map<String, StructuredFields.Member> inputs =
        StructuredFields.parseDictionary(SignatureHeaders.SIGNATURE_INPUT, inputField);
    Map<String, StructuredFields.Member> signatures =
        StructuredFields.parseDictionary(SignatureHeaders.SIGNATURE, signatureField);
    StructuredFields.Member input = inputs.get(label);
    StructuredFields.Member signature = signatures.get(label);
    if (input == null || signature == null) {
      throw new SignatureRejected(SignatureFailure.MISSING_SIGNATURE,
          (input == null ? "Signature-Input" : "Signature") + " has no member for the label");
    }
    if (!(input instanceof StructuredFields.InnerList list)) {
      throw new SignatureRejected(SignatureFailure.MALFORMED, "Signature-Input: the member is not an inner list");
    }
    if (!(signature instanceof StructuredFields.Item item) || !(item.value() instanceof byte[] signatureBytes)) {
      throw new SignatureRejected(SignatureFailure.MALFORMED, "Signature: the member is not a byte sequence");
    }
    SignatureParameters params = SignatureParameters.from(list);

    if (params.alg() != null && !SignatureParameters.ED25519.equals(params.alg())) {
      throw new SignatureRejected(SignatureFailure.WRONG_ALGORITHM, "expected alg ed25519");
    }
    List<String> uncovered = new ArrayList<>();
    for (String required : policy.requiredComponents()) {
      if (!params.components().contains(required)) {
        uncovered.add(required);
      }
    }
    if (!uncovered.isEmpty()) {
      uncovered.sort(null);
      throw new SignatureRejected(SignatureFailure.COMPONENT_NOT_COVERED,
          String.join(" ", uncovered) + " (covered: " + String.join(" ", params.components()) + ")");
    }
    requireParameter("created", params.created() != null);
    requireParameter("keyid", params.keyId() != null);
    requireParameter("expires", !policy.requireExpires() || params.expires() != null);
    requireParameter("nonce", !policy.requireNonce() || params.nonce() != null);
    checkTimes(params.created(), params.expires());

    PublicKey key = keys.apply(params.keyId()).orElseThrow(
        () -> new SignatureRejected(SignatureFailure.UNKNOWN_KEY, "no public key for the keyid"));
    String base = SignatureBase.of(message, params);
    if (!valid(key, base, signatureBytes)) {
      throw new SignatureRejected(SignatureFailure.BAD_SIGNATURE,
          "the signature does not verify over the base of " + String.join(" ", params.components()));
    }
    if (params.components().contains("content-digest")) {
      ContentDigest.verify(String.join(", ", message.field("content-digest")), message.body());
    }
    if (params.nonce() != null) {
      Instant until = params.expires() != null ? params.expires() : params.created().plus(policy.maxValidity());
      if (!replay.firstUse(params.keyId(), params.nonce(), until)) {
        throw new SignatureRejected(SignatureFailure.REPLAYED, "the nonce was already used with this key");
      }
    }
    return new VerifiedSignature(label, params.keyId(), params);
  }

  private static String joined(RequestMessage message, String name) {
    List<String> values = message.field(name);
    return values.isEmpty() ? null : String.join(", ", values);
  }

  private static void requireParameter(String name, boolean present) throws SignatureRejected {
    if (!present) {
      throw new SignatureRejected(SignatureFailure.MISSING_PARAMETER, name);
    }
  }

  private void checkTimes(Instant created, Instant expires) throws SignatureRejected {
    Instant now = clock.instant();
    if (created.isAfter(now.plus(policy.maxClockSkew()))) {
      throw new SignatureRejected(SignatureFailure.NOT_YET_VALID,
          "created " + created.getEpochSecond() + " is after now " + now.getEpochSecond() + " plus "
              + policy.maxClockSkew().toSeconds() + " s");
    }
    if (expires == null) {
      return;
    }
    if (expires.isBefore(created)) {
      throw new SignatureRejected(SignatureFailure.MALFORMED,
          "expires " + expires.getEpochSecond() + " is before created " + created.getEpochSecond());
    }
    if (now.isAfter(expires)) {
      throw new SignatureRejected(SignatureFailure.EXPIRED,
          "expires " + expires.getEpochSecond() + " is before now " + now.getEpochSecond());
    }
    Duration window = Duration.between(created, expires);
    if (window.compareTo(policy.maxValidity()) > 0) {
      throw new SignatureRejected(SignatureFailure.WINDOW_TOO_LONG,
          "expires - created is " + window.toSeconds() + " s, at most " + policy.maxValidity().toSeconds() + " s");
    }
  }

  private static boolean valid(PublicKey key, String base, byte[] signature) throws SignatureRejected {
    try {
      Signature ed25519 = Signature.getInstance("Ed25519");
      ed25519.initVerify(key);
      ed25519.update(base.getBytes(StandardCharsets.US_ASCII));
      return signature.length == 64 && ed25519.verify(signature);
    } catch (InvalidKeyException e) {
      throw new SignatureRejected(SignatureFailure.WRONG_ALGORITHM, "the key for the keyid is not an Ed25519 key");
    } catch (java.security.SignatureException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java 17 platform has Ed25519", e);
    }
  }
}
