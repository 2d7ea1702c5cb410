package org.glassplate.server.sharing.signing;

/** A signature that passed every check: its label, the keyid (the requesting agency) and parameters. */
public record VerifiedSignature(String label, String keyId, SignatureParameters parameters) {
}
