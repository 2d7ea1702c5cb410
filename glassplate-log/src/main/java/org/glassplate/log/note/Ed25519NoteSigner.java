package org.glassplate.log.note;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs notes with an Ed25519 key (C2SP signed-note, "Ed25519 signatures"), in the key formats of
 * golang.org/x/mod/sumdb/note:
 *
 * <ul>
 *   <li>signer key {@code PRIVATE+KEY+<name>+<hex key ID>+base64(0x01 || 32-byte seed)} (secret);
 *   <li>verifier key {@code <name>+<hex key ID>+base64(0x01 || 32-byte public key)};
 *   <li>key ID {@code SHA-256(name || 0x0A || 0x01 || public key)[:4]}.
 * </ul>
 *
 * <p>Ed25519 signatures are deterministic (RFC 8032), so the same key and text always give the
 * same note.
 */
public final class Ed25519NoteSigner {
  private static final String PRIVATE_PREFIX = "PRIVATE+KEY+";

  private final String name;
  private final byte[] seed;
  private final byte[] publicKey;
  private final PrivateKey privateKey;
  private final int keyId;

  private Ed25519NoteSigner(String name, KeyPair pair) {
    if (!NoteFormat.isValidName(name)) {
      throw new IllegalArgumentException("invalid key name: must be non-empty, without spaces or '+'");
    }
    this.name = name;
    this.privateKey = pair.getPrivate();
    this.seed = Ed25519.seed(pair.getPrivate());
    this.publicKey = Ed25519.raw(pair.getPublic());
    this.keyId = NoteFormat.keyId(name, typed(publicKey));
  }

  /** A new random key named {@code name} (conventionally the log's origin). */
  public static Ed25519NoteSigner generate(String name) {
    return new Ed25519NoteSigner(name, Ed25519.generate());
  }

  /** The key with this 32-byte RFC 8032 private key (seed): deterministic, for tests and key files. */
  public static Ed25519NoteSigner fromSeed(String name, byte[] seed) {
    return new Ed25519NoteSigner(name, Ed25519.fromSeed(seed));
  }

  /**
   * Parses a signer key {@code PRIVATE+KEY+<name>+<hex key ID>+<base64>}, checking the key ID
   * against the derived public key.
   *
   * @throws IllegalArgumentException if the string is not such a key (the message never
   *     contains the secret)
   */
  public static Ed25519NoteSigner fromSignerKey(String signerKey) {
    Objects.requireNonNull(signerKey, "signerKey");
    if (!signerKey.startsWith(PRIVATE_PREFIX)) {
      throw new IllegalArgumentException("malformed signer key: does not start with PRIVATE+KEY+");
    }
    String[] nameRest = NoteFormat.chop(signerKey.substring(PRIVATE_PREFIX.length()), '+');
    String[] hashKey = nameRest[1] == null ? null : NoteFormat.chop(nameRest[1], '+');
    if (hashKey == null || hashKey[1] == null || hashKey[0].length() != 8 || !NoteFormat.isHex(hashKey[0])
        || !NoteFormat.isValidName(nameRest[0])) {
      throw new IllegalArgumentException("malformed signer key: want PRIVATE+KEY+<name>+<8 hex digits>+<base64>");
    }
    Optional<byte[]> key = NoteFormat.decodeBase64(hashKey[1]);
    if (key.isEmpty() || key.get().length == 0) {
      throw new IllegalArgumentException("malformed signer key: key is not base64");
    }
    byte[] k = key.get();
    if (k[0] != NoteFormat.ALG_ED25519) {
      throw new IllegalArgumentException("unknown signer key algorithm " + (k[0] & 0xff) + ", want 1 (Ed25519)");
    }
    if (k.length != 1 + Ed25519.KEY_SIZE) {
      throw new IllegalArgumentException("malformed signer key: got " + (k.length - 1) + " key bytes, want 32");
    }
    Ed25519NoteSigner s = fromSeed(nameRest[0], Arrays.copyOfRange(k, 1, k.length));
    int want = HexFormat.fromHexDigits(hashKey[0]);
    if (s.keyId != want) {
      throw new IllegalArgumentException("signer key ID " + hashKey[0] + " does not match its key: got "
          + NoteFormat.hex8(s.keyId));
    }
    return s;
  }

  public String name() {
    return name;
  }

  /** The 32-bit key ID that prefixes every signature. */
  public int keyId() {
    return keyId;
  }

  /** The raw 32-byte Ed25519 public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The secret signer key string; keep it secret. */
  public String signerKey() {
    return PRIVATE_PREFIX + name + "+" + NoteFormat.hex8(keyId) + "+"
        + Base64.getEncoder().encodeToString(typed(seed));
  }

  /** The public verifier key string {@code <name>+<hex key ID>+base64(0x01 || public key)}. */
  public String verifierKey() {
    return name + "+" + NoteFormat.hex8(keyId) + "+" + Base64.getEncoder().encodeToString(typed(publicKey));
  }

  /** The verifier of this key. */
  public NoteVerifier verifier() {
    return new NoteVerifier(verifierKey());
  }

  /**
   * Signs {@code text} and returns the whole note: the text, a blank line and this key's
   * signature line.
   *
   * @throws IllegalArgumentException if the text does not end with a newline or has a control
   *     character other than newline (verifiers would refuse the note)
   */
  public String sign(String text) {
    return text + "\n" + signatureLine(text) + "\n";
  }

  /**
   * The signature line {@code — <name> <base64>} (without newline) over {@code text}, e.g. to add
   * a cosignature to an existing note.
   */
  public String signatureLine(String text) {
    Objects.requireNonNull(text, "text");
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("note text must end with a newline");
    }
    int ctl = NoteFormat.firstControlCharacter(text);
    if (ctl >= 0) {
      throw new IllegalArgumentException("note text has control character " + (int) text.charAt(ctl) + " at " + ctl);
    }
    if (!NoteFormat.isWellFormed(text)) {
      throw new IllegalArgumentException("note text is not well-formed Unicode");
    }
    byte[] sig = Ed25519.sign(privateKey, text.getBytes(StandardCharsets.UTF_8));
    byte[] withId = ByteBuffer.allocate(4 + sig.length).putInt(keyId).put(sig).array();
    return NoteFormat.SIGNATURE_PREFIX + name + " " + Base64.getEncoder().encodeToString(withId);
  }

  @Override
  public String toString() {
    // Never the secret.
    return "Ed25519NoteSigner[" + name + "+" + NoteFormat.hex8(keyId) + "]";
  }

  /** The private key, for {@link WitnessSigner}, which cosigns with the same key material. */
  PrivateKey privateKey() {
    return privateKey;
  }

  static byte[] typed(byte[] key) {
    byte[] out = new byte[key.length + 1];
    out[0] = NoteFormat.ALG_ED25519;
    System.arraycopy(key, 0, out, 1, key.length);
    return out;
  }


}
