package org.glassplate.log;

/**
 * A Merkle inclusion or consistency proof does not verify (RFC 9162 §2.1.3.2, §2.1.4.2). The
 * message says what was expected and what was found.
 */
public class ProofVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  public ProofVerificationException(String message) {
    super(message);
  }
}
