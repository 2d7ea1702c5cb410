package org.glassplate.log.note;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A witness's (cosigner's) public key for Ed25519 {@code cosignature/v1}
 * (<a href="https://c2sp.org/tlog-cosignature">c2sp.org/tlog-cosignature</a>), written as a
 * signed-note verifier key ("vkey") of signature type 0x04:
 * {@code <name>+<hex key ID>+base64(0x04 || 32-byte Ed25519 public key)}, with key ID
 * {@code SHA-256(name || 0x0A || 0x04 || public key)[:4]}. Not a log key: a type 0x01 note key
 * of the same Ed25519 key has another key ID, and a cosignature is refused under it.
 */
public final class WitnessKey {
  /** The signature type byte of Ed25519 cosignature/v1 keys. */
  public static final byte TYPE_COSIGNATURE_V1 = 0x04;

  private final String name;
  private final byte[] publicKey;
  private final int keyId;
  private final PublicKey key;

  private WitnessKey(String name, byte[] publicKey) {
    if (!NoteFormat.isValidName(name)) {
      throw new IllegalArgumentException("invalid witness name: must be non-empty, without spaces or '+'");
    }
    this.name = name;
    this.publicKey = publicKey.clone();
    this.key = Ed25519.publicKey(this.publicKey);
    this.keyId = keyId(name, this.publicKey);
  }

  /** The key named {@code name} with this raw 32-byte Ed25519 public key. */
  public static WitnessKey of(String name, byte[] publicKey) {
    return new WitnessKey(name, publicKey);
  }

  /**
   * Parses a vkey {@code <name>+<8 hex digits>+base64(0x04 || key)}, checking its key ID.
   *
   * @throws IllegalArgumentException if it is malformed, of another type (e.g. 0x01, a log's
   *     note key) or its key ID does not match its name and key
   */
  public static WitnessKey parse(String vkey) {
    Objects.requireNonNull(vkey, "vkey");
    String[] nameRest = NoteFormat.chop(vkey, '+');
    String[] hashKey = nameRest[1] == null ? null : NoteFormat.chop(nameRest[1], '+');
    if (hashKey == null || hashKey[1] == null || hashKey[0].length() != 8 || !NoteFormat.isHex(hashKey[0])
        || !NoteFormat.isValidName(nameRest[0])) {
      throw new IllegalArgumentException("malformed witness key: want <name>+<8 hex digits>+<base64>");
    }
    Optional<byte[]> typed = NoteFormat.decodeBase64(hashKey[1]);
    if (typed.isEmpty()) {
      throw new IllegalArgumentException("malformed witness key: key is not base64");
    }
    byte[] t = typed.get();
    if (t[0] != TYPE_COSIGNATURE_V1) {
      throw new IllegalArgumentException("witness key of type 0x" + HexFormat.of().toHexDigits(t[0])
          + ", want 0x04 (Ed25519 cosignature/v1)");
    }
    if (t.length != 1 + Ed25519.KEY_SIZE) {
      throw new IllegalArgumentException("witness key: got " + (t.length - 1) + " key bytes, want 32");
    }
    WitnessKey k = new WitnessKey(nameRest[0], Arrays.copyOfRange(t, 1, t.length));
    int want = HexFormat.fromHexDigits(hashKey[0]);
    if (k.keyId != want) {
      throw new IllegalArgumentException("witness key ID " + hashKey[0] + " does not match its name and key: got "
          + NoteFormat.hex8(k.keyId));
    }
    return k;
  }

  /** {@code SHA-256(name || 0x0A || 0x04 || publicKey)[:4]}, big-endian. */
  public static int keyId(String name, byte[] publicKey) {
    return NoteFormat.keyId(name, typed(publicKey));
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return keyId;
  }

  /** The raw 32-byte Ed25519 public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The vkey string {@code <name>+<hex key ID>+base64(0x04 || public key)}. */
  public String vkey() {
    return name + "+" + NoteFormat.hex8(keyId) + "+" + Base64.getEncoder().encodeToString(typed(publicKey));
  }

  boolean verify(byte[] message, byte[] signature) {
    return Ed25519.verify(key, message, signature);
  }

  private static byte[] typed(byte[] key) {
    byte[] out = new byte[key.length + 1];
    out[0] = TYPE_COSIGNATURE_V1;
    System.arraycopy(key, 0, out, 1, key.length);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WitnessKey k && name.equals(k.name) && Arrays.equals(publicKey, k.publicKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(publicKey));
  }

  @Override
  public String toString() {
    return vkey();
  }
}
