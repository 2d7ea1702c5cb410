package org.glassplate.server.sharing.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentDigestTest {
  /** The content of RFC 9421's test request (appendix B.2), also RFC 9530's example content. */
  static final byte[] HELLO = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);
  static final String HELLO_SHA_256 = "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:";
  static final String HELLO_SHA_512 =
      "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:";

  @Test
  void computesTheRfcDigestsOfHelloWorld() {
    assertThat(ContentDigest.sha256(HELLO)).isEqualTo(HELLO_SHA_256);
    assertThat(ContentDigest.of(ContentDigest.SHA_512, HELLO)).isEqualTo(HELLO_SHA_512);
  }

  @Test
  void acceptsTheDigestOfRfc9421sTestRequest() throws SignatureRejected {
    RequestMessage request = Vectors.testRequest();
    assertThat(request.field("content-digest")).containsExactly(HELLO_SHA_512);
    ContentDigest.verify(request.field("content-digest").get(0), request.body());
  }

  /** RFC 9530 section 2's one-digest example is the sha-512 of the same JSON with a final LF. */
  @Test
  void acceptsRfc9530sSection2ExampleForItsContent() throws SignatureRejected {
    ContentDigest.verify(Vectors.line("rfc9530-section2-content-digest.txt"),
        "{\"hello\": \"world\"}\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parsesADictionaryOfSeveralDigests() throws SignatureRejected {
    Map<String, byte[]> digests = ContentDigest.parse(Vectors.line("rfc9530-section2-content-digest-two.txt"));
    assertThat(digests).containsOnlyKeys("sha-256", "sha-512");
    assertThat(digests.get("sha-256")).hasSize(32);
    assertThat(Base64.getEncoder().encodeToString(digests.get("sha-512")))
        .startsWith("YMAam51Jz/jOATT6").hasSize(88);
  }

  @Test
  void acceptsBothOfOurAlgorithmsTogetherAndIgnoresOthers() throws SignatureRejected {
    ContentDigest.verify(HELLO_SHA_256 + ", " + HELLO_SHA_512, HELLO);
    ContentDigest.verify("md5=:AAAA:, " + HELLO_SHA_512, HELLO);
  }

  @Test
  void refusesAnAlteredBody() {
    byte[] altered = "{\"hello\": \"World\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ContentDigest.verify(HELLO_SHA_256, altered))
        .isInstanceOf(SignatureRejected.class).hasMessage("DIGEST_MISMATCH: sha-256 of the body differs");
  }

  @Test
  void refusesWhenOneOfTwoKnownDigestsDiffers() {
    String wrong256 = ContentDigest.sha256(new byte[0]);
    assertThatThrownBy(() -> ContentDigest.verify(wrong256 + ", " + HELLO_SHA_512, HELLO))
        .isInstanceOf(SignatureRejected.class).extracting(e -> ((SignatureRejected) e).failure())
        .isEqualTo(SignatureFailure.DIGEST_MISMATCH);
  }

  @Test
  void refusesAFieldWithNoAlgorithmWeCompute() {
    assertThatThrownBy(() -> ContentDigest.verify("md5=:AAAA:, sha=:AAAA:", HELLO))
        .isInstanceOf(SignatureRejected.class).extracting(e -> ((SignatureRejected) e).failure())
        .isEqualTo(SignatureFailure.UNSUPPORTED_DIGEST);
  }

  @Test
  void refusesMalformedFieldsWithoutQuotingThem() {
    for (String field : new String[] {"", "sha-256", "sha-256=\"abc\"", "sha-256=:not base64!:", "SHA-256=:AAAA:",
        "sha-256=:AAAA:,", "sha-256=:AAAA: sha-512=:AAAA:", "sha-256=:AAAA:, sha-256=:AAAA:"}) {
      assertThatThrownBy(() -> ContentDigest.verify(field, HELLO)).as(field)
          .isInstanceOf(SignatureRejected.class)
          .hasMessageStartingWith("MALFORMED: Content-Digest")
          .extracting(e -> ((SignatureRejected) e).failure()).isEqualTo(SignatureFailure.MALFORMED);
    }
  }
}
