package org.glassplate.log.note;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A witness's private key, which cosigns checkpoints with Ed25519 {@code cosignature/v1}
 * (<a href="https://c2sp.org/tlog-cosignature">c2sp.org/tlog-cosignature</a>).
 *
 * <p>Its secret form is a golang.org/x/mod/sumdb/note signer key
 * ({@code PRIVATE+KEY+<name>+<hex>+base64(0x01 || seed)}), the form transparency-dev's
 * {@code NewSignerForCosignatureV1} takes, so a key can move between witness implementations;
 * its public form is the type 0x04 {@link WitnessKey}.
 */
public final class WitnessSigner {
  private final Ed25519NoteSigner key;
  private final WitnessKey witnessKey;

  private WitnessSigner(Ed25519NoteSigner key) {
    this.key = key;
    this.witnessKey = WitnessKey.of(key.name(), key.publicKey());
  }

  /** A new random key named {@code name} (conventionally a schema-less URL, e.g. {@code witness.example/w1}). */
  public static WitnessSigner generate(String name) {
    return new WitnessSigner(Ed25519NoteSigner.generate(name));
  }

  /** The key with this 32-byte RFC 8032 private key (seed): deterministic, for tests. */
  public static WitnessSigner fromSeed(String name, byte[] seed) {
    return new WitnessSigner(Ed25519NoteSigner.fromSeed(name, seed));
  }

  /**
   * Parses a secret signer key {@code PRIVATE+KEY+<name>+<hex key ID>+<base64>}.
   *
   * @throws IllegalArgumentException if it is not one (the message never contains the secret)
   */
  public static WitnessSigner fromSignerKey(String signerKey) {
    return new WitnessSigner(Ed25519NoteSigner.fromSignerKey(signerKey));
  }

  public String name() {
    return key.name();
  }

  /** The public key, as witnesses are configured in clients. */
  public WitnessKey key() {
    return witnessKey;
  }

  /** The secret signer key string; keep it secret. */
  public String signerKey() {
    return key.signerKey();
  }

  /**
   * Cosigns a checkpoint body (note text: origin, size, root hash and any extension lines, ending
   * in a newline) as of {@code timestamp} (POSIX seconds).
   *
   * @throws IllegalArgumentException if the timestamp is negative or the body does not end in a newline
   */
  public Cosignature cosign(String checkpointBody, long timestamp) {
    Objects.requireNonNull(checkpointBody, "checkpointBody");
    if (!checkpointBody.endsWith("\n")) {
      throw new IllegalArgumentException("checkpoint body must end with a newline");
    }
    byte[] sig = Ed25519.sign(key.privateKey(),
        Cosignature.message(timestamp, checkpointBody).getBytes(StandardCharsets.UTF_8));
    return new Cosignature(name(), witnessKey.keyId(), timestamp, sig);
  }

  @Override
  public String toString() {
    return "WitnessSigner[" + witnessKey.vkey() + "]"; // never the secret
  }
}
