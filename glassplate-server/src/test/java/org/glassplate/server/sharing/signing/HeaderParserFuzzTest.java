package org.glassplate.server.sharing.signing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fuzzes the reading of Signature-Input, Signature and Content-Digest (issue 14): whatever a partner
 * (or anyone) sends in them, the verifier answers a {@link SignatureRejected} with one of its codes
 * (or, for a real signature, accepts), never another exception, which would be a 500; and a
 * rejection never quotes what was sent.
 *
 * <p>The input is three lines: Signature-Input, Signature and Content-Digest. {@code mvn verify}
 * runs this on its seed inputs only (Jazzer's regression mode), the files under
 * {@code src/test/resources/org/glassplate/server/sharing/signing/HeaderParserFuzzTestInputs/rejectsOrAcceptsAnyHeaders/}.
 * To fuzz for a minute (a finding is saved there as a new input, to commit with its fix):
 * <pre>
 * JAZZER_FUZZ=1 flock /tmp/glassplate-maven.lock mvn -B -o -pl glassplate-server test \
 *     -Dtest=HeaderParserFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class HeaderParserFuzzTest {
  static final HttpVerifier VERIFIER = new HttpVerifier(
      new SignaturePolicy(java.util.Set.of("@method"), false, false, java.time.Duration.ofSeconds(60),
          java.time.Duration.ofMinutes(5)),
      id -> Optional.of(HttpSignatureTest.RFC_PUBLIC), (k, n, e) -> true,
      Clock.fixed(Instant.ofEpochSecond(1618884473), ZoneOffset.UTC));

  @FuzzTest(maxDuration = "60s")
  void rejectsOrAcceptsAnyHeaders(byte[] input) {
    String text = new String(input, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\n", -1);
    Map<String, List<String>> fields = new LinkedHashMap<>();
    fields.put("Signature-Input", List.of(lines[0]));
    if (lines.length > 1) {
      fields.put("Signature", List.of(lines[1]));
    }
    if (lines.length > 2) {
      fields.put("Content-Digest", List.of(lines[2]));
    }
    fields.put("Date", List.of("Tue, 20 Apr 2021 02:07:55 GMT"));
    RequestMessage message = new RequestMessage("POST", URI.create("https://example.com/foo?param=Value&Pet=dog"), fields,
        "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8));
    for (String label : List.of("sig1", "sig-b26")) {
      try {
        assertNotNull(VERIFIER.verify(message, label));
      } catch (SignatureRejected e) {
        checkMessage(e, lines);
      }
    }
    if (lines.length > 2) {
      try {
        assertNotNull(ContentDigest.parse(lines[2]));
      } catch (SignatureRejected e) {
        checkMessage(e, lines);
      }
    }
  }

  private static void checkMessage(SignatureRejected e, String[] lines) {
    assertTrue(e.getMessage().startsWith(e.code() + ": "), e.getMessage());
    for (String line : lines) {
      if (line.length() >= 24) {
        assertFalse(e.getMessage().contains(line), "the message quotes an input");
      }
    }
  }
}
