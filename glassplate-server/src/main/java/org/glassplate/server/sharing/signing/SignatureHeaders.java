package org.glassplate.server.sharing.signing;

import java.util.Objects;

/** The two header field values a signature adds to a request (RFC 9421 sections 4.1 and 4.2). */
public record SignatureHeaders(String signatureInput, String signature) {
  public static final String SIGNATURE_INPUT = "Signature-Input";
  public static final String SIGNATURE = "Signature";

  public SignatureHeaders {
    Objects.requireNonNull(signatureInput, "signatureInput");
    Objects.requireNonNull(signature, "signature");
  }

  /** {@code message} with both fields added. */
  public RequestMessage addTo(RequestMessage message) {
    return message.withField(SIGNATURE_INPUT, signatureInput).withField(SIGNATURE, signature);
  }
}
