package org.glassplate.server.sharing.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@link HttpSigner} and {@link HttpVerifier}: RFC 9421's Ed25519 example, then the federation policy. */
class HttpSignatureTest {
  static final PrivateKey RFC_PRIVATE = Ed25519Keys.privateKeyFromPem(Vectors.text("rfc9421-test-key-ed25519.private.pem"));
  static final PublicKey RFC_PUBLIC = Ed25519Keys.publicKeyFromPem(Vectors.text("rfc9421-test-key-ed25519.public.pem"));
  static final String RFC_SIGNATURE =
      "wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==";
  /** RFC 9421 B.2.6's own parameters have neither expires nor nonce; nothing else is relaxed. */
  static final SignaturePolicy RFC_EXAMPLE_POLICY =
      new SignaturePolicy(Set.of(), false, false, Duration.ofSeconds(60), Duration.ofMinutes(5));

  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  static final KeyPair AGENCY_A = generate();
  static final String BODY = "{\"plate\":\"7ABC123\",\"caseNumber\":\"24-000123\",\"reason\":\"stolen vehicle\"}";

  // --- RFC 9421 appendix B.2.6 ---

  @Test
  void signsRfc9421sTestRequestExactlyAsAppendixB26() {
    SignatureHeaders headers = new HttpSigner(RFC_PRIVATE).sign(Vectors.testRequest(), "sig-b26", SignatureBaseTest.B26);
    Map<String, List<String>> want = Vectors.fields(Vectors.text("rfc9421-b26-signature-fields.txt").lines().toList());
    assertThat(headers.signatureInput()).isEqualTo(want.get("Signature-Input").get(0));
    assertThat(headers.signature()).isEqualTo(want.get("Signature").get(0)).isEqualTo("sig-b26=:" + RFC_SIGNATURE + ":");
  }

  @Test
  void verifiesAppendixB26sFieldsAtItsCreatedTime() throws SignatureRejected {
    VerifiedSignature v = rfcVerifier(RFC_EXAMPLE_POLICY).verify(rfcSignedRequest(), "sig-b26");
    assertThat(v.keyId()).isEqualTo("test-key-ed25519");
    assertThat(v.parameters().components()).isEqualTo(SignatureBaseTest.B26_COMPONENTS);
    assertThat(v.parameters().created()).isEqualTo(Instant.ofEpochSecond(1618884473));
  }

  @Test
  void theFederationPolicyRefusesAppendixB26() {
    assertThatThrownBy(() -> rfcVerifier(SignaturePolicy.FEDERATION).verify(rfcSignedRequest(), "sig-b26"))
        .isInstanceOf(SignatureRejected.class)
        .hasMessage("COMPONENT_NOT_COVERED: @target-uri content-digest"
            + " (covered: date @method @path @authority content-type content-length)");
  }

  @Test
  void readsTheRfcTestKeyFromItsRawBytes() throws SignatureRejected {
    // the "x" of the JWK in RFC 9421 appendix B.1.4
    byte[] raw = Base64.getUrlDecoder().decode("JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs");
    assertThat(Ed25519Keys.raw(RFC_PUBLIC)).isEqualTo(raw);
    PublicKey fromRaw = Ed25519Keys.publicKey(raw);
    new HttpVerifier(RFC_EXAMPLE_POLICY, id -> Optional.of(fromRaw), (k, n, e) -> true,
        Clock.fixed(Instant.ofEpochSecond(1618884473), ZoneOffset.UTC)).verify(rfcSignedRequest(), "sig-b26");
  }

  // --- federation: the strict policy ---

  @Test
  void acceptsASignedFederationRequestOnce() throws SignatureRejected {
    Set<String> seen = new HashSet<>();
    HttpVerifier verifier = verifier(seen);
    VerifiedSignature v = verifier.verify(signed(federationParams()), "sig1");
    assertThat(v.keyId()).isEqualTo("agency-a");
    assertThat(v.parameters().nonce()).isEqualTo("nonce-1");
    assertThat(seen).containsExactly("agency-a nonce-1");
    assertThatThrownBy(() -> verifier.verify(signed(federationParams()), "sig1"))
        .isInstanceOf(SignatureRejected.class).hasMessage("REPLAYED: the nonce was already used with this key");
  }

  @Test
  void allowsSixtySecondsOfClockSkewOnCreated() throws SignatureRejected {
    verifier(new HashSet<>()).verify(signed(SignatureParameters.forFederation("agency-a", NOW.plusSeconds(60),
        NOW.plusSeconds(120), "n")), "sig1");
  }

  @Test
  void givesTheReplayCheckTheExpiryAndOnlyForAuthenticRequests() throws SignatureRejected {
    List<Instant> asked = new ArrayList<>();
    HttpVerifier verifier = new HttpVerifier(SignaturePolicy.FEDERATION, keys(), (k, n, e) -> asked.add(e), clock());
    RequestMessage forged = new RequestMessage("POST", URI.create("https://node-b.example/api/v1/federation/searches?x"),
        signed(federationParams()).fields(), BODY.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> verifier.verify(forged, "sig1")).isInstanceOf(SignatureRejected.class);
    assertThat(asked).isEmpty();
    verifier.verify(signed(federationParams()), "sig1");
    assertThat(asked).containsExactly(NOW.plusSeconds(120));
  }

  record Failure(String what, SignatureFailure want, RequestMessage message, HttpVerifier verifier, String label) {
  }

  /** Every reason code is reachable, and each is what the case says. */
  @Test
  void rejectsEachFaultWithItsOwnCode() throws SignatureRejected {
    RequestMessage good = signed(federationParams());
    HttpVerifier strict = verifier(new HashSet<>());
    Set<String> once = new HashSet<>();
    verifier(once).verify(good, "sig1");

    List<Failure> cases = List.of(
        new Failure("no signature", SignatureFailure.MISSING_SIGNATURE, unsigned(), strict, "sig1"),
        new Failure("another label", SignatureFailure.MISSING_SIGNATURE, good, strict, "sig2"),
        new Failure("broken Signature-Input", SignatureFailure.MALFORMED,
            replaceField(good, "signature-input", "sig1=(\"@method\""), strict, "sig1"),
        new Failure("signature not a byte sequence", SignatureFailure.MALFORMED,
            replaceField(good, "signature", "sig1=\"abc\""), strict, "sig1"),
        new Failure("no nonce", SignatureFailure.MISSING_PARAMETER, signed(SignatureParameters.of(
            SignatureParameters.FEDERATION_COMPONENTS, NOW, NOW.plusSeconds(60), null, "agency-a", "ed25519")),
            strict, "sig1"),
        new Failure("no expires", SignatureFailure.MISSING_PARAMETER, signed(SignatureParameters.of(
            SignatureParameters.FEDERATION_COMPONENTS, NOW, null, "n", "agency-a", "ed25519")), strict, "sig1"),
        new Failure("content-digest dropped", SignatureFailure.MISSING_COMPONENT,
            replaceField(good, "content-digest", null), strict, "sig1"),
        new Failure("content-digest not covered", SignatureFailure.COMPONENT_NOT_COVERED, signed(SignatureParameters.of(
            List.of("@method", "@target-uri"), NOW, NOW.plusSeconds(60), "n", "agency-a", "ed25519")), strict, "sig1"),
        new Failure("alg hmac", SignatureFailure.WRONG_ALGORITHM, replaceField(good, "signature-input",
            good.field("signature-input").get(0).replace("alg=\"ed25519\"", "alg=\"hmac-sha256\"")), strict, "sig1"),
        new Failure("an RSA key for the keyid", SignatureFailure.WRONG_ALGORITHM, good,
            new HttpVerifier(SignaturePolicy.FEDERATION, id -> Optional.of(rsaPublicKey()), (k, n, e) -> true, clock()),
            "sig1"),
        new Failure("unknown agency", SignatureFailure.UNKNOWN_KEY, signed(SignatureParameters.forFederation(
            "agency-z", NOW, NOW.plusSeconds(60), "n")), strict, "sig1"),
        new Failure("altered path", SignatureFailure.BAD_SIGNATURE, new RequestMessage("POST",
            URI.create("https://node-b.example/api/v1/federation/searches/other"), good.fields(), body()), strict, "sig1"),
        new Failure("altered method", SignatureFailure.BAD_SIGNATURE, new RequestMessage("PUT",
            good.targetUri(), good.fields(), body()), strict, "sig1"),
        new Failure("signed with another agency's key", SignatureFailure.BAD_SIGNATURE,
            signed(federationParams(), RFC_PRIVATE), strict, "sig1"),
        new Failure("created in the future", SignatureFailure.NOT_YET_VALID, signed(SignatureParameters.forFederation(
            "agency-a", NOW.plusSeconds(61), NOW.plusSeconds(120), "n")), strict, "sig1"),
        new Failure("expired", SignatureFailure.EXPIRED, signed(SignatureParameters.forFederation(
            "agency-a", NOW.minusSeconds(300), NOW.minusSeconds(1), "n")), strict, "sig1"),
        new Failure("expires before created", SignatureFailure.MALFORMED, signed(SignatureParameters.forFederation(
            "agency-a", NOW, NOW.minusSeconds(1), "n")), strict, "sig1"),
        new Failure("valid for ten minutes", SignatureFailure.WINDOW_TOO_LONG, signed(SignatureParameters.forFederation(
            "agency-a", NOW, NOW.plusSeconds(600), "n")), strict, "sig1"),
        new Failure("md5 digest only", SignatureFailure.UNSUPPORTED_DIGEST,
            signed(replaceField(unsigned(), "content-digest", "md5=:AAAA:"), federationParams(), AGENCY_A.getPrivate()),
            strict, "sig1"),
        new Failure("altered body", SignatureFailure.DIGEST_MISMATCH, new RequestMessage("POST", good.targetUri(),
            good.fields(), BODY.replace("7ABC123", "7ABC124").getBytes(StandardCharsets.UTF_8)), strict, "sig1"),
        new Failure("replayed nonce", SignatureFailure.REPLAYED, good, verifier(once), "sig1"));

    Set<SignatureFailure> reached = EnumSet.noneOf(SignatureFailure.class);
    for (Failure c : cases) {
      assertThatThrownBy(() -> c.verifier().verify(c.message(), c.label())).as(c.what())
          .isInstanceOfSatisfying(SignatureRejected.class, e -> {
            assertThat(e.failure()).as(c.what() + ": " + e.getMessage()).isEqualTo(c.want());
            assertThat(e.getMessage()).as(c.what()).startsWith(c.want().code() + ": ")
                .doesNotContain("7ABC12", "24-000123", "stolen", "agency-");
          });
      reached.add(c.want());
    }
    assertThat(reached).as("every code has a case").isEqualTo(EnumSet.allOf(SignatureFailure.class));
  }

  @Test
  void signerRefusesWhatItCannotSign() {
    HttpSigner signer = new HttpSigner(AGENCY_A.getPrivate());
    assertThatThrownBy(() -> signer.sign(replaceField(unsigned(), "content-digest", null), "sig1", federationParams()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot sign: MISSING_COMPONENT: content-digest");
    assertThatThrownBy(() -> signer.sign(unsigned(), "Sig1", federationParams()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- helpers ---

  static SignatureParameters federationParams() {
    return SignatureParameters.forFederation("agency-a", NOW, NOW.plusSeconds(120), "nonce-1");
  }

  static byte[] body() {
    return BODY.getBytes(StandardCharsets.UTF_8);
  }

  static RequestMessage unsigned() {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    fields.put("Content-Type", List.of("application/json"));
    fields.put("Content-Digest", List.of(ContentDigest.sha256(body())));
    return new RequestMessage("POST", URI.create("https://node-b.example/api/v1/federation/searches"), fields, body());
  }

  static RequestMessage signed(SignatureParameters params) {
    return signed(unsigned(), params, AGENCY_A.getPrivate());
  }

  static RequestMessage signed(SignatureParameters params, PrivateKey key) {
    return signed(unsigned(), params, key);
  }

  static RequestMessage signed(RequestMessage message, SignatureParameters params, PrivateKey key) {
    return new HttpSigner(key).sign(message, "sig1", params).addTo(message);
  }

  /** The message with a field's values replaced by one value, or removed when {@code value} is null. */
  static RequestMessage replaceField(RequestMessage m, String name, String value) {
    Map<String, List<String>> fields = new LinkedHashMap<>(m.fields());
    fields.remove(name);
    if (value != null) {
      fields.put(name, List.of(value));
    }
    return new RequestMessage(m.method(), m.targetUri(), fields, m.body());
  }

  static Function<String, Optional<PublicKey>> keys() {
    return id -> id.equals("agency-a") ? Optional.of(AGENCY_A.getPublic()) : Optional.empty();
  }

  static Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  static HttpVerifier verifier(Set<String> seen) {
    return new HttpVerifier(SignaturePolicy.FEDERATION, keys(), (k, n, e) -> seen.add(k + " " + n), clock());
  }

  static HttpVerifier rfcVerifier(SignaturePolicy policy) {
    return new HttpVerifier(policy, id -> id.equals("test-key-ed25519") ? Optional.of(RFC_PUBLIC) : Optional.empty(),
        (k, n, e) -> true, Clock.fixed(Instant.ofEpochSecond(1618884473), ZoneOffset.UTC));
  }

  static RequestMessage rfcSignedRequest() {
    RequestMessage m = Vectors.testRequest();
    for (Map.Entry<String, List<String>> e :
        Vectors.fields(Vectors.text("rfc9421-b26-signature-fields.txt").lines().toList()).entrySet()) {
      m = m.withField(e.getKey(), e.getValue().get(0));
    }
    return m;
  }

  static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static PublicKey rsaPublicKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(1024);
      return g.generateKeyPair().getPublic();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
