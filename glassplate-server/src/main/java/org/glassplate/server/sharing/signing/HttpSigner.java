package org.glassplate.server.sharing.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs requests with Ed25519 (RFC 9421 section 3.1 and 3.3.6): builds the {@link SignatureBase}
 * and answers the Signature-Input and Signature values for a label. Ed25519 is deterministic, so a
 * message, parameters and key always give the same signature.
 */
public final class HttpSigner {
  private final PrivateKey key;

  public HttpSigner(PrivateKey key) {
    this.key = Objects.requireNonNull(key, "key");
    if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
      throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm());
    }
  }

  /**
   * The header values that sign {@code message} with {@code params} under {@code label} (e.g.
   * {@code sig1}). A component the message lacks is the caller's mistake: an
   * {@link IllegalArgumentException} with the reason code and the component.
   */
  public SignatureHeaders sign(RequestMessage message, String label, SignatureParameters params) {
    if (label == null || !label.matches("[a-z*][a-z0-9_.*-]*")) {
      throw new IllegalArgumentException("a label is a structured-field key (lowercase)");
    }
    if (params.alg() != null && !SignatureParameters.ED25519.equals(params.alg())) {
      throw new IllegalArgumentException("this signer signs ed25519 only");
    }
    String base;
    try {
      base = SignatureBase.of(message, params);
    } catch (SignatureRejected e) {
      throw new IllegalArgumentException("cannot sign: " + e.getMessage(), e);
    }
    byte[] signature;
    try {
      Signature ed25519 = Signature.getInstance("Ed25519");
      ed25519.initSign(key);
      ed25519.update(base.getBytes(StandardCharsets.US_ASCII));
      signature = ed25519.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
    return new SignatureHeaders(label + "=" + params.serialize(),
        label + "=:" + Base64.getEncoder().encodeToString(signature) + ":");
  }
}
