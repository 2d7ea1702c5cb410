package org.glassplate.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {
  // RFC 6238 appendix B: SHA-1 key "12345678901234567890" in base32; 6-digit codes are the last six digits
  private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

  @Test
  void matchesTheRfc6238TestVectors() {
    assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
    assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
    assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
  }

  @Test
  void acceptsOneStepOfDriftEitherWayAndSaysWhichStep() {
    Instant now = Instant.ofEpochSecond(1111111109);
    long step = Totp.step(now);

    assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now)).hasValue(step - 1);
    assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step), now)).hasValue(step);
    assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now)).hasValue(step + 1);
    assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 2), now)).isEmpty();
    assertThat(Totp.matchingStep(RFC_SECRET, "12345", now)).isEmpty();
    assertThat(Totp.matchingStep(RFC_SECRET, null, now)).isEmpty();
  }

  @Test
  void makesAnOtpauthUriAndAQrCode() {
    String uri = Totp.uri(RFC_SECRET, "ivy");

    assertThat(uri).startsWith("otpauth://totp/").contains("secret=" + RFC_SECRET, "issuer=Glassplate", "digits=6",
        "period=30");
    assertThat(QrCodes.svgDataUri(uri)).startsWith("data:image/svg+xml;base64,");
  }
}
