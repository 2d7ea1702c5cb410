package org.glassplate.server.sharing.signing;

/**
 * Why a signed request was rejected: one stable code per reason (the constant's name, never its
 * ordinal), for the federation endpoint to map to its refusal and to put on the record.
 */
public enum SignatureFailure {
  MISSING_SIGNATURE("no Signature-Input or Signature for the expected label"),
  MALFORMED("a Signature-Input, Signature or Content-Digest that is not valid structured fields, or a parameter of the wrong type"),
  MISSING_PARAMETER("a signature parameter the policy requires (created, expires, nonce, keyid) is absent"),
  MISSING_COMPONENT("a covered component is not in the message"),
  COMPONENT_NOT_COVERED("the signature does not cover a component the policy requires"),
  WRONG_ALGORITHM("the alg parameter or the key is not ed25519"),
  UNKNOWN_KEY("no public key is known for the keyid"),
  BAD_SIGNATURE("the signature does not verify over the signature base"),
  NOT_YET_VALID("created is later than now plus the allowed clock skew"),
  EXPIRED("expires is before now"),
  WINDOW_TOO_LONG("expires is further after created than the policy allows"),
  UNSUPPORTED_DIGEST("the Content-Digest has no digest with an algorithm we compute (sha-256, sha-512)"),
  DIGEST_MISMATCH("a digest in the Content-Digest does not match the body"),
  REPLAYED("the nonce was already used with this key");

  private final String meaning;

  SignatureFailure(String meaning) {
    this.meaning = meaning;
  }

  /** The stable code: the constant's name. */
  public String code() {
    return name();
  }

  /** What the code means. */
  public String meaning() {
    return meaning;
  }
}
